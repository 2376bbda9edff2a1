package io.jattachstat.model;

import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One snapshot as a console shows it (the JConsole plugin's Sockets tab): every socket with its
 * numbers, origin and netstat line, every listener with its accept queue and backlog. It crosses JMX
 * as open data (the Sockets MBean's {@code consoleSnapshot()}), so a console needs no class of the
 * agent's to read it, and this one type writes it on the agent's side and reads it on the console's.
 */
public record ConsoleSnapshot(long takenAtMillis, double acceptQueueThreshold, boolean originsTracked,
                              List<SocketRow> sockets, List<ListenerRow> listeners) {

    /**
     * A socket. Addresses are numeric, IPv6 in brackets; {@code recvQ} and {@code sendQ} are null
     * where the protocol has none (unix sockets); {@code origin} is "" when unknown; {@code blocked}
     * names the threads blocked on it ({@code --blocked}'s words, "; " between threads), "" for none.
     */
    public record SocketRow(String proto, String local, String remote, String state, Long recvQ, Long sendQ,
                            long inode, int fd, String origin, String netstatLine, String blocked) {
    }

    /** A listener: its accept queue now and the most it may hold (-1: unknown), and where that came from. */
    public record ListenerRow(String protocol, String address, int queue, int maxBacklog, String backlogSource) {
        /** queue / maxBacklog, or NaN when the maximum is unknown. */
        public double fill() {
            return maxBacklog <= 0 ? Double.NaN : (double) queue / maxBacklog;
        }

        public boolean atThreshold(double threshold) {
            return threshold > 0 && fill() >= threshold;
        }
    }

    public ConsoleSnapshot {
        sockets = List.copyOf(sockets);
        listeners = List.copyOf(listeners);
    }

    /** Sockets per state, in first-seen order. */
    public Map<String, Integer> stateCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SocketRow s : sockets) {
            counts.merge(s.state(), 1, Integer::sum);
        }
        return counts;
    }

    private static final String[] SOCKET_ITEMS = {"proto", "local", "remote", "state", "recvQ", "sendQ", "inode", "fd",
        "origin", "netstatLine", "blocked"};
    private static final String[] LISTENER_ITEMS = {"protocol", "address", "queue", "maxBacklog", "backlogSource"};
    private static final String[] SNAPSHOT_ITEMS = {"takenAtMillis", "acceptQueueThreshold", "originsTracked",
        "sockets", "listeners"};
    private static final CompositeType SOCKET = type("io.jattachstat.ConsoleSocket", "one socket", SOCKET_ITEMS,
            SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG,
            SimpleType.LONG, SimpleType.LONG, SimpleType.INTEGER, SimpleType.STRING, SimpleType.STRING,
            SimpleType.STRING);
    private static final CompositeType LISTENER = type("io.jattachstat.ConsoleListener", "one listener",
            LISTENER_ITEMS, SimpleType.STRING, SimpleType.STRING, SimpleType.INTEGER, SimpleType.INTEGER,
            SimpleType.STRING);
    /** The open type of {@link #toOpenData()}: what the MBean's operation returns. */
    public static final CompositeType TYPE = type("io.jattachstat.ConsoleSnapshot",
            "one snapshot of a JVM's sockets, for consoles", SNAPSHOT_ITEMS, SimpleType.LONG, SimpleType.DOUBLE,
            SimpleType.BOOLEAN, arrayOf(SOCKET), arrayOf(LISTENER));

    public CompositeData toOpenData() {
        try {
            CompositeData[] s = new CompositeData[sockets.size()];
            for (int i = 0; i < s.length; i++) {
                SocketRow r = sockets.get(i);
                s[i] = new CompositeDataSupport(SOCKET, SOCKET_ITEMS, new Object[] {r.proto(), r.local(), r.remote(),
                    r.state(), r.recvQ(), r.sendQ(), r.inode(), r.fd(), r.origin(), r.netstatLine(), r.blocked()});
            }
            CompositeData[] l = new CompositeData[listeners.size()];
            for (int i = 0; i < l.length; i++) {
                ListenerRow r = listeners.get(i);
                l[i] = new CompositeDataSupport(LISTENER, LISTENER_ITEMS, new Object[] {r.protocol(), r.address(),
                    r.queue(), r.maxBacklog(), r.backlogSource()});
            }
            return new CompositeDataSupport(TYPE, SNAPSHOT_ITEMS,
                    new Object[] {takenAtMillis, acceptQueueThreshold, originsTracked, s, l});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e); // the values match the types above by construction
        }
    }

    /**
     * Reads what {@link #toOpenData()} made, as a remote console receives it.
     *
     * @throws IllegalArgumentException if {@code data} is not a console snapshot (an agent of another
     *                                  kind or version)
     */
    public static ConsoleSnapshot fromOpenData(CompositeData data) {
        if (data == null || !data.getCompositeType().getTypeName().equals(TYPE.getTypeName())) {
            throw new IllegalArgumentException("not a jattachstat console snapshot: "
                    + (data == null ? "nothing" : data.getCompositeType().getTypeName()));
        }
        List<SocketRow> sockets = new ArrayList<>();
        for (CompositeData s : (CompositeData[]) data.get("sockets")) {
            sockets.add(new SocketRow((String) s.get("proto"), (String) s.get("local"), (String) s.get("remote"),
                    (String) s.get("state"), (Long) s.get("recvQ"), (Long) s.get("sendQ"), (Long) s.get("inode"),
                    (Integer) s.get("fd"), (String) s.get("origin"), (String) s.get("netstatLine"),
                    // an agent older than the console has no "blocked" item
                    s.containsKey("blocked") ? (String) s.get("blocked") : ""));
        }
        List<ListenerRow> listeners = new ArrayList<>();
        for (CompositeData l : (CompositeData[]) data.get("listeners")) {
            listeners.add(new ListenerRow((String) l.get("protocol"), (String) l.get("address"),
                    (Integer) l.get("queue"), (Integer) l.get("maxBacklog"), (String) l.get("backlogSource")));
        }
        return new ConsoleSnapshot((Long) data.get("takenAtMillis"), (Double) data.get("acceptQueueThreshold"),
                (Boolean) data.get("originsTracked"), sockets, listeners);
    }

    private static CompositeType type(String name, String description, String[] items, OpenType<?>... types) {
        try {
            return new CompositeType(name, description, items, items, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static ArrayType<CompositeData> arrayOf(CompositeType element) {
        try {
            return new ArrayType<>(1, element);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
