package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SelectorWait;
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
 * {@code --blocked}: the threads blocked on a socket, longest wait first, joined with the socket as
 * netstat shows it (and, through the agent, its origin); then, per peer, how many wait on it and how
 * many of those with no timeout (the answer to "every request thread waits on one slow database");
 * then the threads waiting in a selector, apart.
 *
 * <p>Waited is exact where the agent recorded the wait ("61.2s"); from /proc alone it is at least as
 * long as the thread has been seen blocked (">=60s"), or "?" the first time.
 */
public final class BlockedView {
    private static final String TITLE = "Threads blocked on sockets (Waited: exact where the agent recorded it;"
            + " >=Ns from /proc, as long as seen blocked; ? when first seen)\n";
    private static final String SOCKET_HEADER = "Proto Recv-Q Send-Q Local Address           Foreign Address         State";
    /** netstat pads State to 11 characters when a column follows it. */
    private static final String ORIGIN_HEADER = "       Origin";
    /** /proc's thread names are at most 15 characters; Java's may be longer, and the column grows. */
    private static final int THREAD_WIDTH = 15;

    private BlockedView() {
    }

    /** One blocked thread and its socket (null if the socket was not in the snapshot). */
    private record Row(ThreadWait waiting, InetSocket inet, UnixSocket unix) {
        String socketLine() {
            return inet != null ? NetstatFormatter.numericRow(inet) : unix != null ? NetstatFormatter.numericRow(unix)
                    : "(fd " + waiting.fd() + ": socket " + waiting.inode() + ", not in the snapshot)";
        }

        /**
         * What the thread waits for. A poll (a timed wait from /proc, a parked virtual thread) is for
         * "readable" or "writable": on a listener that is an accept, on a connection still being made
         * a connect.
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

    /**
     * @param origins each socket's origin by inode (through the agent), or null for no Origin column
     */
    public static String text(SocketTable table, BlockedThreads blocked, Map<Long, String> origins) {
        List<Row> rows = rows(table, blocked);
        int width = THREAD_WIDTH;
        for (Row r : rows) {
            width = Math.max(width, threadName(r.waiting()).length());
        }
        String format = "%-" + width + "s %-7s %-7s %-9s %-9s ";
        StringBuilder out = new StringBuilder(TITLE);
        out.append(String.format(format, "Thread", "Op", "Waited", "Timeout", "Left")).append(SOCKET_HEADER)
                .append(origins != null ? ORIGIN_HEADER : "").append('\n');
        for (Row r : rows) {
            ThreadWait w = r.waiting();
            out.append(String.format(format, threadName(w), r.op(), waited(w), timeout(w.timeoutMillis()), left(w)))
                    .append(r.socketLine());
            if (origins != null) {
                out.append(' ').append(origins.getOrDefault(w.inode(), "-"));
            }
            out.append('\n');
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
        List<SelectorWait> selectors = selectors(blocked);
        out.append('\n').append("Threads waiting in a selector: ").append(selectors.size()).append('\n');
        for (SelectorWait s : selectors) {
            out.append(String.format("%-15s epoll fd %d", s.thread(), s.epollFd()));
            if (s.registered() >= 0) {
                out.append(", ").append(s.registered()).append(s.registered() == 1 ? " descriptor" : " descriptors")
                        .append(" registered");
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static String json(SocketTable table, BlockedThreads blocked, Map<Long, String> origins) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", "blocked");
        m.put("pid", table.pid());
        List<Object> threads = new ArrayList<>();
        for (Row r : rows(table, blocked)) {
            ThreadWait w = r.waiting();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("thread", w.thread());
            t.put("tid", w.tid() > 0 ? w.tid() : null);
            t.put("javaThreadId", w.java() != null ? w.java().id() : null);
            t.put("virtual", w.java() != null ? w.java().virtual() : null);
            t.put("javaState", w.java() != null ? w.java().state() : null);
            t.put("op", r.op());
            t.put("waitedMillis", w.waitedMillis() >= 0 ? w.waitedMillis() : null);
            t.put("seenBlockedMillis", w.seenMillis() > 0 ? w.seenMillis() : null);
            t.put("timeoutMillis", w.timeoutMillis() < 0 ? null : w.timeoutMillis());
            t.put("leftMillis", leftMillis(w) >= 0 ? leftMillis(w) : null);
            t.put("fd", w.fd());
            t.put("inode", w.inode());
            t.put("proto", r.inet() != null ? r.inet().protocol().label() : r.unix() != null ? "unix" : null);
            t.put("state", r.inet() != null ? SocketState.of(r.inet()).jsonName()
                    : r.unix() != null ? SocketState.of(r.unix()).jsonName() : null);
            t.put("local", r.inet() != null ? endpoint(r.inet(), true) : r.unix() != null ? r.unix().path() : null);
            t.put("remote", r.inet() != null ? endpoint(r.inet(), false) : null);
            if (origins != null) {
                t.put("origin", origins.get(w.inode()));
            }
            threads.add(t);
        }
        m.put("threads", threads);
        List<Object> selectors = new ArrayList<>();
        for (SelectorWait w : selectors(blocked)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("thread", w.thread());
            s.put("tid", w.tid());
            s.put("epollFd", w.epollFd());
            s.put("registered", w.registered() >= 0 ? w.registered() : null);
            selectors.add(s);
        }
        m.put("selectors", selectors);
        return Json.write(m) + "\n";
    }

    private static String endpoint(InetSocket s, boolean local) {
        var e = local ? s.local() : s.remote();
        return AddressText.hostPort(e.numericHostAsNetstat(), e.port());
    }

    /** The socket waits, joined with the snapshot by inode: longest first, then no timeout, then by name. */
    private static List<Row> rows(SocketTable table, BlockedThreads blocked) {
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
        for (ThreadWait w : blocked.onSockets()) {
            if (!isAgents(w.thread())) {
                rows.add(new Row(w, inet.get(w.inode()), unix.get(w.inode())));
            }
        }
        rows.sort(Comparator.comparingLong((Row r) -> -r.waiting().knownMillis())
                .thenComparing(r -> r.waiting().timeoutMillis() >= 0).thenComparing(r -> r.waiting().thread()));
        return rows;
    }

    private static List<SelectorWait> selectors(BlockedThreads blocked) {
        return blocked.inSelectors().stream().filter(s -> !isAgents(s.thread())).toList();
    }

    /** The agent's own threads (its control socket's acceptor): plumbing, as the views leave it out. */
    private static boolean isAgents(String thread) {
        return thread.startsWith("jattachstat-");
    }

    /**
     * One wait in a line, for a socket's details (the console): 'thread "pool-1" read, waited 61.2s,
     * no timeout', or '... timeout 3600 s, 3539 s left'.
     */
    public static String describe(ThreadWait w) {
        String timeout = w.timeoutMillis() < 0 ? "no timeout"
                : "timeout " + timeout(w.timeoutMillis()) + (leftMillis(w) >= 0 ? ", " + left(w) + " left" : "");
        String waited = w.waitedMillis() >= 0 ? "waited " + waited(w)
                : w.seenMillis() > 0 ? "seen blocked " + waited(w) : "just seen blocked";
        return "thread \"" + threadName(w) + "\" " + w.op() + ", " + waited + ", " + timeout;
    }

    /** A Java virtual thread has no name unless given one: it is shown by its id. */
    static String threadName(ThreadWait w) {
        if (w.java() == null || !w.java().virtual()) {
            return w.thread();
        }
        return (w.thread().isEmpty() ? "" : w.thread() + "@") + "virtual#" + w.java().id();
    }

    /**
     * Exact to the tenth of a second where the agent recorded the wait; else "?" for a wait seen for
     * the first time, or ">=" the whole seconds it has been seen blocked.
     */
    static String waited(ThreadWait w) {
        if (w.waitedMillis() >= 0) {
            return String.format("%d.%ds", w.waitedMillis() / 1000, w.waitedMillis() % 1000 / 100);
        }
        return w.seenMillis() <= 0 ? "?" : ">=" + w.seenMillis() / 1000 + "s";
    }

    /** What is left of the timeout: known where the wait's start is (the agent's), else -1. */
    private static long leftMillis(ThreadWait w) {
        return w.timeoutMillis() < 0 || w.waitedMillis() < 0 ? -1 : Math.max(0, w.timeoutMillis() - w.waitedMillis());
    }

    /** "-" with no timeout, "?" where /proc cannot tell when the wait began. */
    static String left(ThreadWait w) {
        if (w.timeoutMillis() < 0) {
            return "-";
        }
        long left = leftMillis(w);
        return left < 0 ? "?" : timeout(left);
    }

    /** A timeout in ms below 10 s, else in whole seconds (rounded up); "none" for no timeout. */
    static String timeout(long millis) {
        if (millis < 0) {
            return "none";
        }
        return millis >= 10_000 ? (millis + 999) / 1000 + " s" : millis + " ms";
    }
}
