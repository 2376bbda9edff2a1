package io.jattachstat.waits;

import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.model.ThreadWaitTracker;
import io.jattachstat.proc.FdTableReader;
import io.jattachstat.proc.ThreadWaitReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's answer to "which thread waits on which socket": what its wait hooks recorded (exact,
 * virtual threads too) joined with what its own /proc shows (threads no hook covers), each /proc
 * wait with how long the agent has seen it across the questions of the CLI and the MBean.
 */
public final class BlockedLook {
    private final Path procRoot;
    private final Path self;
    private final ThreadWaitTracker seen = new ThreadWaitTracker();
    private volatile BlockingWaits recorded;

    public BlockedLook(Path procRoot) {
        this.procRoot = procRoot;
        this.self = procRoot.resolve("self");
    }

    /** The wait hooks are in place: from now on their records come first. */
    public void recording(BlockingWaits waits) {
        recorded = waits;
    }

    /** What {@code --blocked} shows now. */
    public BlockedThreads now() {
        BlockedThreads fromProc = seen.look(ThreadWaitReader.read(procRoot, "self"), System.currentTimeMillis());
        return BlockedThreads.merge(withInodes(recordedNow(), 0), fromProc);
    }

    /**
     * The recorded waits with no timeout that have lasted at least {@code seconds} (the blocked
     * alert's candidates; none when {@code seconds} is 0, the alert off). Cheap when none has: only
     * those have their socket looked up.
     */
    public List<ThreadWait> unboundedFor(int seconds) {
        if (seconds <= 0) {
            return List.of();
        }
        List<ThreadWait> unbounded = new ArrayList<>();
        for (ThreadWait w : recordedNow()) {
            if (w.timeoutMillis() < 0) {
                unbounded.add(w);
            }
        }
        return withInodes(unbounded, seconds * 1000L);
    }

    private List<ThreadWait> recordedNow() {
        BlockingWaits r = recorded;
        return r == null ? List.of() : r.now();
    }

    /** The waits of at least {@code minMillis}, each with its socket's inode (gone sockets are left out). */
    private List<ThreadWait> withInodes(List<ThreadWait> waits, long minMillis) {
        List<ThreadWait> out = new ArrayList<>(waits.size());
        for (ThreadWait w : waits) {
            if (w.waitedMillis() >= minMillis) {
                long inode = FdTableReader.socketInode(self, w.fd());
                if (inode > 0) {
                    out.add(w.onInode(inode));
                }
            }
        }
        return out;
    }
}
