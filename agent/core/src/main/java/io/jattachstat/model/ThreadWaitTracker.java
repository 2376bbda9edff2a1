package io.jattachstat.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each blocked thread has been seen blocked, for a view that looks again and again (the
 * CLI's -c, an agent answering request after request): /proc shows what a thread waits in now, not
 * since when, so "at least since it was first seen" is what can be said. A wait is the same while
 * the thread, the call and the socket stay the same; one not seen in the latest look is forgotten.
 */
public final class ThreadWaitTracker {
    private record Key(int tid, String op, int fd, long inode) {
    }

    private Map<Key, Long> firstSeen = new HashMap<>();

    /** {@link #look(List, long)} for the socket waits of a whole {@code --blocked} look. */
    public BlockedThreads look(BlockedThreads blocked, long nowMillis) {
        return new BlockedThreads(look(blocked.onSockets(), nowMillis), blocked.inSelectors());
    }

    /**
     * Records one look, taken at {@code nowMillis}: the waits, each with how long it has been seen
     * (0 for a wait seen for the first time).
     */
    public synchronized List<ThreadWait> look(List<ThreadWait> waits, long nowMillis) {
        Map<Key, Long> seen = new HashMap<>();
        List<ThreadWait> out = new ArrayList<>(waits.size());
        for (ThreadWait w : waits) {
            Key k = new Key(w.tid(), w.op(), w.fd(), w.inode());
            long first = firstSeen.getOrDefault(k, nowMillis);
            seen.put(k, first);
            out.add(w.seenFor(nowMillis - first));
        }
        firstSeen = seen;
        return out;
    }
}
