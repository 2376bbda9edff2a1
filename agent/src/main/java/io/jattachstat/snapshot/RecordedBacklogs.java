package io.jattachstat.snapshot;

/**
 * The backlogs the listen hooks ({@code instrument.BacklogHooks}) recorded as system properties,
 * {@code jattachstat.backlog.tcp.<port>} and {@code jattachstat.backlog.unix.<path>}: the advice
 * runs inside java.base, which can see no class of ours, so the properties are where they meet.
 */
public final class RecordedBacklogs {
    private static final String TCP_PREFIX = "jattachstat.backlog.tcp.";
    private static final String UNIX_PREFIX = "jattachstat.backlog.unix.";

    private RecordedBacklogs() {
    }

    /** Records a listener the agent itself opened (before its hooks existed). */
    public static void recordUnix(String path, int backlog) {
        System.setProperty(UNIX_PREFIX + path, Integer.toString(backlog));
    }

    /** The recorded backlog of a TCP port, or -1. */
    static int tcp(int port) {
        return parse(System.getProperty(TCP_PREFIX + port));
    }

    /** The recorded backlog of a unix path, or -1. */
    static int unix(String path) {
        return parse(System.getProperty(UNIX_PREFIX + path));
    }

    private static int parse(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
