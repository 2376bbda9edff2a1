package io.jattachstat.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Binds the jattachstat agent's socket meters ({@code process.sockets} and its kin, see
 * docs/metrics.md) to a Micrometer registry:
 * <pre>
 *   new JattachstatMetrics().bindTo(registry);
 * </pre>
 * The agent must be running in this JVM ({@code -javaagent} or attached); without it this binds
 * nothing and says so in {@link #agentLoaded()}. Without an explicit binding the agent binds the same
 * meters to {@code Metrics.globalRegistry} by itself (agent option {@code micrometer=false} turns that
 * off); binding both ways registers each meter once.
 *
 * <p>Values come from the agent's cached snapshot: scraping as often as you like reads /proc at most
 * once per the agent's refresh interval. Meters for listening ports come and go with the listeners.
 * Works with Micrometer 1.1 and newer; it uses nothing of the agent but JDK types.
 */
public final class JattachstatMetrics implements MeterBinder, AutoCloseable {
    private static final String FEED_HOLDER = "io.jattachstat.boot.MetricsFeed";

    private final Function<Consumer<Map<String, Object>>, AutoCloseable> feed;
    private final List<RegistryMeters> bound = new CopyOnWriteArrayList<>();

    /** The meters of the agent running in this JVM, if any. */
    public JattachstatMetrics() {
        this(agentFeed());
    }

    /** The agent's own zero-code binding passes its feed directly (it may not share our class path). */
    JattachstatMetrics(Function<Consumer<Map<String, Object>>, AutoCloseable> feed) {
        this.feed = feed;
    }

    /** Whether a jattachstat agent with metrics on runs in this JVM. */
    public static boolean agentLoaded() {
        return agentFeed() != null;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (feed == null) {
            return;
        }
        RegistryMeters meters = new RegistryMeters(registry);
        meters.subscription = feed.apply(meters);
        bound.add(meters);
    }

    /** Stops following the agent and removes its meters from every registry this bound them to. */
    @Override
    public void close() throws Exception {
        for (RegistryMeters m : bound) {
            m.close();
        }
        bound.clear();
    }

    /** The agent jar's root is on the system class path, wherever the application's classes are. */
    @SuppressWarnings("unchecked")
    private static Function<Consumer<Map<String, Object>>, AutoCloseable> agentFeed() {
        try {
            Class<?> holder = Class.forName(FEED_HOLDER, true, ClassLoader.getSystemClassLoader());
            return (Function<Consumer<Map<String, Object>>, AutoCloseable>) holder.getMethod("feed").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }

    /** One registry's copy of the agent's meters, following the feed's events. */
    private static final class RegistryMeters implements Consumer<Map<String, Object>> {
        private final MeterRegistry registry;
        private final Map<String, Meter> meters = new ConcurrentHashMap<>();
        private volatile AutoCloseable subscription;
        /** Set by close: an event the feed's thread was already delivering must not add a meter after it. */
        private boolean closed;

        RegistryMeters(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public synchronized void accept(Map<String, Object> event) {
            if (closed) {
                return;
            }
            String key = (String) event.get("key");
            if ("remove".equals(event.get("op"))) {
                Meter gone = meters.remove(key);
                if (gone != null) {
                    registry.remove(gone);
                }
            } else if (!meters.containsKey(key)) {
                meters.put(key, register(event));
            }
        }

        private Meter register(Map<String, Object> e) {
            String name = (String) e.get("name");
            String unit = (String) e.get("unit");
            String description = (String) e.get("description");
            Tags tags = Tags.of((String[]) e.get("tags"));
            DoubleSupplier value = (DoubleSupplier) e.get("value");
            if ("counter".equals(e.get("type"))) {
                return FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble)
                        .baseUnit(unit).description(description).tags(tags).register(registry);
            }
            return Gauge.builder(name, value, DoubleSupplier::getAsDouble)
                    .baseUnit(unit).description(description).tags(tags).strongReference(true).register(registry);
        }

        void close() throws Exception {
            AutoCloseable s = subscription;
            if (s != null) {
                s.close();
            }
            synchronized (this) {
                closed = true;
                meters.values().forEach(registry::remove);
                meters.clear();
            }
        }
    }
}
