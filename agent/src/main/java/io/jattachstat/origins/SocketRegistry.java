package io.jattachstat.origins;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The live records, indexed by fd. File descriptors are small dense integers, so this is an array
 * of lazily created chunks: lookups and updates are a few loads and one CAS, with no lock (a hook
 * must never block, nor pin a virtual thread's carrier) and no boxing. At most {@code max} records are
 * kept; sockets beyond that go unrecorded and are counted.
 */
final class SocketRegistry {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_FD = 1 << 24;

    private final AtomicReferenceArray<AtomicReferenceArray<SocketRecord>> chunks =
            new AtomicReferenceArray<>(MAX_FD >> CHUNK_BITS);
    private final AtomicInteger size = new AtomicInteger();
    private final int max;
    private volatile long dropped;

    SocketRegistry(int max) {
        this.max = max;
    }

    /** Stores {@code r} on its fd, replacing whatever was there (that fd was closed unseen). */
    boolean put(SocketRecord r) {
        AtomicReferenceArray<SocketRecord> chunk = chunk(r.fd(), true);
        if (chunk == null) {
            return false;
        }
        int slot = r.fd() & (CHUNK - 1);
        SocketRecord before = chunk.get(slot);
        if (before == null && size.get() >= max) {
            dropped++; // a racy count is fine: it only says "some were dropped"
            return false;
        }
        before = chunk.getAndSet(slot, r);
        if (before == null) {
            size.incrementAndGet();
        }
        return true;
    }

    SocketRecord get(int fd) {
        AtomicReferenceArray<SocketRecord> chunk = chunk(fd, false);
        return chunk == null ? null : chunk.get(fd & (CHUNK - 1));
    }

    /** Removes and returns the record on {@code fd}, if any. */
    SocketRecord remove(int fd) {
        AtomicReferenceArray<SocketRecord> chunk = chunk(fd, false);
        if (chunk == null) {
            return null;
        }
        SocketRecord r = chunk.getAndSet(fd & (CHUNK - 1), null);
        if (r != null) {
            size.decrementAndGet();
        }
        return r;
    }

    /** Removes {@code r} only if it is still the record on its fd. */
    void removeExactly(SocketRecord r) {
        AtomicReferenceArray<SocketRecord> chunk = chunk(r.fd(), false);
        if (chunk != null && chunk.compareAndSet(r.fd() & (CHUNK - 1), r, null)) {
            size.decrementAndGet();
        }
    }

    List<SocketRecord> all() {
        List<SocketRecord> out = new ArrayList<>(size.get());
        for (int c = 0; c < chunks.length(); c++) {
            AtomicReferenceArray<SocketRecord> chunk = chunks.get(c);
            if (chunk == null) {
                continue;
            }
            for (int i = 0; i < CHUNK; i++) {
                SocketRecord r = chunk.get(i);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    int size() {
        return size.get();
    }

    int max() {
        return max;
    }

    long dropped() {
        return dropped;
    }

    /** Bytes held by the index itself (chunks allocated so far). */
    long indexBytes() {
        long n = 0;
        for (int c = 0; c < chunks.length(); c++) {
            if (chunks.get(c) != null) {
                n += 16 + 4L * CHUNK;
            }
        }
        return n + 16 + 4L * chunks.length();
    }

    private AtomicReferenceArray<SocketRecord> chunk(int fd, boolean create) {
        if (fd < 0 || fd >= MAX_FD) {
            return null;
        }
        int c = fd >>> CHUNK_BITS;
        AtomicReferenceArray<SocketRecord> chunk = chunks.get(c);
        if (chunk == null && create) {
            chunks.compareAndSet(c, null, new AtomicReferenceArray<>(CHUNK));
            chunk = chunks.get(c);
        }
        return chunk;
    }
}
