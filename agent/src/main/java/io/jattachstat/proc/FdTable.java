package io.jattachstat.proc;

import java.util.HashMap;
import java.util.Map;

/** The socket fds of one process: which inode each {@code socket:[N]} link names. */
public final class FdTable {
    private final Map<Long, Integer> fdByInode;

    FdTable(Map<Long, Integer> fdByInode) {
        this.fdByInode = Map.copyOf(fdByInode);
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
