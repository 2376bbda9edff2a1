package io.jattachstat.model;

/**
 * A thread waiting in a selector ({@code epoll_wait}): idle, not stuck, so the views list it apart.
 *
 * @param tid        the thread's kernel id
 * @param thread     its name ({@code comm})
 * @param epollFd    the selector's epoll descriptor
 * @param registered how many descriptors are registered with it (from its fdinfo), or -1 if unknown
 */
public record SelectorWait(int tid, String thread, int epollFd, int registered) {
    public SelectorWait named(String name) {
        return new SelectorWait(tid, name, epollFd, registered);
    }
}
