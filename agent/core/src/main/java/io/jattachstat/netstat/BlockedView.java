package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.model.UnixSocket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --blocked}: the threads blocked on a socket, joined with the socket as netstat shows it;
 * then, per peer, how many wait on it and how many of those with no timeout (the answer to "every
 * request thread waits on one slow database"); then the threads waiting in a selector, apart.
 * From {@code /proc} the time each has waited is not known ("?").
 */
public final class BlockedView {
    static final String HEADER = String.format("%-15s %-7s %-6s %-9s ", "Thread", "Op", "Waited", "Timeout");

    private BlockedView() {
    }

    /** One blocked thread and its socket (null if the socket was not in the snapshot). */
    private record Row(ThreadWait waiting, InetSocket inet, UnixSocket unix) {
        String socketLine() {
            return inet != null ? NetstatFormatter.numericRow(inet) : unix != null ? NetstatFormatter.numericRow(unix)
                    : "(fd " + waiting.fd() + ": socket " + waiting.inode() + ", not in the snapshot)";
        }

        /**
         * What the thread waits for. A timed wait is a poll for "readable" or "writable": on a
         * listener that is an accept, on a connection still being made a connect.
         */
        String op() {
            if (inet != null && inet.protocol().isTcp()) {
                TcpState state = TcpState.of(inet.state());
                if (waiting.op().equals("read") && state == TcpState.LISTEN) {
                    return "accept";
                }
                if (waiting.op().equals("write") && state == TcpState.SYN_SENT) {
                    return "connect";
                }
            }
            return waiting.op();
        }

        /** What the thread waits on: "waiting on" its peer, or "accepting on" a listener's address. */
        String peer() {
            if (inet == null) {
                return unix != null ? (unix.isListening() ? "accepting on unix " : "waiting on unix ") + unix.path()
                        : "waiting on ?";
            }
            if (inet.protocol().isTcp() && TcpState.of(inet.state()) == TcpState.LISTEN) {
                return "accepting on " + AddressText.hostPort(inet.local().numericHostAsNetstat(), inet.local().port());
            }
            return "waiting on " + AddressText.hostPort(inet.remote().numericHostAsNetstat(), inet.remote().port());
        }
    }

    public static String text(SocketTable table, List<ThreadWait> waits) {
        List<Row> rows = rows(table, waits);
        StringBuilder out = new StringBuilder();
        out.append("Threads blocked on sockets (from /proc: waited at least as long as seen blocked; ? when first seen)\n");
        out.append(HEADER).append("Proto Recv-Q Send-Q Local Address           Foreign Address         State\n");
        for (Row r : rows) {
            ThreadWait w = r.waiting();
            out.append(String.format("%-15s %-7s %-6s %-9s ", w.thread(), r.op(), waited(w.seenMillis()),
                    timeout(w.timeoutMillis())))
                    .append(r.socketLine()).append('\n');
        }
        Map<String, int[]> byPeer = new LinkedHashMap<>();
        for (Row r : rows) {
            int[] n = byPeer.computeIfAbsent(r.peer(), k -> new int[2]);
            n[0]++;
            n[1] += r.waiting().timeoutMillis() < 0 ? 1 : 0;
        }
        if (!byPeer.isEmpty()) {
            out.append('\n');
        }
        byPeer.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0]))
                .forEach(e -> out.append(e.getValue()[0]).append(e.getValue()[0] == 1 ? " thread " : " threads ")
                        .append(e.getKey()).append(", ").append(e.getValue()[1])
                        .append(" with no timeout\n"));
        List<ThreadWait> selectors = waits.stream().filter(w -> w.inSelector() && !isAgents(w)).toList();
        out.append('\n').append("Threads waiting in a selector: ").append(selectors.size()).append('\n');
        for (ThreadWait w : selectors) {
            out.append(String.format("%-15s epoll fd %d%n", w.thread(), w.fd()));
        }
        return out.toString();
    }

    public static String json(SocketTable table, List<ThreadWait> waits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", "blocked");
        m.put("pid", table.pid());
        List<Object> threads = new ArrayList<>();
        for (Row r : rows(table, waits)) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("thread", r.waiting().thread());
            t.put("tid", r.waiting().tid());
            t.put("op", r.op());
            t.put("waitedMillis", null);
            t.put("seenBlockedMillis", r.waiting().seenMillis() > 0 ? r.waiting().seenMillis() : null);
            t.put("timeoutMillis", r.waiting().timeoutMillis() < 0 ? null : r.waiting().timeoutMillis());
            t.put("fd", r.waiting().fd());
            t.put("inode", r.waiting().inode());
            t.put("proto", r.inet() != null ? r.inet().protocol().label() : r.unix() != null ? "unix" : null);
            t.put("state", r.inet() != null ? SocketState.of(r.inet()).jsonName()
                    : r.unix() != null ? SocketState.of(r.unix()).jsonName() : null);
            t.put("local", r.inet() != null ? endpoint(r.inet(), true) : r.unix() != null ? r.unix().path() : null);
            t.put("remote", r.inet() != null ? endpoint(r.inet(), false) : null);
            threads.add(t);
        }
        m.put("threads", threads);
        List<Object> selectors = new ArrayList<>();
        for (ThreadWait w : waits) {
            if (w.inSelector() && !isAgents(w)) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("thread", w.thread());
                s.put("tid", w.tid());
                s.put("epollFd", w.fd());
                selectors.add(s);
            }
        }
        m.put("selectors", selectors);
        return Json.write(m) + "\n";
    }

    private static String endpoint(InetSocket s, boolean local) {
        var e = local ? s.local() : s.remote();
        return AddressText.hostPort(e.numericHostAsNetstat(), e.port());
    }

    /** The socket waits, joined with the snapshot by inode: no timeout first, then by thread name. */
    private static List<Row> rows(SocketTable table, List<ThreadWait> waits) {
        Map<Long, InetSocket> inet = new HashMap<>();
        for (Protocol p : Protocol.INET_IN_NETSTAT_ORDER) {
            for (InetSocket s : table.inet(p)) {
                inet.put(s.inode(), s);
            }
        }
        Map<Long, UnixSocket> unix = new HashMap<>();
        for (UnixSocket u : table.unix()) {
            unix.put(u.inode(), u);
        }
        List<Row> rows = new ArrayList<>();
        for (ThreadWait w : waits) {
            if (!w.inSelector() && !isAgents(w)) {
                rows.add(new Row(w, inet.get(w.inode()), unix.get(w.inode())));
            }
        }
        // Longest seen first, then those with no timeout, then by name.
        rows.sort(Comparator.comparingLong((Row r) -> -r.waiting().seenMillis())
                .thenComparing(r -> r.waiting().timeoutMillis() >= 0).thenComparing(r -> r.waiting().thread()));
        return rows;
    }

    /** The agent's own threads (its control socket's acceptor): plumbing, as the views leave it out. */
    private static boolean isAgents(ThreadWait w) {
        return w.thread().startsWith("jattachstat-");
    }

    /** "?" for a wait seen for the first time, else ">=" the whole seconds it has been seen blocked. */
    static String waited(long seenMillis) {
        return seenMillis <= 0 ? "?" : ">=" + seenMillis / 1000 + "s";
    }

    /**
     * The timeout the wait was given, as far as /proc tells: what is left of it when the JDK passed it
     * to poll (a timed connect passes the remainder), in whole seconds from 10 s up.
     */
    static String timeout(long millis) {
        if (millis < 0) {
            return "none";
        }
        return millis >= 10_000 ? (millis + 999) / 1000 + " s" : millis + " ms";
    }
}
