package io.jattachstat.origins;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.netstat.Json;
import io.jattachstat.netstat.NetstatFormatter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Who is leaking?": the JVM's inet sockets grouped by (state, origin, remote host), with count and
 * oldest and median age; CLOSE_WAIT groups first, then the other states by count; listeners left
 * out. Then the closes of the last minute per origin (churn), with those the GC cleaner made.
 */
final class LeakReport {
    /** One group: connections in one state to one remote host from one origin; ages in ms, -1 when unknown. */
    record Connections(String state, String remote, String origin, int count, long oldestMillis, long medianMillis) {
    }

    /** The closes of the last minute of the sockets one origin opened, and how many of them the GC cleaner made. */
    record Churn(String origin, long closes, long gcClosed) {
    }

    /** The whole report, for its text and its JSON; {@code closesLost}: more closes than the ring holds. */
    record Report(int pid, List<Connections> connections, List<Churn> churn, boolean closesLost) {
    }

    private record Key(String state, String origin, String remote) {
    }

    private static final class Group {
        int count;
        final List<Long> ages = new ArrayList<>();
    }

    private LeakReport() {
    }

    static Report of(SocketTable table, Attribution attribution, List<ClosedSocket> recentCloses, boolean closesLost,
                     long now) {
        Map<Key, Group> groups = new HashMap<>();
        for (Protocol p : Protocol.values()) {
            if (p == Protocol.UNIX) {
                continue;
            }
            for (InetSocket s : table.inet(p)) {
                String state = NetstatFormatter.stateName(s);
                if (state.equals(TcpState.LISTEN.label()) || s.inode() == 0 || !p.isTcp() && s.remote().isUnspecified()) {
                    continue; // listeners, and unconnected datagram sockets, are not connections
                }
                Attribution.Entry e = attribution.of(s.inode());
                String origin = e == null ? "-" : e.origin();
                Group g = groups.computeIfAbsent(new Key(state, origin, s.remote().numericHostAsNetstat()), k -> new Group());
                g.count++;
                if (e != null && e.record() != null) {
                    g.ages.add(now - e.record().openedMillis());
                }
            }
        }
        List<Map.Entry<Key, Group>> rows = new ArrayList<>(groups.entrySet());
        rows.sort(Comparator.<Map.Entry<Key, Group>>comparingInt(r -> r.getKey().state().equals(TcpState.CLOSE_WAIT.label()) ? 0 : 1)
                .thenComparing(r -> -r.getValue().count)
                .thenComparing(r -> r.getKey().state())
                .thenComparing(r -> r.getKey().origin()));
        List<Connections> connections = new ArrayList<>();
        for (Map.Entry<Key, Group> r : rows) {
            Group g = r.getValue();
            g.ages.sort(null);
            connections.add(new Connections(r.getKey().state(), r.getKey().remote(), r.getKey().origin(), g.count,
                    g.ages.isEmpty() ? -1 : g.ages.get(g.ages.size() - 1), g.ages.isEmpty() ? -1 : g.ages.get(g.ages.size() / 2)));
        }
        return new Report(table.pid(), connections, churn(recentCloses, now), closesLost);
    }

    /** Closes per opening origin over the last minute, most first. */
    private static List<Churn> churn(List<ClosedSocket> recentCloses, long now) {
        Map<String, long[]> perOrigin = new LinkedHashMap<>();
        for (ClosedSocket c : recentCloses) {
            if (c.closedMillis() < now - 60_000) {
                continue;
            }
            long[] n = perOrigin.computeIfAbsent(Attribution.originText(c.socket()), k -> new long[2]);
            n[0]++;
            if (c.byCleaner()) {
                n[1]++;
            }
        }
        List<Churn> churn = new ArrayList<>();
        perOrigin.forEach((origin, n) -> churn.add(new Churn(origin, n[0], n[1])));
        churn.sort(Comparator.comparingLong((Churn c) -> -c.closes()).thenComparing(Churn::origin));
        return churn;
    }

    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("Connections of pid ").append(report.pid()).append(" by state, origin and remote host (CLOSE_WAIT first)\n");
        out.append(String.format("%-12s %6s %7s %7s  %-39s %s%n", "State", "Count", "Oldest", "Median", "Remote host", "Origin"));
        for (Connections c : report.connections()) {
            out.append(String.format("%-12s %6d %7s %7s  %-39s %s%n", c.state(), c.count(), age(c.oldestMillis()),
                    age(c.medianMillis()), c.remote(), c.origin()));
        }
        if (report.connections().isEmpty()) {
            out.append("(no connections)\n");
        }
        out.append('\n').append("Closes in the last minute by origin (churn)")
                .append(report.closesLost() ? "; more closes than the close ring holds: counts are lower bounds" : "")
                .append('\n');
        out.append(String.format("%10s %10s  %s%n", "Closes/min", "GC-closed", "Origin"));
        for (Churn c : report.churn()) {
            out.append(String.format("%10d %10d  %s%n", c.closes(), c.gcClosed(), c.origin()));
        }
        if (report.churn().isEmpty()) {
            out.append("(no closes)\n");
        }
        return out.toString();
    }

    /** The report as one JSON object (docs/json.md). */
    static String json(Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", "leaks");
        m.put("pid", report.pid());
        List<Object> connections = new ArrayList<>();
        for (Connections c : report.connections()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("state", c.state());
            g.put("count", c.count());
            g.put("oldestMillis", c.oldestMillis() < 0 ? null : c.oldestMillis());
            g.put("medianMillis", c.medianMillis() < 0 ? null : c.medianMillis());
            g.put("remote", c.remote());
            g.put("origin", c.origin());
            connections.add(g);
        }
        m.put("connections", connections);
        List<Object> churn = new ArrayList<>();
        for (Churn c : report.churn()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("origin", c.origin());
            g.put("closesLastMinute", c.closes());
            g.put("gcClosed", c.gcClosed());
            churn.add(g);
        }
        m.put("churn", churn);
        m.put("closesAreLowerBounds", report.closesLost());
        return Json.write(m) + "\n";
    }

    private static String age(long millis) {
        return millis < 0 ? "-" : Age.format(millis);
    }
}
