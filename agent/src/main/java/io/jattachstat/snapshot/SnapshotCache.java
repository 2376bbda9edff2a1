package io.jattachstat.snapshot;

import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.proc.SocketTableReader;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The JVM's own socket table, read from {@code /proc/self} at most once per refresh interval however
 * many MBean attributes, meters or CLI requests ask. Callers that arrive while a read is under way
 * wait for it instead of starting their own.
 */
public final class SnapshotCache {
    private static final Set<Protocol> ALL = EnumSet.allOf(Protocol.class);

    private final SocketTableReader reader;
    private final UnaryOperator<SocketTable> view;
    private final AgentStatus status;
    private final List<Consumer<SocketTable>> listeners = new CopyOnWriteArrayList<>();
    private volatile long refreshNanos;
    private SocketTable current;
    private long takenAtNanos;
    private long reads;

    /** {@code view} adjusts each snapshot before anyone sees it (the agent hides its own plumbing). */
    public SnapshotCache(SocketTableReader reader, UnaryOperator<SocketTable> view, long refreshMillis,
                         AgentStatus status) {
        this.reader = reader;
        this.view = view;
        this.status = status;
        setRefreshMillis(refreshMillis);
    }

    /** The snapshot, read again only if the cached one is older than the refresh interval. */
    public synchronized SocketTable get() {
        long now = System.nanoTime();
        if (current == null || now - takenAtNanos >= refreshNanos) {
            read(now);
        }
        return current;
    }

    /** Reads now, whatever the age (the MBean's refresh operation). */
    public synchronized SocketTable refresh() {
        read(System.nanoTime());
        return current;
    }

    private void read(long now) {
        try {
            current = view.apply(reader.read("self", ALL));
            reads++;
        } catch (Exception e) {
            status.error("proc", e);
            if (current == null) {
                current = SocketTable.builder((int) ProcessHandle.current().pid()).build();
            }
        }
        takenAtNanos = now;
        for (Consumer<SocketTable> l : listeners) {
            try {
                l.accept(current);
            } catch (RuntimeException e) {
                status.error("snapshot listener", e);
            }
        }
    }

    /** Called with every new snapshot (the listener MBeans follow the table this way). */
    public void onSnapshot(Consumer<SocketTable> listener) {
        listeners.add(listener);
    }

    public synchronized long ageMillis() {
        return current == null ? -1 : (System.nanoTime() - takenAtNanos) / 1_000_000;
    }

    /** How many times /proc was read: the proof that polling MBeans does not hammer it. */
    public synchronized long reads() {
        return reads;
    }

    public long refreshMillis() {
        return refreshNanos / 1_000_000;
    }

    public void setRefreshMillis(long millis) {
        if (millis < 100) {
            throw new IllegalArgumentException("refresh interval must be at least 100 ms, not " + millis);
        }
        refreshNanos = millis * 1_000_000;
    }
}
