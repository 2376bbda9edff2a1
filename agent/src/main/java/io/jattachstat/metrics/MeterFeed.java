package io.jattachstat.metrics;

import io.jattachstat.snapshot.AgentStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The agent's meters as a feed that binders subscribe to: a new subscriber gets every current meter
 * at once, on its own thread; later additions and removals (listeners come and go, the hooks finish
 * installing) reach every subscriber in order on the agent's {@code jattachstat-meters} thread, so
 * that no Micrometer registry is ever called from inside a /proc read or a hook.
 *
 * <p>Its type is a JDK function so that binders in any class loader can call it: subscribe with a
 * consumer of meter events (see {@link MeterSpec#event}), get back what ends the subscription.
 */
public final class MeterFeed implements Function<Consumer<Map<String, Object>>, AutoCloseable> {
    private final AgentStatus status;
    private final Map<String, MeterSpec> meters = new LinkedHashMap<>();
    private final List<Consumer<Map<String, Object>>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;

    public MeterFeed(AgentStatus status) {
        this.status = status;
        // One daemon thread, started on first use and gone after a minute without work.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "jattachstat-meters");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.dispatcher = pool;
    }

    @Override
    public synchronized AutoCloseable apply(Consumer<Map<String, Object>> subscriber) {
        for (MeterSpec m : meters.values()) {
            deliver(subscriber, m.event("add"));
        }
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public synchronized void add(MeterSpec meter) {
        if (meters.putIfAbsent(meter.key(), meter) == null) {
            publish(meter.event("add"));
        }
    }

    /** Makes the meters named {@code name} exactly {@code wanted}: adds the new ones, removes the gone. */
    public synchronized void replace(String name, List<MeterSpec> wanted) {
        Map<String, MeterSpec> keep = new LinkedHashMap<>();
        wanted.forEach(m -> keep.put(m.key(), m));
        for (MeterSpec m : new ArrayList<>(meters.values())) {
            if (m.name().equals(name) && !keep.containsKey(m.key())) {
                meters.remove(m.key());
                publish(m.event("remove"));
            }
        }
        keep.values().forEach(this::add);
    }

    public synchronized List<MeterSpec> meters() {
        return List.copyOf(meters.values());
    }

    public int subscribers() {
        return subscribers.size();
    }

    private void publish(Map<String, Object> event) {
        if (subscribers.isEmpty()) {
            return;
        }
        List<Consumer<Map<String, Object>>> now = List.copyOf(subscribers);
        dispatcher.execute(() -> now.forEach(s -> deliver(s, event)));
    }

    private void deliver(Consumer<Map<String, Object>> subscriber, Map<String, Object> event) {
        try {
            subscriber.accept(event);
        } catch (RuntimeException | LinkageError e) {
            status.error("metrics binder", e);
        }
    }
}
