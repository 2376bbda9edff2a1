package io.jattachstat.origins;

/**
 * How many stack walks the hooks may make in sampled mode. A walk to the origin frame costs a few
 * microseconds inside the application's socket call: nothing for a service that opens a few hundred
 * sockets a second, 5 % or more for a loop that connects and closes 15,000 times a second. So every
 * event is walked until {@code perSecond} walks were made in the current second; past that, one
 * event in k, where k is the previous second's rate over the budget. Counts are racy on purpose:
 * sampling needs no exact count, and a hook must not contend.
 */
final class WalkBudget {
    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private long windowStart = System.nanoTime();
    private int events;
    private int walks;
    private int every = 2;
    private int tick;
    private volatile long skipped;

    WalkBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    /** True if this event may walk the stack. */
    boolean allow() {
        long now = System.nanoTime();
        if (now - windowStart >= SECOND) {
            every = Math.max(2, events / Math.max(1, perSecond));
            events = 0;
            walks = 0;
            windowStart = now;
        }
        events++;
        if (walks < perSecond || ++tick % every == 0) {
            walks++;
            return true;
        }
        skipped++;
        return false;
    }

    int perSecond() {
        return perSecond;
    }

    /** Events that were not walked since the agent started (about: the count is racy). */
    long skipped() {
        return skipped;
    }
}
