package io.jattachstat.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One process's sockets as {@code ss -tuxanp} shows them: the oracle for the meters. ss's names are
 * mapped to the meters' (transport tcp/udp/unix; tcp states as netstat's in lowercase; UNCONN is
 * unconnected; a unix LISTEN is listening and ESTAB connected).
 */
final class SsSockets {
    record Row(String transport, String state, long recvQ, long sendQ, int localPort) {
    }

    private static final Map<String, String> TCP_STATES = Map.ofEntries(Map.entry("ESTAB", "established"),
            Map.entry("SYN-SENT", "syn-sent"), Map.entry("SYN-RECV", "syn-recv"), Map.entry("FIN-WAIT-1", "fin-wait1"),
            Map.entry("FIN-WAIT-2", "fin-wait2"), Map.entry("TIME-WAIT", "time-wait"), Map.entry("UNCONN", "close"),
            Map.entry("CLOSE-WAIT", "close-wait"), Map.entry("LAST-ACK", "last-ack"), Map.entry("LISTEN", "listen"),
            Map.entry("CLOSING", "closing"));

    final List<Row> rows = new ArrayList<>();

    /** The sockets of {@code pid}, leaving out those on the local {@code ignoredPorts}. */
    static SsSockets of(long pid, Set<Integer> ignoredPorts) {
        return parse(pid, ignoredPorts, Tools.run(List.of("ss", "-tuxanpH"), Map.of()).out());
    }

    /** The sockets of {@code pid}, as ss sees them from inside the process's own network namespace. */
    static SsSockets inNamespaceOf(long pid) {
        return parse(pid, Set.of(), Tools.run(List.of("nsenter", "-t", Long.toString(pid), "-n", "--", "ss", "-tuxanpH"),
                Map.of()).out());
    }

    /**
     * The TCP connections of no process in {@code pid}'s network namespace in a state only a close
     * leaves (FIN_WAIT2, TIME_WAIT, ...): those the process closed, when it is the namespace's only one.
     */
    static SsSockets closedInNamespaceOf(long pid) {
        SsSockets all = parse(-1, Set.of(), Tools.run(List.of("nsenter", "-t", Long.toString(pid), "-n", "--", "ss",
                "-tuxanpH"), Map.of()).out());
        // Not the connections waiting in a listener's accept queue (no fd yet): only what a close leaves.
        Set<String> afterClose = Set.of("fin-wait1", "fin-wait2", "time-wait", "closing", "last-ack");
        all.rows.removeIf(r -> !r.transport().equals("tcp") || !afterClose.contains(r.state()));
        return all;
    }

    /** {@code pid}'s rows, or (pid -1) the rows of no process. */
    private static SsSockets parse(long pid, Set<Integer> ignoredPorts, String out) {
        SsSockets s = new SsSockets();
        for (String line : out.split("\n")) {
            if (line.isBlank() || (pid < 0 ? line.contains("users:") : !line.contains("pid=" + pid + ","))) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            String transport = f[0].startsWith("u_") ? "unix" : f[0];
            String state = switch (transport) {
                case "tcp" -> TCP_STATES.getOrDefault(f[1], "?" + f[1]);
                case "unix" -> f[1].equals("LISTEN") ? "listening" : f[1].equals("ESTAB") ? "connected" : "unconnected";
                default -> f[1].equals("ESTAB") ? "established" : "unconnected";
            };
            int port = transport.equals("unix") ? 0 : Integer.parseInt(f[4].substring(f[4].lastIndexOf(':') + 1));
            if (!ignoredPorts.contains(port)) {
                s.rows.add(new Row(transport, state, Long.parseLong(f[2]), Long.parseLong(f[3]), port));
            }
        }
        return s;
    }

    /** Sockets by "transport state". */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r.transport() + " " + r.state(), 1, Integer::sum));
        return counts;
    }

    /** Queue bytes of a transport's sockets, listeners left out (ss shows a listener's backlog as Send-Q). */
    long queue(String transport, boolean receive) {
        return rows.stream().filter(r -> r.transport().equals(transport) && !r.state().equals("listen"))
                .mapToLong(r -> receive ? r.recvQ() : r.sendQ()).sum();
    }

    /** The listener on {@code port}: Recv-Q (waiting connections) and Send-Q (its maximum backlog). */
    Row listener(int port) {
        return rows.stream().filter(r -> r.state().equals("listen") && r.localPort() == port).findFirst()
                .orElseThrow(() -> new AssertionError("ss shows no listener on " + port));
    }
}
