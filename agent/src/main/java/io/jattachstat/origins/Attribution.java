package io.jattachstat.origins;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.UnixSocket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's sockets joined with the agent's records: for each socket (by inode), its record if
 * the agent saw it opened, else why not ({@code unknown}: open before the agent; {@code native}:
 * opened where no hook looks), with a label where the socket is recognisable. For the rows the JVM
 * closed (inode 0), the close that left them.
 */
public final class Attribution {
    /** One socket's attribution. {@code record} is null for untracked sockets. */
    public record Entry(SocketRecord record, String origin) {
    }

    private final Map<Long, Entry> byInode = new HashMap<>();
    private final Map<String, ClosedSocket> closedByTuple;
    private final String controlSocket;

    Attribution(SocketTable table, SocketRegistry registry, Map<Long, String> beforeAgent, List<ClosedSocket> recentCloses,
                String controlSocket) {
        this.controlSocket = controlSocket;
        for (Protocol p : Protocol.values()) {
            if (p == Protocol.UNIX) {
                continue;
            }
            for (InetSocket s : table.inet(p)) {
                if (s.inode() != 0) {
                    byInode.put(s.inode(), entry(s.inode(), s.fd(), null, isListener(s), table, registry, beforeAgent));
                }
            }
        }
        for (UnixSocket u : table.unix()) {
            if (u.inode() != 0) {
                byInode.put(u.inode(), entry(u.inode(), u.fd(), u.path(), u.isListening(), table, registry, beforeAgent));
            }
        }
        closedByTuple = new HashMap<>();
        for (ClosedSocket c : recentCloses) {
            if (c.hasTuple()) {
                closedByTuple.put(ClosedSocket.tupleKey(c), c); // later closes of a reused tuple win
            }
        }
    }

    private Entry entry(long inode, int fd, String unixPath, boolean listener, SocketTable table,
                        SocketRegistry registry, Map<Long, String> beforeAgent) {
        SocketRecord r = fd < 0 ? null : registry.get(fd);
        if (r != null && r.claim(inode, table.takenAtMillis())) {
            return new Entry(r, originText(r));
        }
        String label = label(unixPath);
        String kind = beforeAgent.get(inode);
        if (kind == null) {
            return new Entry(null, label == null ? "native" : "native (" + label + ")");
        }
        if (label != null) {
            return new Entry(null, "unknown (" + label + ")");
        }
        if (kind.equals(CleanerInventory.SOCKET) && listener) {
            kind = "java.net.ServerSocket"; // one SocketImpl class serves both
        }
        return new Entry(null, "unknown (" + (kind.isEmpty() ? "" : kind + ", ") + "opened before the agent)");
    }

    private static boolean isListener(InetSocket s) {
        return s.protocol().isTcp() && TcpState.of(s.state()) == TcpState.LISTEN;
    }

    private String label(String unixPath) {
        if (unixPath == null) {
            return null;
        }
        if (unixPath.equals(controlSocket)) {
            return "jattachstat control socket";
        }
        int slash = unixPath.lastIndexOf('/');
        if (unixPath.startsWith(".java_pid", slash + 1)) {
            return "JVM attach listener";
        }
        return null;
    }

    /** The origin column of a record: its origin frame, or why there is none. */
    static String originText(SocketRecord r) {
        if (r.origin() != null) {
            return r.origin();
        }
        if (r.accepted() && r.listener().openedMillis() == 0) {
            return "unknown (accepted by a listener opened before the agent)";
        }
        return r.thread().startsWith("jattachstat") ? "jattachstat agent" : "JDK internal";
    }

    /** The attribution of the socket with this inode, or null if the snapshot did not have it. */
    public Entry of(long inode) {
        return byInode.get(inode);
    }

    /** The close the JVM made that left this inode-0 row behind, or null. */
    public ClosedSocket closeOf(InetSocket row) {
        return row.inode() == 0 ? closedByTuple.get(ClosedSocket.tupleKey(row)) : null;
    }

    public boolean hasCloses() {
        return !closedByTuple.isEmpty();
    }

    /** Sockets of the snapshot without a record: open before the agent, or opened where no hook looks. */
    public int untracked() {
        int n = 0;
        for (Entry e : byInode.values()) {
            if (e.record() == null) {
                n++;
            }
        }
        return n;
    }

}
