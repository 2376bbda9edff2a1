package io.jattachstat.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --blocked} shows: the threads blocked on sockets and, apart, those waiting in a selector.
 */
public record BlockedThreads(List<ThreadWait> onSockets, List<SelectorWait> inSelectors) {
    /**
     * Waits the agent recorded younger than this are operations in progress (a read that finds its
     * data within microseconds is bracketed too), not threads stuck on a socket.
     */
    public static final long IN_PROGRESS_MILLIS = 10;

    public BlockedThreads {
        onSockets = List.copyOf(onSockets);
        inSelectors = List.copyOf(inSelectors);
    }

    /**
     * The waits the agent recorded joined with what /proc shows: a /proc wait on the same fd in the
     * same direction is the same wait, which the agent knows better (its Java thread, exact time,
     * configured timeout); /proc adds the waits no hook saw (native code, a JDK class no hook
     * covers). Then the agent's waits still in progress are left out.
     */
    public static BlockedThreads merge(List<ThreadWait> recorded, BlockedThreads fromProc) {
        List<ThreadWait> out = new ArrayList<>();
        for (ThreadWait w : recorded) {
            if (w.waitedMillis() >= IN_PROGRESS_MILLIS) {
                out.add(w);
            }
        }
        for (ThreadWait p : fromProc.onSockets()) {
            boolean known = recorded.stream().anyMatch(r -> r.fd() == p.fd() && r.waitsForInput() == p.waitsForInput());
            if (!known) {
                out.add(p);
            }
        }
        return new BlockedThreads(out, fromProc.inSelectors());
    }
}
