package io.jattachstat.metrics;

import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.Transport;
import io.jattachstat.origins.Origins;
import io.jattachstat.snapshot.SnapshotFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's meters (docs/metrics.md): every value is read from the cached snapshot's facts, so a
 * scrape of all of them costs at most one /proc read per refresh interval. Tags are bounded:
 * transport, state, direction, a listening port, who closed; never an address or a stack.
 */
public final class SocketMeters {
    static final String SOCKETS = "process.sockets";
    static final String QUEUE = "process.sockets.queue";
    static final String LISTEN_QUEUE = "process.sockets.listen.queue";
    static final String LISTEN_BACKLOG = "process.sockets.listen.backlog";
    static final String OPENED = "process.sockets.opened";
    static final String CLOSED = "process.sockets.closed";
    static final String UNTRACKED = "process.sockets.origin.unknown";

    private final SnapshotFacts facts;
    private final MeterFeed feed;
    private SocketTable attributedTable;
    private int untracked;

    /** Adds the fixed meters to {@code feed}; with {@code perListener}, also one pair per listening port. */
    public SocketMeters(SnapshotFacts facts, MeterFeed feed, boolean perListener) {
        this.facts = facts;
        this.feed = feed;
        for (Transport transport : Transport.values()) {
            for (SocketState state : transport.states()) {
                feed.add(MeterSpec.gauge(SOCKETS, null, "The JVM's sockets, by transport and state",
                        () -> facts.get().counts().count(transport, state), "transport", transport.tag(),
                        "state", state.tag()));
            }
        }
        for (Transport transport : Transport.values()) {
            if (!transport.isQueued()) {
                continue;
            }
            for (boolean receive : new boolean[] {true, false}) {
                feed.add(MeterSpec.gauge(QUEUE, "bytes",
                        "Bytes waiting in the JVM's socket queues (listeners' accept queues left out)",
                        () -> facts.get().counts().queueBytes(transport, receive),
                        "direction", receive ? "receive" : "send", "transport", transport.tag()));
            }
        }
        if (perListener) {
            facts.follow(this::followListeners);
        }
    }

    /** The meters that need the socket hooks, once they are installed. */
    public void originsReady(Origins origins) {
        feed.add(MeterSpec.counter(OPENED, null, "Sockets the JVM opened or accepted since the agent started",
                origins::socketsOpened));
        feed.add(MeterSpec.counter(CLOSED, null, "Sockets the JVM closed since the agent started, by who closed them",
                () -> origins.closes(false) - origins.closes(true), "by", "code"));
        feed.add(MeterSpec.counter(CLOSED, null, "Sockets the JVM closed since the agent started, by who closed them",
                () -> origins.closes(true), "by", "gc-cleaner"));
        feed.add(MeterSpec.gauge(UNTRACKED, null,
                "The JVM's sockets without a known origin: open before the agent, or opened where no hook looks",
                () -> untracked(origins)));
    }

    private synchronized int untracked(Origins origins) {
        SocketTable table = facts.get().table();
        if (table != attributedTable) {
            untracked = origins.attribute(table).untracked();
            attributedTable = table;
        }
        return untracked;
    }

    /** One queue gauge (and one backlog gauge, when known) per listening TCP port, following the snapshot. */
    private void followListeners(SnapshotFacts.Facts f) {
        Map<Integer, Boolean> ports = new TreeMap<>(); // port -> every listener's backlog known
        for (SnapshotFacts.ListenerQueue l : f.listeners()) {
            if (l.transport() == Transport.TCP) {
                ports.merge(l.port(), l.queue().max() > 0, Boolean::logicalAnd);
            }
        }
        List<MeterSpec> queues = new ArrayList<>();
        List<MeterSpec> backlogs = new ArrayList<>();
        for (Map.Entry<Integer, Boolean> e : ports.entrySet()) {
            int port = e.getKey();
            String tag = Integer.toString(port);
            queues.add(MeterSpec.gauge(LISTEN_QUEUE, "connections",
                    "Connections waiting to be accepted on a listening port", () -> listenerSum(port, false),
                    "port", tag, "transport", Transport.TCP.tag()));
            if (e.getValue()) {
                backlogs.add(MeterSpec.gauge(LISTEN_BACKLOG, "connections",
                        "The most connections the kernel queues for a listening port", () -> listenerSum(port, true),
                        "port", tag, "transport", Transport.TCP.tag()));
            }
        }
        feed.replace(LISTEN_QUEUE, queues);
        feed.replace(LISTEN_BACKLOG, backlogs);
    }

    /** Summed over the port's listeners (0.0.0.0 and :: may both listen on it); NaN once it is gone. */
    private double listenerSum(int port, boolean backlog) {
        double sum = 0;
        boolean found = false;
        for (SnapshotFacts.ListenerQueue l : facts.get().listeners()) {
            if (l.transport() == Transport.TCP && l.port() == port) {
                found = true;
                sum += backlog ? l.queue().max() : l.queue().length();
            }
        }
        return found ? sum : Double.NaN;
    }
}
