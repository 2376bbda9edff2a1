package io.jattachstat.origins;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.netstat.NetstatFormatter;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.SocketTableReader;
import io.jattachstat.snapshot.OwnSockets;
import io.jattachstat.snapshot.SnapshotCache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The views only the agent can give, over a snapshot: {@code --origins} (netstat's rows plus an
 * Origin column, and with {@code --closed} the rows the JVM closed), {@code --leaks}, and the
 * MBean's {@code origins(state, top)} and {@code describe(fd)}.
 */
public final class OriginViews {
    private static final long MIN_REREAD_MILLIS = 100;

    private final Origins origins;
    private final NetstatView view;
    private final SocketTableReader reader;
    private final SnapshotCache cache;
    private final OwnSockets own;
    private final UnaryOperator<SocketTable> tcpInfo;

    /**
     * @param cache   the /proc snapshot, for the netstat rows of {@code --origins}
     * @param own     the JVM's sockets as the agent reads them for everything else (per fd where it can)
     * @param tcpInfo adds the TCP_INFO of a table's TCP sockets ({@code --tcp-info})
     */
    public OriginViews(Origins origins, NetstatView view, SocketTableReader reader, SnapshotCache cache,
                       OwnSockets own, UnaryOperator<SocketTable> tcpInfo) {
        this.origins = origins;
        this.view = view;
        this.reader = reader;
        this.cache = cache;
        this.own = own;
        this.tcpInfo = tcpInfo;
    }

    /**
     * The table {@code get} gives, unless sockets were opened or closed since it was read: these views
     * join the sockets with the records, and a record without its row (or a row without its record)
     * would read as a socket of unknown origin. Read again at most every {@value #MIN_REREAD_MILLIS} ms.
     */
    private SocketTable fresh(Supplier<SocketTable> get, Supplier<SocketTable> readNow) {
        SocketTable table = get.get();
        if (origins.lastEventMillis() >= table.takenAtMillis()
                && System.currentTimeMillis() - table.takenAtMillis() >= MIN_REREAD_MILLIS) {
            table = readNow.get();
        }
        return table;
    }

    /** The JVM's sockets for the views with no netstat rows (leaks, counts, describe). */
    private SocketTable sockets() {
        return fresh(own::get, own::refresh);
    }

    /** netstat's view of the snapshot for {@code options}, with the Origin column; {@code closed}: and the rows the JVM closed. */
    public NetstatView.Result origins(NetstatOptions options, boolean closed) {
        SocketTable table = fresh(cache::get, cache::refresh);
        Attribution attribution = origins.attribute(table);
        SocketTable shown = closed ? withClosedRows(table, attribution) : table;
        if (options.tcpInfo()) {
            shown = tcpInfo.apply(shown);
        }
        return view.render(shown, options, new OriginColumn(attribution, System.currentTimeMillis()));
    }

    /** The leak view; with {@code closed}, the rows the JVM closed count as its own; {@code json}: as JSON. */
    public String leaks(boolean closed, boolean json) {
        SocketTable table = sockets();
        Attribution attribution = origins.attribute(table);
        SocketTable shown = closed ? withClosedRows(table, attribution) : table;
        LeakReport.Report report = LeakReport.of(shown, attribution, origins.recentCloses(), origins.closesLost(60_000),
                System.currentTimeMillis());
        return json ? LeakReport.json(report) : LeakReport.text(report);
    }

    /** The origins of the sockets in {@code state} (netstat's name, any case; empty: all), most first. */
    public String[] topOrigins(String state, int top) {
        SocketTable table = sockets();
        Attribution attribution = origins.attribute(table);
        Map<String, Integer> counts = new HashMap<>();
        String wanted = state == null ? "" : state.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Protocol p : Protocol.values()) {
            if (p == Protocol.UNIX) {
                for (UnixSocket u : table.unix()) {
                    if (wanted.isEmpty() && u.inode() != 0) {
                        counts.merge(attribution.of(u.inode()).origin(), 1, Integer::sum);
                    }
                }
                continue;
            }
            for (InetSocket s : table.inet(p)) {
                if (s.inode() != 0 && (wanted.isEmpty() || NetstatFormatter.stateName(s).equals(wanted))) {
                    counts.merge(attribution.of(s.inode()).origin(), 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue()).thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : rows.subList(0, Math.min(rows.size(), Math.max(0, top)))) {
            out.add(String.format("%6d  %s", e.getValue(), e.getKey()));
        }
        return out.toArray(new String[0]);
    }

    /** The origin column of every socket of {@code table}, by inode (for consoles: one call per snapshot). */
    public Map<Long, String> originsByInode(SocketTable table) {
        Attribution attribution = origins.attribute(table);
        Map<Long, String> byInode = new HashMap<>();
        for (Protocol p : Protocol.values()) {
            if (p != Protocol.UNIX) {
                table.inet(p).forEach(s -> put(byInode, attribution, s.inode()));
            }
        }
        table.unix().forEach(u -> put(byInode, attribution, u.inode()));
        return byInode;
    }

    private static void put(Map<Long, String> byInode, Attribution attribution, long inode) {
        Attribution.Entry e = inode == 0 ? null : attribution.of(inode);
        if (e != null) {
            byInode.put(inode, e.origin());
        }
    }

    /** Everything known about the socket on {@code fd}. */
    public String describe(int fd) {
        SocketTable table = sockets();
        long now = System.currentTimeMillis();
        Attribution attribution = origins.attribute(table);
        StringBuilder b = new StringBuilder();
        Object row = rowOf(table, fd);
        if (row == null) {
            SocketRecord r = origins.record(fd);
            if (r == null) {
                return "fd " + fd + ": no socket in the last snapshot, and no record\n";
            }
            b.append("fd ").append(fd).append(": not in the last snapshot (").append(Age.format(now - table.takenAtMillis()))
                    .append(" old); recorded:\n");
            OriginColumn.describe(r, now).forEach(l -> b.append("  ").append(l).append('\n'));
            return b.toString();
        }
        long inode;
        if (row instanceof InetSocket s) {
            inode = s.inode();
            b.append("fd ").append(fd).append(": ").append(s.protocol().label()).append(' ')
                    .append(s.local().numericHost()).append(':').append(s.local().port()).append(" -> ")
                    .append(s.remote().numericHost()).append(':').append(s.remote().port()).append(' ')
                    .append(NetstatFormatter.stateName(s)).append(" inode ").append(inode).append('\n');
        } else {
            UnixSocket u = (UnixSocket) row;
            inode = u.inode();
            b.append("fd ").append(fd).append(": unix ").append(u.path()).append(" inode ").append(inode).append('\n');
        }
        Attribution.Entry e = attribution.of(inode);
        b.append("  origin: ").append(e.origin()).append('\n');
        if (e.record() != null) {
            OriginColumn.describe(e.record(), now).forEach(l -> b.append("  ").append(l).append('\n'));
        }
        return b.toString();
    }

    /**
     * {@code table} plus the TCP rows the JVM closed that the kernel still holds (TIME_WAIT, FIN_WAIT2):
     * for --summary, which counts them as the JVM's own.
     */
    public SocketTable withClosedRows(SocketTable table) {
        return withClosedRows(table, origins.attribute(table));
    }

    private SocketTable withClosedRows(SocketTable table, Attribution attribution) {
        if (!attribution.hasCloses()) {
            return table;
        }
        try {
            List<InetSocket> closed = new ArrayList<>();
            for (InetSocket row : reader.readUnowned("self", EnumSet.of(Protocol.TCP6, Protocol.TCP))) {
                if (attribution.closeOf(row) != null) {
                    closed.add(row);
                }
            }
            return table.withInet(closed);
        } catch (ProcAccessException e) {
            return table;
        }
    }

    /** The snapshot's row (InetSocket or UnixSocket) held through {@code fd}, or null. */
    private static Object rowOf(SocketTable table, int fd) {
        for (UnixSocket u : table.unix()) {
            if (u.fd() == fd) {
                return u;
            }
        }
        for (Protocol p : Protocol.values()) {
            if (p != Protocol.UNIX) {
                for (InetSocket s : table.inet(p)) {
                    if (s.fd() == fd) {
                        return s;
                    }
                }
            }
        }
        return null;
    }
}
