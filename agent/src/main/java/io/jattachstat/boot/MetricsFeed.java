package io.jattachstat.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where an application's {@code JattachstatMetrics} binder finds the agent: this class sits at the
 * agent jar's root, so it is loaded by the system class loader, which every application loader
 * reaches. The feed itself lives in the agent's isolated loader; only JDK types cross over.
 *
 * <p>The agent starts on a thread of its own, so an application may bind before its feed exists:
 * from the moment the agent is loaded such a subscription is kept here and handed to the feed when
 * it comes, so that binding early loses nothing.
 */
public final class MetricsFeed {
    private static final Object LOCK = new Object();
    private static Function<Consumer<Map<String, Object>>, AutoCloseable> agentFeed;
    private static boolean expected;
    private static final List<Early> EARLY = new ArrayList<>();

    /** Subscribes while the agent is still starting: kept until {@link #publish}. */
    private static final Function<Consumer<Map<String, Object>>, AutoCloseable> DEFERRED =
            new Function<Consumer<Map<String, Object>>, AutoCloseable>() {
                @Override
                public AutoCloseable apply(Consumer<Map<String, Object>> subscriber) {
                    synchronized (LOCK) {
                        if (agentFeed != null) {
                            return agentFeed.apply(subscriber);
                        }
                        Early e = new Early(subscriber);
                        EARLY.add(e);
                        return e;
                    }
                }
            };

    private MetricsFeed() {
    }

    /**
     * Subscribes with a consumer of meter events and returns what ends the subscription; null if no
     * agent was loaded into this JVM.
     */
    public static Function<Consumer<Map<String, Object>>, AutoCloseable> feed() {
        synchronized (LOCK) {
            return agentFeed != null ? agentFeed : expected ? DEFERRED : null;
        }
    }

    /** The agent is loaded and starting. */
    static void expect() {
        synchronized (LOCK) {
            expected = true;
        }
    }

    static void publish(Function<Consumer<Map<String, Object>>, AutoCloseable> feed) {
        synchronized (LOCK) {
            agentFeed = feed;
            for (Early e : EARLY) {
                e.subscription = feed.apply(e.subscriber);
            }
            EARLY.clear();
        }
    }

    /** A subscription made before the feed existed. */
    private static final class Early implements AutoCloseable {
        final Consumer<Map<String, Object>> subscriber;
        AutoCloseable subscription;

        Early(Consumer<Map<String, Object>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void close() throws Exception {
            AutoCloseable s;
            synchronized (LOCK) {
                EARLY.remove(this);
                s = subscription;
            }
            if (s != null) {
                s.close();
            }
        }
    }
}
