package io.jattachstat.model;


import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One snapshot's sockets counted by transport and state, and their queues summed: what the Sockets
 * MBean's attributes and the {@code process.sockets} meters show. Transports are netstat's families
 * without the IP version (tcp, udp, raw, unix); states are netstat's names in lowercase with
 * {@code -} for {@code _}, plus {@code unconnected} where netstat's State column is empty.
 */
public final class SocketCounts {
    public static final List<String> TRANSPORTS = List.of("tcp", "udp", "raw", "unix");
    /** Queue meters exist for these: /proc/net/unix has no queue columns. */
    public static final List<String> QUEUED_TRANSPORTS = List.of("tcp", "udp", "raw");
    private static final String[] TCP_STATES = {"", "established", "syn-sent", "syn-recv", "fin-wait1",
        "fin-wait2", "time-wait", "close", "close-wait", "last-ack", "listen", "closing"};
    private static final List<String> DATAGRAM_STATES = List.of("established", "unconnected");
    private static final List<String> UNIX_STATES = List.of("listening", "connected", "connecting",
            "disconnecting", "unconnected");
    private static final String[] UNIX_STATE_BY_NUMBER = {"unconnected", "unconnected", "connecting", "connected",
        "disconnecting"};

    private final Map<String, Integer> byTransportAndState = new HashMap<>();
    private final Map<String, Long> queues = new HashMap<>();
    private long acceptQueued;
    private int total;

    public SocketCounts(SocketTable table) {
        for (Protocol p : Protocol.values()) {
            if (!p.isInet()) {
                continue;
            }
            String transport = p.servicesProtocol();
            for (InetSocket s : table.inet(p)) {
                add(transport, stateOf(s));
                if (p.isTcp() && s.state() == InetSocket.TCP_LISTEN) {
                    acceptQueued += s.receiveQueue(); // connections waiting, not bytes
                } else {
                    queues.merge(queueKey(transport, true), s.receiveQueue(), Long::sum);
                }
                queues.merge(queueKey(transport, false), s.sendQueue(), Long::sum);
            }
        }
        for (UnixSocket u : table.unix()) {
            add("unix", stateOf(u));
        }
    }

    private void add(String transport, String state) {
        byTransportAndState.merge(transport + ' ' + state, 1, Integer::sum);
        byTransportAndState.merge(transport, 1, Integer::sum);
        total++;
    }

    private static String queueKey(String transport, boolean receive) {
        return transport + (receive ? " receive" : " send");
    }

    /** The states a transport's sockets can be in, as this class names them. */
    public static List<String> states(String transport) {
        return switch (transport) {
            case "tcp" -> List.of(TCP_STATES).subList(1, TCP_STATES.length);
            case "unix" -> UNIX_STATES;
            default -> DATAGRAM_STATES;
        };
    }

    /** The state name of a TCP socket given the kernel's number (1 = established ... 11 = closing). */
    public static String tcpState(int kernelState) {
        return kernelState > 0 && kernelState < TCP_STATES.length ? TCP_STATES[kernelState] : "unknown";
    }

    public static String stateOf(InetSocket s) {
        if (s.protocol().isTcp()) {
            return tcpState(s.state());
        }
        return s.state() == InetSocket.UDP_CONNECTED ? "established" : "unconnected";
    }

    public static String stateOf(UnixSocket u) {
        if (u.isListening()) {
            return "listening";
        }
        return u.state() >= 0 && u.state() < UNIX_STATE_BY_NUMBER.length ? UNIX_STATE_BY_NUMBER[u.state()]
                : "unconnected";
    }

    /** Sockets of {@code transport} in {@code state} (names as {@link #states}, any case). */
    public int count(String transport, String state) {
        return byTransportAndState.getOrDefault(transport + ' ' + state.toLowerCase(Locale.ROOT), 0);
    }

    public int count(String transport) {
        return byTransportAndState.getOrDefault(transport, 0);
    }

    public int total() {
        return total;
    }

    /** Bytes waiting in the receive (or send) queues of {@code transport}'s sockets, listeners left out. */
    public long queueBytes(String transport, boolean receive) {
        return queues.getOrDefault(queueKey(transport, receive), 0L);
    }

    /** Connections waiting in the accept queues of all TCP listeners. */
    public long acceptQueued() {
        return acceptQueued;
    }
}
