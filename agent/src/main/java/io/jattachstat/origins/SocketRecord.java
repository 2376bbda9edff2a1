package io.jattachstat.origins;

/**
 * What the agent knows of one socket it saw opened or accepted. Immutable but for the inode, which
 * is learnt from the first /proc snapshot that sees the fd (reading it in the hook would cost the
 * application a syscall per socket). Keyed by (fd, inode): fd numbers are reused at once, so a record
 * whose inode differs from the socket now on its fd is stale and is not used.
 */
public final class SocketRecord {
    private final int fd;
    private final SocketKind kind;
    private final boolean unixDomain;
    private final String thread;
    private final boolean virtual;
    private final long openedMillis;
    private final String origin;
    private final Stack stack;
    private final SocketRecord listener;
    private volatile long inode;
    private volatile int closingLocalPort = -1;
    private volatile java.net.InetSocketAddress closingRemote;

    SocketRecord(int fd, SocketKind kind, boolean unixDomain, String thread, boolean virtual, long openedMillis, String origin,
                 Stack stack, SocketRecord listener) {
        this.fd = fd;
        this.kind = kind;
        this.unixDomain = unixDomain;
        this.thread = thread;
        this.virtual = virtual;
        this.openedMillis = openedMillis;
        this.origin = origin;
        this.stack = stack;
        this.listener = listener;
    }

    public int fd() {
        return fd;
    }

    public SocketKind kind() {
        return kind;
    }

    /** A unix-domain socket: no inet addresses, no TIME_WAIT. */
    public boolean unixDomain() {
        return unixDomain;
    }

    /** The opening (or accepting) thread's name; a virtual thread's is often empty. */
    public String thread() {
        return thread;
    }

    public boolean isVirtual() {
        return virtual;
    }

    public long openedMillis() {
        return openedMillis;
    }

    /** The origin frame as "class.method(File:line)", or null when no stack was walked. */
    public String origin() {
        return origin;
    }

    /** The short stack, or null when not captured (stack mode, sampling, bounds). */
    public Stack stack() {
        return stack;
    }

    /** For an accepted socket, its listener's record (whose origin it carries); else null. */
    public SocketRecord listener() {
        return listener;
    }

    public boolean accepted() {
        return listener != null;
    }

    /** The socket's inode, or 0 while no snapshot has seen it. */
    public long inode() {
        return inode;
    }

    /**
     * Binds the record to the inode a snapshot found on its fd. True if the record belongs to that
     * socket: it was not bound yet (and was opened before the snapshot), or it was bound to it.
     */
    boolean claim(long seenInode, long snapshotMillis) {
        long known = inode;
        if (known == 0 && openedMillis < snapshotMillis) {
            inode = seenInode;
            return true;
        }
        return known == seenInode;
    }

    /** Binds the inode read for this fd right now. */
    void inode(long inode) {
        this.inode = inode;
    }

    /** The connection's ports and peer, read from the socket's fields as the application closes it. */
    void closingAddresses(int localPort, java.net.InetSocketAddress remote) {
        this.closingLocalPort = localPort;
        this.closingRemote = remote;
    }

    int closingLocalPort() {
        return closingLocalPort;
    }

    java.net.InetSocketAddress closingRemote() {
        return closingRemote;
    }

    /** Rough bytes one record retains beyond shared strings and interned stacks. */
    static long retainedBytes() {
        return 56 + 16; // the object, and its slot in the registry
    }
}
