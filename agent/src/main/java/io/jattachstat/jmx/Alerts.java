package io.jattachstat.jmx;

import io.jattachstat.alerts.AlertChecker;
import io.jattachstat.alerts.AlertEvent;
import io.jattachstat.alerts.AlertThresholds;
import io.jattachstat.alerts.FdUsage;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.snapshot.AgentStatus;
import io.jattachstat.snapshot.SnapshotCache;
import io.jattachstat.snapshot.SnapshotFacts;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code jattachstat:type=Alerts} MBean: checks each new snapshot's facts against the thresholds
 * and sends one standard notification per alert raised or cleared. Its user data is a CompositeData
 * (alert, subject, state, value, threshold, clearBelow) that JConsole shows and clients can read.
 */
public final class Alerts extends NotificationBroadcasterSupport implements AlertsMBean {
    private static final String[] ITEMS = {"alert", "subject", "state", "value", "threshold", "clearBelow"};
    private static final CompositeType EVENT_TYPE = eventType();

    private final SnapshotCache cache;
    private final AlertThresholds thresholds;
    private final AlertChecker checker;
    private final LongSupplier checkIntervalMillis;
    private final AgentStatus status;
    private final AtomicLong sequence = new AtomicLong();
    private final Supplier<List<ThreadWait>> waits;

    /**
     * @param waits the threads that have waited on a socket with no timeout at least the blocked
     *              threshold, with their sockets' inodes (the agent's wait hooks)
     */
    public Alerts(SnapshotCache cache, SnapshotFacts facts, AlertThresholds thresholds, LongSupplier checkIntervalMillis,
                  Supplier<List<ThreadWait>> waits, AgentStatus status) {
        super(notificationInfo());
        this.waits = waits;
        this.cache = cache;
        this.thresholds = thresholds;
        this.checker = new AlertChecker(thresholds);
        this.checkIntervalMillis = checkIntervalMillis;
        this.status = status;
        facts.follow(this::checkFacts);
    }

    private static MBeanNotificationInfo[] notificationInfo() {
        List<String> types = new ArrayList<>();
        for (String alert : AlertEvent.ALL) {
            types.add(AlertEvent.notificationType(alert, true));
            types.add(AlertEvent.notificationType(alert, false));
        }
        return new MBeanNotificationInfo[] {new MBeanNotificationInfo(types.toArray(new String[0]),
                Notification.class.getName(), "An alert on the JVM's sockets raised or cleared")};
    }

    /** Checks and notifies under one lock, so that {@link #activeAndFollow} sees each event once. */
    private synchronized void checkFacts(SnapshotFacts.Facts facts) {
        for (AlertEvent e : checker.check(facts, FdUsage.of(facts.table()), waits.get())) {
            Notification n = new Notification(e.notificationType(), this, sequence.incrementAndGet(),
                    e.atMillis(), e.message());
            n.setUserData(userData(e));
            sendNotification(n);
        }
    }

    private Object userData(AlertEvent e) {
        try {
            return new CompositeDataSupport(EVENT_TYPE, ITEMS, new Object[] {e.alert(), e.subject(),
                e.raised() ? "raised" : "cleared", e.value(), e.threshold(), e.clearBelow()});
        } catch (OpenDataException ex) {
            status.error("alerts", ex);
            return null;
        }
    }

    private static CompositeType eventType() {
        try {
            return new CompositeType("jattachstat.alert", "An alert raised or cleared", ITEMS,
                    new String[] {"accept-queue, close-wait, fds or blocked",
                        "the listener, the blocked thread and its socket, or empty for the whole JVM",
                        "raised or cleared", "the value checked", "raised at or above", "cleared below"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.DOUBLE,
                        SimpleType.DOUBLE, SimpleType.DOUBLE});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public double getAcceptQueueThreshold() {
        return thresholds.acceptQueue();
    }

    @Override
    public void setAcceptQueueThreshold(double fraction) {
        thresholds.setAcceptQueue(fraction);
    }

    @Override
    public int getCloseWaitThreshold() {
        return thresholds.closeWait();
    }

    @Override
    public void setCloseWaitThreshold(int count) {
        thresholds.setCloseWait(count);
    }

    @Override
    public double getFdThreshold() {
        return thresholds.fds();
    }

    @Override
    public void setFdThreshold(double fraction) {
        thresholds.setFds(fraction);
    }

    @Override
    public int getBlockedThreshold() {
        return thresholds.blockedSeconds();
    }

    @Override
    public void setBlockedThreshold(int seconds) {
        thresholds.setBlockedSeconds(seconds);
    }

    @Override
    public double getHysteresis() {
        return thresholds.hysteresis();
    }

    @Override
    public void setHysteresis(double fraction) {
        thresholds.setHysteresis(fraction);
    }

    @Override
    public String[] getActiveAlerts() {
        return checker.active().stream().map(e -> AlertEvent.line(e.atMillis(), e.message())).toArray(String[]::new);
    }

    @Override
    public long getNotificationsSent() {
        return sequence.get();
    }

    @Override
    public long getCheckIntervalMillis() {
        return checkIntervalMillis.getAsLong();
    }

    @Override
    public void check() {
        cache.refresh(); // the new snapshot's facts are checked as they are derived
    }

    /**
     * Adds {@code listener} and returns the alerts raised so far, in one step: every event is either
     * in the list or reaches the listener, never both, never neither.
     */
    public synchronized List<AlertEvent> activeAndFollow(NotificationListener listener) {
        addNotificationListener(listener, null, null);
        return checker.active();
    }
}
