package io.jattachstat.alerts;

import io.jattachstat.model.TcpState;
/**
 * One alert raised or cleared.
 *
 * @param alert      {@code accept-queue}, {@code close-wait}, {@code fds} or {@code blocked}
 * @param subject    what it is about: the listener ("tcp 127.0.0.1:8080"), the blocked thread and its
 *                   socket, or "" for the whole JVM
 * @param value      the value that crossed (a fraction for accept-queue and fds, a count for
 *                   close-wait, seconds waited for blocked)
 * @param threshold  raised at or above this
 * @param clearBelow cleared below this
 * @param message    one line, e.g. "close-wait raised: 120 sockets in CLOSE_WAIT (threshold 100)"
 * @param atMillis   when it was raised or cleared
 */
public record AlertEvent(String alert, String subject, boolean raised, double value, double threshold,
                         double clearBelow, String message, long atMillis) {
    public static final String ACCEPT_QUEUE = "accept-queue";
    public static final String CLOSE_WAIT = TcpState.CLOSE_WAIT.tag();
    public static final String FDS = "fds";
    public static final String BLOCKED = "blocked";
    /** Every alert, in the order the MBean lists their notifications. */
    public static final java.util.List<String> ALL = java.util.List.of(ACCEPT_QUEUE, CLOSE_WAIT, FDS, BLOCKED);

    /** The JMX notification type: {@code jattachstat.<alert>.raised} or {@code .cleared}. */
    public String notificationType() {
        return notificationType(alert, raised);
    }

    public static String notificationType(String alert, boolean raised) {
        return "jattachstat." + alert + (raised ? ".raised" : ".cleared");
    }

    /** What {@code jattachstat <pid> --alerts} prints for it: the time (UTC, ISO 8601) and the message. */
    public static String line(long atMillis, String message) {
        return java.time.Instant.ofEpochMilli(atMillis) + " " + message;
    }
}
