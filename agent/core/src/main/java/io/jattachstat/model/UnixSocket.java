package io.jattachstat.model;

/**
 * One line of {@code /proc/<pid>/net/unix}, decoded.
 *
 * @param refCount reference count (the kernel prints it in hex)
 * @param protocol always 0 on Linux
 * @param flags    socket flags; bit 16 is SO_ACCEPTCON (a listener)
 * @param type     1 STREAM, 2 DGRAM, 3 RAW, 4 RDM, 5 SEQPACKET
 * @param state    1 unconnected, 2 connecting (an un-accepted embryo), 3 connected, 4 disconnecting
 * @param inode    socket inode; 0 for embryos in a listener's accept queue
 * @param path     the bound path as the kernel prints it (abstract names start with '@'), "" if unbound.
 *                 Kept whole, spaces included; netstat's own cut at the first blank is a formatting matter.
 * @param fd       the owning process's file descriptor, or -1 if not known
 */
public record UnixSocket(long refCount, long protocol, long flags, int type, int state, long inode,
                         String path, int fd) {

    public static final long SO_ACCEPTCON = 1L << 16;
    public static final int SS_UNCONNECTED = 1;

    public boolean isListening() {
        return state == SS_UNCONNECTED && (flags & SO_ACCEPTCON) != 0;
    }
}
