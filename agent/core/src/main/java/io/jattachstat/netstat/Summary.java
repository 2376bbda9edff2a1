package io.jattachstat.netstat;

import io.jattachstat.model.SocketTable;

import java.util.Map;

/**
 * {@code --summary} as text: the counts of {@link SummaryCounts}, one block each, in the layout of
 * {@code ss -s} and of the lookups' columns.
 */
final class Summary {
    private Summary() {
    }

    static String render(SocketTable table, int top) {
        SummaryCounts c = SummaryCounts.of(table, top);
        StringBuilder b = new StringBuilder();
        b.append("Sockets of process ").append(table.pid());
        if (table.programName() != null) {
            b.append(" (").append(table.programName()).append(')');
        }
        b.append(": ").append(c.total()).append('\n');
        for (Map.Entry<String, Map<String, Integer>> t : c.states().entrySet()) {
            int sum = t.getValue().values().stream().mapToInt(Integer::intValue).sum();
            b.append(String.format("%-6s %d", t.getKey().toUpperCase(java.util.Locale.ROOT) + ":", sum));
            StringBuilder detail = new StringBuilder();
            t.getValue().forEach((state, n) -> {
                if (n > 0) {
                    detail.append(detail.length() == 0 ? "" : ", ").append(state).append(' ').append(n);
                }
            });
            b.append(detail.length() == 0 ? "" : " (" + detail + ")").append('\n');
        }
        b.append('\n').append(String.format("%-9s %-9s %-9s %s%n", "Transport", "Total", "IP", "IPv6"));
        int[] inet = new int[2];
        for (Map.Entry<String, int[]> t : c.transports().entrySet()) {
            int[] v = t.getValue();
            inet[0] += v[0];
            inet[1] += v[1];
            b.append(String.format("%-9s %-9d %-9d %d%n", t.getKey().toUpperCase(java.util.Locale.ROOT), v[0] + v[1],
                    v[0], v[1]));
        }
        b.append(String.format("%-9s %-9d %-9d %d%n", "INET", inet[0] + inet[1], inet[0], inet[1]));
        for (SummaryCounts.Lookup l : c.lookups()) {
            b.append('\n').append(l.title()).append(" (top ").append(top).append(")\n");
            b.append(String.format("%11s  %s%n", l.countColumn(), l.keyColumn()));
            for (Map.Entry<String, Integer> row : l.rows()) {
                b.append(String.format("%11d  %s%n", row.getValue(), row.getKey()));
            }
        }
        return b.toString();
    }
}
