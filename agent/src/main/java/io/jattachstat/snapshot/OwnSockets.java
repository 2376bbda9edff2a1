package io.jattachstat.snapshot;

import io.jattachstat.model.SocketTable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The JVM's own sockets for everything that needs no kernel row order: the MBeans' counts, the
 * listeners, the meters and the alerts ({@link SnapshotFacts}), {@code --summary}, {@code --leaks},
 * {@code --blocked} and the console's rows. Asked of the kernel per fd
 * ({@link FdSocketReader}) when JNA may be used, so that the agent's unasked checks cost what the
 * JVM's sockets cost and not what the host's do; else the {@code /proc} snapshot, as the netstat
 * views read it. Read at most once per refresh interval, like the snapshot, and again whenever the
 * snapshot is read (so that the MBeans are never older than a netstat view just printed).
 */
public final class OwnSockets {
    /** Which way the sockets are read, for {@code --agent}. */
    public static final String CAPABILITY = "own-sockets";

    private final SnapshotCache procSnapshot;
    private final FdSocketReader perFd;
    private final UnaryOperator<SocketTable> view;
    private final AgentStatus status;
    private final List<Consumer<SocketTable>> listeners = new CopyOnWriteArrayList<>();
    private SocketTable current;
    private long takenAtNanos;
    private volatile String way = "";
    private final ReadTimes readTimes = new ReadTimes();

    /**
     * @param view adjusts each table before anyone sees it, as the snapshot's (the agent's plumbing)
     */
    public OwnSockets(SnapshotCache procSnapshot, FdSocketReader perFd, UnaryOperator<SocketTable> view,
                      AgentStatus status) {
        this.procSnapshot = procSnapshot;
        this.perFd = perFd;
        this.view = view;
        this.status = status;
        // A new snapshot (a CLI's request, the MBean's refresh) is news here too: from /proc it is
        // the table itself; per fd, a look of its own, cheaper than the /proc read just made.
        procSnapshot.onSnapshot(table -> {
            if (perFd.available()) {
                read(true);
            } else {
                publish(table);
            }
        });
    }

    /** The sockets, read again only if older than the refresh interval. */
    public SocketTable get() {
        return read(false);
    }

    /** The sockets read now, whatever the age of the last look. */
    public SocketTable refresh() {
        return perFd.available() ? read(true) : procSnapshot.refresh();
    }

    private SocketTable read(boolean now) {
        if (!perFd.available()) {
            said("from /proc, as the netstat views (per-fd reading unavailable: " + perFd.unavailable() + ")");
            return procSnapshot.get();
        }
        SocketTable table;
        synchronized (this) {
            long at = System.nanoTime();
            if (!now && current != null && at - takenAtNanos < procSnapshot.refreshMillis() * 1_000_000) {
                return current;
            }
            try {
                table = view.apply(perFd.read());
                readTimes.add(System.nanoTime() - at, table.ownedSocketCount());
            } catch (Exception | LinkageError e) {
                status.error("per-fd sockets", e);
                said("from /proc, as the netstat views (per-fd reading failed: " + e + ")");
                return procSnapshot.get();
            }
            said("per fd (getsockname, SO_PEERNAME, TCP_INFO, SIOCINQ/SIOCOUTQ) for the MBeans, meters, alerts,"
                    + " --summary, --leaks, --blocked and the console; the netstat views read /proc");
            current = table;
            takenAtNanos = at;
        }
        publish(table);
        return table;
    }

    /** How long the last per-fd reads took, for --agent ("" before the first). */
    public String readTimes() {
        return readTimes.toString();
    }

    /** How the sockets are read, as --agent's "own-sockets" capability says it. */
    public String way() {
        return way;
    }

    /** Called with every new table. */
    public void onSnapshot(Consumer<SocketTable> listener) {
        listeners.add(listener);
    }

    private void publish(SocketTable table) {
        for (Consumer<SocketTable> l : listeners) {
            try {
                l.accept(table);
            } catch (RuntimeException e) {
                status.error("snapshot listener", e);
            }
        }
    }

    private void said(String how) {
        if (!how.equals(way)) {
            way = how;
            status.capability(CAPABILITY, how);
        }
    }
}
