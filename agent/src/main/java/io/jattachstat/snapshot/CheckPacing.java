package io.jattachstat.snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How long the agent waits between the looks it takes unasked (listener MBeans, meters, alerts): the
 * {@code check} option, stretched so that looking costs at most {@value #BUDGET_PERCENT} % of one
 * core. A look's cost follows the JVM's own sockets when the agent can ask the kernel per fd; where
 * it cannot (JNA refused: JDK 24+ without native access, {@code jna=false}) it reads {@code /proc},
 * whose cost follows the host's sockets, and at 100k of them one look costs tens of milliseconds:
 * the interval grows instead of the CPU. The Agent MBean shows the interval in force and why.
 */
public final class CheckPacing {
    public static final double BUDGET_PERCENT = 0.5;
    /**
     * What the interval is planned for: below the budget, since a look grows dearer as looks grow
     * rarer (colder code and caches), and the look after a stretch costs more than the ones before.
     */
    private static final double PLANNED_PERCENT = 0.4;
    /**
     * However costly a look, the alerts still come within ten minutes (a look at a million host
     * sockets in /proc costs about 1.5 s: 0.4 % of a core is one look every six minutes).
     */
    static final long MAX_INTERVAL_MILLIS = 600_000;
    /** Weight of the newest look in the cost estimate: how fast the interval comes back after a dear look. */
    private static final double NEWEST = 0.3;

    private final LongSupplier configuredMillis;
    private final Supplier<String> source;
    private double costNanos = -1;
    private volatile long intervalMillis;
    private volatile String why;

    /**
     * @param configuredMillis the interval the options ask for
     * @param source           where the looks read the sockets from, for the reason shown
     */
    public CheckPacing(LongSupplier configuredMillis, Supplier<String> source) {
        this.configuredMillis = configuredMillis;
        this.source = source;
        this.intervalMillis = configuredMillis.getAsLong();
        this.why = "the check option (no look taken yet)";
    }

    /** The CPU time this thread has used, in ns (wall-clock time where the JVM cannot tell). */
    public static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Called after each look with the CPU it took; the delay before the next. */
    public synchronized long after(long cpuNanos) {
        costNanos = costNanos < 0 ? cpuNanos : NEWEST * cpuNanos + (1 - NEWEST) * costNanos;
        long configured = configuredMillis.getAsLong();
        // The estimate lags a cost that grows (a look grows dearer as the code it runs cools down
        // between looks): plan for the dearer of the estimate and the last look.
        long needed = (long) Math.ceil(Math.max(costNanos, cpuNanos) / 1e6 * 100 / PLANNED_PERCENT);
        long interval = Math.min(Math.max(configured, needed), Math.max(configured, MAX_INTERVAL_MILLIS));
        String cost = String.format(Locale.ROOT, "a look costs %.1f ms of CPU, reading the sockets %s", costNanos / 1e6,
                source.get());
        if (interval == configured) {
            why = "the check option; " + cost;
        } else if (interval < needed) {
            why = "stretched to its maximum from " + configured + " ms (check option): " + cost
                    + ", over the " + BUDGET_PERCENT + " % of one core allowed even so";
        } else {
            why = "stretched from " + configured + " ms (check option) to keep under " + BUDGET_PERCENT
                    + " % of one core: " + cost;
        }
        intervalMillis = interval;
        return interval;
    }

    /** The interval in force. */
    public long intervalMillis() {
        return intervalMillis;
    }

    /** Why it is what it is. */
    public String why() {
        return why;
    }
}
