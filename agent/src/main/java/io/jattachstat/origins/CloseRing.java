package io.jattachstat.origins;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last closes, kept about as long as the kernel keeps TIME_WAIT (60 s): a fixed array written
 * round-robin with one atomic increment per close, so a TIME_WAIT storm costs no more memory than
 * the ring's size. If closes come faster than the ring holds for a minute, the oldest are lost and
 * {@link #wrappedWithin} says so.
 */
final class CloseRing {
    private final AtomicReferenceArray<ClosedSocket> slots;
    private final int mask;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong byCleaner = new AtomicLong();

    CloseRing(int capacityPowerOfTwo) {
        slots = new AtomicReferenceArray<>(capacityPowerOfTwo);
        mask = capacityPowerOfTwo - 1;
    }

    void add(ClosedSocket c) {
        slots.set((int) (written.getAndIncrement() & mask), c);
        if (c.byCleaner()) {
            byCleaner.incrementAndGet();
        }
    }

    /** The closes of the last {@code windowMillis}, oldest first. */
    List<ClosedSocket> since(long nowMillis, long windowMillis) {
        long from = nowMillis - windowMillis;
        List<ClosedSocket> out = new ArrayList<>();
        long end = written.get();
        for (long i = Math.max(0, end - slots.length()); i < end; i++) {
            ClosedSocket c = slots.get((int) (i & mask));
            if (c != null && c.closedMillis() >= from) {
                out.add(c);
            }
        }
        return out;
    }

    /** True if entries younger than the window were overwritten: counts over it are lower bounds. */
    boolean wrappedWithin(long nowMillis, long windowMillis) {
        long end = written.get();
        if (end <= slots.length()) {
            return false;
        }
        ClosedSocket oldest = slots.get((int) (end & mask));
        return oldest != null && oldest.closedMillis() >= nowMillis - windowMillis;
    }

    int capacity() {
        return slots.length();
    }

    int used() {
        return (int) Math.min(written.get(), slots.length());
    }

    /** Every close recorded since the agent started. */
    long total() {
        return written.get();
    }

    long totalByCleaner() {
        return byCleaner.get();
    }

    /** Rough bytes: the slots, and the entries (each with two addresses). */
    long retainedBytes() {
        return 16 + 4L * slots.length() + used() * 160L;
    }
}
