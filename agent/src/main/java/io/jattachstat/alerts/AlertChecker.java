package io.jattachstat.alerts;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.model.Transport;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.snapshot.SnapshotFacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns each snapshot into alert events, with hysteresis: an alert is raised once when its value
 * reaches the threshold and cleared once when it falls below the clearing level (or its listener
 * closes, or its threshold is turned off), whatever happens in between.
 */
public final class AlertChecker {
    private final AlertThresholds thresholds;
    /** Raised alerts by alert and subject, with the event that raised them. */
    private final Map<String, AlertEvent> active = new LinkedHashMap<>();

    public AlertChecker(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The events this snapshot causes, raised and cleared, in a stable order.
     *
     * @param waits the threads waiting on a socket now (the agent's wait hooks), with their inodes
     */
    public synchronized List<AlertEvent> check(SnapshotFacts.Facts facts, FdUsage fds, List<ThreadWait> waits) {
        List<AlertEvent> events = new ArrayList<>();
        Set<String> present = new HashSet<>();
        double q = thresholds.acceptQueue();
        for (SnapshotFacts.ListenerQueue l : facts.listeners()) {
            if (l.queue().max() > 0) {
                present.add(key(AlertEvent.ACCEPT_QUEUE, l.label()));
                judge(events, AlertEvent.ACCEPT_QUEUE, l.label(), l.fill(), q,
                        v -> l.label() + " has " + l.queue().length() + " of " + l.queue().max()
                                + " connections waiting to be accepted (" + percent(v) + ")");
            }
        }
        int closeWait = facts.counts().count(Transport.TCP, TcpState.CLOSE_WAIT);
        present.add(key(AlertEvent.CLOSE_WAIT, ""));
        judge(events, AlertEvent.CLOSE_WAIT, "", closeWait, thresholds.closeWait(),
                v -> closeWait + " sockets in CLOSE_WAIT");
        if (fds.max() > 0) {
            present.add(key(AlertEvent.FDS, ""));
            judge(events, AlertEvent.FDS, "", (double) fds.open() / fds.max(), thresholds.fds(),
                    v -> fds.open() + " of " + fds.max() + " file descriptors open (" + percent(v) + ")");
        }
        // Only a wait with no timeout can last for ever; the time waited only grows, so the alert
        // clears when the wait ends (below) or the alert is turned off.
        for (ThreadWait w : waits) {
            if (w.timeoutMillis() < 0) {
                String subject = subject(w, facts.table());
                present.add(key(AlertEvent.BLOCKED, subject));
                judge(events, AlertEvent.BLOCKED, subject, w.knownMillis() / 1000.0, thresholds.blockedSeconds(),
                        v -> subject + " has waited " + (long) v + " s with no timeout");
            }
        }
        // A listener that closed, or a wait that ended, while its alert was raised clears it.
        for (AlertEvent raised : List.copyOf(active.values())) {
            if (!present.contains(key(raised.alert(), raised.subject()))) {
                active.remove(key(raised.alert(), raised.subject()));
                String gone = raised.alert().equals(AlertEvent.BLOCKED) ? " stopped waiting" : " closed";
                events.add(new AlertEvent(raised.alert(), raised.subject(), false, 0, raised.threshold(),
                        raised.clearBelow(), raised.alert() + " cleared: " + raised.subject() + gone,
                        System.currentTimeMillis()));
            }
        }
        return events;
    }

    private interface Describer {
        String describe(double value);
    }

    private void judge(List<AlertEvent> events, String alert, String subject, double value, double threshold,
                       Describer what) {
        String key = key(alert, subject);
        boolean isRaised = active.containsKey(key);
        boolean fraction = alert.equals(AlertEvent.ACCEPT_QUEUE) || alert.equals(AlertEvent.FDS);
        double clearBelow = thresholds.clearBelow(threshold);
        if (!isRaised && threshold > 0 && value >= threshold) {
            AlertEvent e = new AlertEvent(alert, subject, true, value, threshold, clearBelow,
                    alert + " raised: " + what.describe(value) + " (threshold " + level(threshold, fraction) + ")",
                    System.currentTimeMillis());
            active.put(key, e);
            events.add(e);
        } else if (isRaised && (threshold <= 0 || value < clearBelow)) {
            active.remove(key);
            events.add(new AlertEvent(alert, subject, false, value, threshold, clearBelow,
                    alert + " cleared: " + what.describe(value) + (threshold <= 0 ? " (alert turned off)"
                            : " (clears below " + level(clearBelow, fraction) + ")"), System.currentTimeMillis()));
        }
    }

    /** The raised alerts: the events that raised them. */
    public synchronized List<AlertEvent> active() {
        return List.copyOf(active.values());
    }

    /** 'thread "pool-1-thread-3" #31 read from 10.0.3.7:5432': who waits, for what, on whom. */
    static String subject(ThreadWait w, SocketTable table) {
        String who = "thread \"" + w.thread() + "\" " + (w.java() != null ? "#" + w.java().id() : "tid " + w.tid());
        return who + " " + w.op() + " " + peer(w, table);
    }

    private static String peer(ThreadWait w, SocketTable table) {
        for (Protocol p : Protocol.INET_IN_NETSTAT_ORDER) {
            for (InetSocket s : table.inet(p)) {
                if (s.inode() == w.inode() && w.inode() != 0) {
                    boolean listening = p.isTcp() && TcpState.of(s.state()) == TcpState.LISTEN;
                    return listening ? "on " + hostPort(s.local()) : (w.waitsForInput() ? "from " : "to ")
                            + hostPort(s.remote());
                }
            }
        }
        for (UnixSocket u : table.unix()) {
            if (u.inode() == w.inode() && w.inode() != 0) {
                return "on unix " + (u.path().isEmpty() ? "socket " + u.inode() : u.path());
            }
        }
        return "on fd " + w.fd();
    }

    private static String hostPort(InetEndpoint e) {
        return AddressText.hostPort(e.numericHostAsNetstat(), e.port());
    }

    private static String key(String alert, String subject) {
        return alert + ' ' + subject;
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    private static String level(double v, boolean fraction) {
        return fraction ? percent(v) : (v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v));
    }
}
