package io.jattachstat.jmx;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.ConsoleSnapshot;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.model.Transport;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.netstat.BlockedView;
import io.jattachstat.netstat.NetstatFormatter;
import io.jattachstat.origins.OriginViews;
import io.jattachstat.snapshot.SnapshotFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sockets MBean's {@code consoleSnapshot()}: one snapshot as rows of data, so that a console (the
 * JConsole plugin) gets everything it shows in one MBean call per refresh, whatever the number of
 * sockets. Rows come in netstat -tuwxan's order: tcp, udp, raw (each IPv4 then IPv6), then unix.
 */
final class ConsoleRows {
    private ConsoleRows() {
    }

    /** @param facts the JVM's sockets (per fd where the agent can), and its listeners' queues against their backlogs */
    static ConsoleSnapshot of(SnapshotFacts.Facts facts, OriginViews origins, double acceptThreshold,
                              BlockedThreads blocked) {
        SocketTable table = facts.table();
        Map<Long, String> originByInode = origins == null ? Map.of() : origins.originsByInode(table);
        Map<Long, String> blockedByInode = new HashMap<>();
        for (ThreadWait w : blocked.onSockets()) {
            blockedByInode.merge(w.inode(), BlockedView.describe(w), (a, b) -> a + "; " + b);
        }
        List<ConsoleSnapshot.SocketRow> sockets = new ArrayList<>();
        for (Protocol p : Protocol.INET_IN_NETSTAT_ORDER) {
            for (InetSocket s : table.inet(p)) {
                sockets.add(new ConsoleSnapshot.SocketRow(p.label(), endpoint(s.local()), endpoint(s.remote()),
                        SocketState.of(s).jsonName(), s.receiveQueue(), s.sendQueue(), s.inode(), s.fd(),
                        originByInode.getOrDefault(s.inode(), ""), NetstatFormatter.numericRow(s),
                        blockedByInode.getOrDefault(s.inode(), "")));
            }
        }
        for (UnixSocket u : table.unix()) {
            sockets.add(new ConsoleSnapshot.SocketRow("unix", u.path(), "", SocketState.of(u).jsonName(), null, null,
                    u.inode(), u.fd(), originByInode.getOrDefault(u.inode(), ""), NetstatFormatter.numericRow(u),
                    blockedByInode.getOrDefault(u.inode(), "")));
        }
        List<ConsoleSnapshot.ListenerRow> listeners = new ArrayList<>();
        for (SnapshotFacts.ListenerQueue l : facts.listeners()) {
            listeners.add(new ConsoleSnapshot.ListenerRow(l.transport().tag(), l.transport() == Transport.UNIX
                    ? l.address() : AddressText.hostPort(l.address(), l.port()), l.queue().length(), l.queue().max(),
                    l.queue().source()));
        }
        return new ConsoleSnapshot(table.takenAtMillis(), acceptThreshold, origins != null, sockets, listeners);
    }

    private static String endpoint(InetEndpoint e) {
        return AddressText.hostPort(e.numericHostAsNetstat(), e.port());
    }
}
