package io.jattachstat.jmx;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.Transport;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.origins.OriginViews;
import io.jattachstat.snapshot.SnapshotFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Sockets MBean's {@code consoleTable()}: one snapshot as tab-separated rows, so that a console
 * (the JConsole plugin) gets everything it shows in one MBean call per refresh, whatever the number
 * of sockets. Version 1:
 * <pre>
 *   #  jattachstat-console  1  snapshotMillis  acceptQueueThreshold  origins|no-origins
 *   S  proto  local  remote  state  recvQ  sendQ  inode  fd  origin  netstat -an line
 *   L  protocol  address:port or path  acceptQueue  maxBacklog(-1: unknown)  backlogSource
 * </pre>
 * Addresses are numeric, IPv6 in brackets; tabs and line breaks inside a field become '?'.
 */
final class ConsoleTable {
    static final String FORMAT = "jattachstat-console\t1";

    private ConsoleTable() {
    }

    static String[] rows(SnapshotFacts.Facts facts, NetstatView view, OriginViews origins, double acceptThreshold) {
        SocketTable table = facts.table();
        Map<Long, String> originByInode = origins == null ? Map.of() : origins.originsByInode(table);
        List<String> netstat = new ArrayList<>();
        for (String line : view.render(table, List.of("-tuwxan")).out().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("Active ") && !line.startsWith("Proto ")) {
                netstat.add(line);
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("#\t" + FORMAT + "\t" + table.takenAtMillis() + "\t" + acceptThreshold + "\t"
                + (origins == null ? "no-origins" : "origins"));
        int line = 0;
        for (Protocol p : Protocol.INET_IN_NETSTAT_ORDER) { // the order the netstat lines are zipped with
            for (InetSocket s : table.inet(p)) {
                rows.add(row("S", p.label(), endpoint(s.local()), endpoint(s.remote()), SocketState.of(s).jsonName(),
                        Long.toString(s.receiveQueue()), Long.toString(s.sendQueue()), Long.toString(s.inode()),
                        Integer.toString(s.fd()), originByInode.getOrDefault(s.inode(), ""),
                        line < netstat.size() ? netstat.get(line) : ""));
                line++;
            }
        }
        for (UnixSocket u : table.unix()) {
            rows.add(row("S", "unix", u.path(), "", SocketState.of(u).jsonName(), "", "", Long.toString(u.inode()),
                    Integer.toString(u.fd()), originByInode.getOrDefault(u.inode(), ""),
                    line < netstat.size() ? netstat.get(line) : ""));
            line++;
        }
        for (SnapshotFacts.ListenerQueue l : facts.listeners()) {
            rows.add(row("L", l.transport().tag(), l.transport() == Transport.UNIX ? l.address()
                    : AddressText.hostPort(l.address(), l.port()), Integer.toString(l.queue().length()),
                    Integer.toString(l.queue().max()), l.queue().source()));
        }
        return rows.toArray(new String[0]);
    }

    private static String endpoint(InetEndpoint e) {
        return AddressText.hostPort(e.numericHostAsNetstat(), e.port());
    }

    private static String row(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(b.length() == 0 ? "" : "\t").append(f.replace('\t', '?').replace('\n', '?'));
        }
        return b.toString();
    }
}
