package io.jattachstat.proc;

import java.util.HashMap;
import java.util.Map;

/** The fds of one process: how many, and which inode each {@code socket:[N]} link names. */
public final class FdTable {
    private final Map<Long, Integer> fdByInode;
    private final int openFds;

    FdTable(Map<Long, Integer> fdByInode, int openFds) {
        this.fdByInode = Map.copyOf(fdByInode);
        this.openFds = openFds;
    }

    /** Every open fd, sockets or not (the fd alert compares it with the process's limit). */
    public int openFds() {
        return openFds;
    }

    public int size() {
        return fdByInode.size();
    }

    /** The socket inodes. */
    public java.util.Set<Long> inodes() {
        return fdByInode.keySet();
    }

    /** The fd holding {@code inode}, or -1. */
    public int fdOf(long inode) {
        return fdByInode.getOrDefault(inode, -1);
    }

    /** A mutable copy of the inode set, for readers that tick inodes off as they find them. */
    Map<Long, Integer> copy() {
        return new HashMap<>(fdByInode);
    }
}
