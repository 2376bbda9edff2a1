package io.jattachstat.model;

/**
 * A thread blocked in a socket system call, as {@code /proc/<pid>/task/<tid>/syscall} shows it.
 *
 * @param tid           the thread's id
 * @param thread        its name ({@code comm}: at most 15 characters)
 * @param op            what it waits for: "read", "write", "accept", "connect", or "select" (a selector)
 * @param fd            the descriptor it waits on (a selector's epoll fd)
 * @param inode         that descriptor's socket inode, or 0 if it is not a socket (or is gone)
 * @param timeoutMillis the wait's timeout, or -1 when it has none
 * @param seenMillis    how long it has been seen blocked so (a lower bound of the time waited), or -1
 *                      when not known ({@link ThreadWaitTracker})
 */
public record ThreadWait(int tid, String thread, String op, int fd, long inode, long timeoutMillis, long seenMillis) {
    public static final String SELECT = "select";

    public ThreadWait seenFor(long millis) {
        return new ThreadWait(tid, thread, op, fd, inode, timeoutMillis, millis);
    }

    public ThreadWait named(String name) {
        return new ThreadWait(tid, name, op, fd, inode, timeoutMillis, seenMillis);
    }

    public boolean inSelector() {
        return op.equals(SELECT);
    }
}
