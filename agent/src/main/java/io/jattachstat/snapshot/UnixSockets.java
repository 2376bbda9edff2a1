package io.jattachstat.snapshot;

import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.SocketTableReader;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's unix sockets for {@link FdSocketReader}, as the namespace's unix table has them (the
 * agent's own control socket makes one at least): only /proc gives a unix socket's reference count,
 * and a listener's waiting connections are sockets no fd holds yet. The table is usually short, and
 * is read for the JVM's inodes only, without listing its fds again. A socket it does not list yet
 * (or every one, if it cannot be read) is asked of the kernel per fd instead.
 */
final class UnixSockets {
    private static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_ACCEPTCONN = 30;
    private static final int UNIX_UNCONNECTED = 1, UNIX_CONNECTED = 3;
    /** sizeof(sa_family_t): enough of a peer's address to know there is one. */
    private static final int SA_FAMILY = 2;

    private final SocketTableReader unixTable;

    UnixSockets(SocketTableReader unixTable) {
        this.unixTable = unixTable;
    }

    /** Adds the unix sockets held on these fds (by inode) to {@code table}; {@code calls} under the reader's lock. */
    void add(SocketTable.Builder table, Map<Long, Integer> fdByInode, SocketCalls calls) {
        Map<Long, Integer> left = new TreeMap<>(fdByInode);
        try {
            SocketTable unix = unixTable.readUnix("self", fdByInode);
            for (UnixSocket u : unix.unix()) {
                if (left.remove(u.inode()) != null) {
                    table.add(u);
                    for (int i = u.isListening() ? unix.pendingUnixConnections(u.path()) : 0; i > 0; i--) {
                        table.pendingUnixConnection(u.path());
                    }
                }
            }
        } catch (ProcAccessException e) {
            // per fd, then: the sockets are right, their reference counts and accept queues unknown (0)
        }
        for (Map.Entry<Long, Integer> e : left.entrySet()) {
            UnixSocket u = perFd(calls, e.getValue(), e.getKey());
            if (u != null) {
                table.add(u);
            }
        }
    }

    /** The unix socket on {@code fd} as the kernel answers for it, or null if the fd is gone. */
    private static UnixSocket perFd(SocketCalls calls, int fd, long inode) {
        int length = calls.address(fd);
        if (length < 2) {
            return null;
        }
        String path = calls.unixPath(length); // before the next call overwrites the address
        int type = calls.intOption(fd, SOL_SOCKET, SO_TYPE);
        if (type < 0) {
            return null;
        }
        boolean listening = calls.intOption(fd, SOL_SOCKET, SO_ACCEPTCONN) == 1;
        boolean connected = calls.peer(fd, SA_FAMILY);
        return new UnixSocket(0, 0, listening ? UnixSocket.SO_ACCEPTCON : 0, type,
                connected ? UNIX_CONNECTED : UNIX_UNCONNECTED, inode, path, fd);
    }
}
