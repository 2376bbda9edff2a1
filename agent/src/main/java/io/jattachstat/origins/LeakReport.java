package io.jattachstat.origins;

import io.jattachstat.model.TcpState;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
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
    private record Key(String state, String origin, String remote) {
    }

    private static final class Group {
        int count;
        final List<Long> ages = new ArrayList<>();
    }

    private LeakReport() {
    }

    static String render(SocketTable table, Attribution attribution, List<ClosedSocket> recentCloses,
                         boolean closesLost, long now) {
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
        StringBuilder out = new StringBuilder();
        out.append("Connections of pid ").append(table.pid()).append(" by state, origin and remote host (CLOSE_WAIT first)\n");
        out.append(String.format("%-12s %6s %7s %7s  %-39s %s%n", "State", "Count", "Oldest", "Median", "Remote host", "Origin"));
        for (Map.Entry<Key, Group> r : rows) {
            Group g = r.getValue();
            g.ages.sort(null);
            String oldest = g.ages.isEmpty() ? "-" : Age.format(g.ages.get(g.ages.size() - 1));
            String median = g.ages.isEmpty() ? "-" : Age.format(g.ages.get(g.ages.size() / 2));
            out.append(String.format("%-12s %6d %7s %7s  %-39s %s%n", r.getKey().state(), g.count, oldest, median,
                    r.getKey().remote(), r.getKey().origin()));
        }
        if (rows.isEmpty()) {
            out.append("(no connections)\n");
        }
        churn(recentCloses, closesLost, now, out);
        return out.toString();
    }

    /** Closes per opening origin over the last minute. */
    private static void churn(List<ClosedSocket> recentCloses, boolean closesLost, long now, StringBuilder out) {
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
        out.append('\n').append("Closes in the last minute by origin (churn)")
                .append(closesLost ? "; more closes than the close ring holds: counts are lower bounds" : "").append('\n');
        out.append(String.format("%10s %10s  %s%n", "Closes/min", "GC-closed", "Origin"));
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(perOrigin.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, long[]> e : rows) {
            out.append(String.format("%10d %10d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
        }
        if (rows.isEmpty()) {
            out.append("(no closes)\n");
        }
    }
}
