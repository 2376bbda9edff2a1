package io.jattachstat.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One refresh of the Sockets tab: what the agent's {@code consoleTable()} operation returned (format
 * 1: a header row, socket rows "S", listener rows "L", tab-separated), parsed off the event thread.
 */
record ConsoleSnapshot(long takenAtMillis, double acceptQueueThreshold, boolean originsTracked,
                       List<SocketRow> sockets, List<ListenerRow> listeners) {
    static final String FORMAT = "jattachstat-console\t1";

    /** A socket: numbers are null where the protocol has none (unix queues). */
    record SocketRow(String proto, String local, String remote, String state, Long recvQ, Long sendQ, long inode,
                     int fd, String origin, String netstatLine) {
    }

    /** A listener: its accept queue now and the most it may hold (-1: unknown). */
    record ListenerRow(String protocol, String address, int queue, int maxBacklog, String backlogSource) {
        /** queue / maxBacklog, or NaN when the maximum is unknown. */
        double fill() {
            return maxBacklog <= 0 ? Double.NaN : (double) queue / maxBacklog;
        }

        boolean atThreshold(double threshold) {
            return threshold > 0 && fill() >= threshold;
        }
    }

    static ConsoleSnapshot parse(String[] rows) {
        if (rows.length == 0 || !rows[0].startsWith("#\t" + FORMAT + "\t")) {
            throw new IllegalArgumentException("not a jattachstat console table (format 1): "
                    + (rows.length == 0 ? "no rows" : rows[0]));
        }
        String[] head = rows[0].split("\t", -1);
        List<SocketRow> sockets = new ArrayList<>(rows.length);
        List<ListenerRow> listeners = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            String[] f = rows[i].split("\t", -1);
            if (f[0].equals("S") && f.length >= 11) {
                sockets.add(new SocketRow(f[1], f[2], f[3], f[4], number(f[5]), number(f[6]), Long.parseLong(f[7]),
                        Integer.parseInt(f[8]), f[9], f[10]));
            } else if (f[0].equals("L") && f.length >= 6) {
                listeners.add(new ListenerRow(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5]));
            }
        }
        return new ConsoleSnapshot(Long.parseLong(head[3]), Double.parseDouble(head[4]), head[5].equals("origins"),
                sockets, listeners);
    }

    private static Long number(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    /** Sockets per state, in first-seen order. */
    Map<String, Integer> stateCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SocketRow s : sockets) {
            counts.merge(s.state(), 1, Integer::sum);
        }
        return counts;
    }
}
