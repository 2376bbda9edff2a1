package io.jattachstat.model;

/**
 * A thread blocked on a socket: as {@code /proc/<pid>/task/<tid>/syscall} shows it (a system call
 * and its fd), or as the agent's hooks recorded it inside the JVM (exact, for virtual threads too).
 *
 * @param tid           the thread's kernel id, or 0 when the agent recorded it (the JVM does not say)
 * @param thread        its name: {@code comm} (at most 15 characters) from /proc, the Java name from the agent
 * @param op            what it waits for: "read", "write", "accept" or "connect"
 * @param fd            the descriptor it waits on
 * @param inode         that descriptor's socket inode, or 0 if it is gone
 * @param timeoutMillis the wait's timeout, or -1 when it has none: from /proc what the JDK passed to
 *                      poll (what was left of the timeout then), from the agent the timeout it was given
 * @param seenMillis    how long it has been seen blocked (a lower bound of the time waited), or -1
 *                      when not known ({@link ThreadWaitTracker})
 * @param waitedMillis  how long it has waited, exactly (from the agent), or -1 when not known
 * @param java          the Java thread, when the agent recorded the wait; else null
 */
public record ThreadWait(int tid, String thread, String op, int fd, long inode, long timeoutMillis, long seenMillis,
                         long waitedMillis, JavaThread java) {

    /** A wait read from /proc: the kernel's view, without the JVM's. */
    public static ThreadWait fromProc(int tid, String thread, String op, int fd, long inode, long timeoutMillis) {
        return new ThreadWait(tid, thread, op, fd, inode, timeoutMillis, -1, -1, null);
    }

    /** The Java side of a wait the agent recorded. */
    public record JavaThread(long id, boolean virtual, String state) {
    }

    public ThreadWait seenFor(long millis) {
        return new ThreadWait(tid, thread, op, fd, inode, timeoutMillis, millis, waitedMillis, java);
    }

    public ThreadWait named(String name) {
        return new ThreadWait(tid, name, op, fd, inode, timeoutMillis, seenMillis, waitedMillis, java);
    }

    public ThreadWait onInode(long socketInode) {
        return new ThreadWait(tid, thread, op, fd, socketInode, timeoutMillis, seenMillis, waitedMillis, java);
    }

    /** Whether it waits for the socket to become readable (a read, an accept) rather than writable. */
    public boolean waitsForInput() {
        return op.equals("read") || op.equals("accept");
    }

    /** What the time column sorts by: the exact wait where known, else how long it has been seen. */
    public long knownMillis() {
        return waitedMillis >= 0 ? waitedMillis : seenMillis;
    }
}
