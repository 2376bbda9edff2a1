package io.jattachstat.snapshot;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketCounts;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.Transport;
import io.jattachstat.model.UnixSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the MBeans, meters and alerts derive from a snapshot — counts by transport and state, and
 * each listener's accept queue against its backlog — worked out once per look at the JVM's own
 * sockets ({@link OwnSockets}: per fd, or /proc), so that however many of them ask, the sockets are
 * read once per refresh interval and each listener's TCP_INFO once.
 */
public final class SnapshotFacts {
    /** One listening socket: TCP (address and port) or unix stream (path, port 0). */
    public record ListenerQueue(Transport transport, String address, int port, int fd, long inode,
                                ListenerBacklog.Queue queue) {
        /** Waiting / maximum; NaN when the maximum is unknown. */
        public double fill() {
            return queue.max() <= 0 ? Double.NaN : (double) queue.length() / queue.max();
        }

        /** "tcp 127.0.0.1:8080" or "unix /run/app.sock", as the alerts name it. */
        public String label() {
            return transport == Transport.UNIX ? "unix " + address : "tcp " + AddressText.hostPort(address, port);
        }
    }

    /** One snapshot and what was derived from it. */
    public record Facts(SocketTable table, SocketCounts counts, List<ListenerQueue> listeners) {
    }

    private final OwnSockets own;
    private final ListenerBacklog backlog;
    private final AgentStatus status;
    private final List<Consumer<Facts>> followers = new CopyOnWriteArrayList<>();
    private volatile Facts latest;

    public SnapshotFacts(OwnSockets own, ListenerBacklog backlog, AgentStatus status) {
        this.own = own;
        this.backlog = backlog;
        this.status = status;
        own.onSnapshot(this::derive);
    }

    /** The facts of the current snapshot (reading /proc again if it is older than the refresh interval). */
    public Facts get() {
        SocketTable table = own.get();
        Facts f = latest;
        return f != null && f.table() == table ? f : derive(table);
    }

    /** Called with the facts of every new snapshot, on the thread that read it. */
    public void follow(Consumer<Facts> follower) {
        followers.add(follower);
    }

    private synchronized Facts derive(SocketTable table) {
        Facts f = latest;
        if (f != null && f.table() == table) {
            return f;
        }
        f = new Facts(table, new SocketCounts(table), listeners(table));
        latest = f;
        for (Consumer<Facts> follower : followers) {
            try {
                follower.accept(f);
            } catch (RuntimeException e) {
                status.error("snapshot follower", e);
            }
        }
        return f;
    }

    private List<ListenerQueue> listeners(SocketTable table) {
        List<ListenerQueue> out = new ArrayList<>();
        for (Protocol p : new Protocol[] {Protocol.TCP, Protocol.TCP6}) {
            for (InetSocket s : table.inet(p)) {
                if (TcpState.of(s.state()) == TcpState.LISTEN) {
                    out.add(new ListenerQueue(Transport.TCP, s.local().numericHostAsNetstat(), s.local().port(), s.fd(),
                            s.inode(), backlog.tcp(s.fd(), s.local().port(), s.receiveQueue())));
                }
            }
        }
        for (UnixSocket u : table.unix()) {
            if (u.isListening() && u.type() == 1 && !u.path().isEmpty()) {
                out.add(new ListenerQueue(Transport.UNIX, u.path(), 0, u.fd(), u.inode(),
                        backlog.unix(u.path(), table.pendingUnixConnections(u.path()))));
            }
        }
        return List.copyOf(out);
    }
}
