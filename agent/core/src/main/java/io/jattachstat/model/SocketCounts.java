package io.jattachstat.model;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One snapshot's sockets counted by transport and state, and their queues summed: what the Sockets
 * MBean's attributes and the {@code process.sockets} meters show.
 */
public final class SocketCounts {
    private final Map<Transport, Map<String, Integer>> byState = new EnumMap<>(Transport.class);
    private final Map<Transport, Integer> byTransport = new EnumMap<>(Transport.class);
    private final Map<Transport, long[]> queues = new EnumMap<>(Transport.class); // {receive, send}
    private long acceptQueued;
    private int total;

    public SocketCounts(SocketTable table) {
        for (Protocol p : Protocol.values()) {
            if (!p.isInet()) {
                continue;
            }
            Transport transport = Transport.of(p);
            long[] q = queues.computeIfAbsent(transport, t -> new long[2]);
            for (InetSocket s : table.inet(p)) {
                add(transport, SocketState.of(s));
                if (p.isTcp() && s.state() == TcpState.LISTEN.kernel()) {
                    acceptQueued += s.receiveQueue(); // connections waiting, not bytes
                } else {
                    q[0] += s.receiveQueue();
                }
                q[1] += s.sendQueue();
            }
        }
        for (UnixSocket u : table.unix()) {
            add(Transport.UNIX, SocketState.of(u));
        }
    }

    private void add(Transport transport, SocketState state) {
        byState.computeIfAbsent(transport, t -> new HashMap<>()).merge(state.tag(), 1, Integer::sum);
        byTransport.merge(transport, 1, Integer::sum);
        total++;
    }

    /** Sockets of {@code transport} in {@code state} (or in any state with the same tag). */
    public int count(Transport transport, SocketState state) {
        return byState.getOrDefault(transport, Map.of()).getOrDefault(state.tag(), 0);
    }

    public int count(Transport transport) {
        return byTransport.getOrDefault(transport, 0);
    }

    public int total() {
        return total;
    }

    /** Bytes waiting in the receive (or send) queues of {@code transport}'s sockets, listeners left out. */
    public long queueBytes(Transport transport, boolean receive) {
        long[] q = queues.get(transport);
        return q == null ? 0 : q[receive ? 0 : 1];
    }

    /** Connections waiting in the accept queues of all TCP listeners. */
    public long acceptQueued() {
        return acceptQueued;
    }
}
