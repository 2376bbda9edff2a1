package io.jattachstat.snapshot;

import java.util.Arrays;
import java.util.Locale;

/**
 * The durations of the last few per-fd reads, summed up for --agent: what one look at the JVM's
 * sockets costs it, which is what a look's cost should follow (the JVM's sockets, not the host's).
 */
final class ReadTimes {
    private static final int KEPT = 15;
    private final long[] nanos = new long[KEPT];
    private int count;
    private int sockets;

    synchronized void add(long tookNanos, int socketCount) {
        nanos[count++ % KEPT] = tookNanos;
        sockets = socketCount;
    }

    /** "median 7.9 ms (min 7.1 ms) over the last 15 reads, 1000 sockets", or "" before the first read. */
    @Override
    public synchronized String toString() {
        int n = Math.min(count, KEPT);
        if (n == 0) {
            return "";
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.2f ms (min %.2f ms) over the last %d reads, %d sockets",
                sorted[n / 2] / 1e6, sorted[0] / 1e6, n, sockets);
    }
}
