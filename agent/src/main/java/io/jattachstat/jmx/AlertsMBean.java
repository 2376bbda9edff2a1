package io.jattachstat.jmx;

/**
 * {@code jattachstat:type=Alerts}: thresholds on the JVM's sockets, and a JMX notification each
 * time one is crossed ({@code jattachstat.<alert>.raised}) and each time it clears
 * ({@code jattachstat.<alert>.cleared}). Checked with every snapshot and at least every
 * CheckIntervalMillis. Zero turns an alert off.
 */
public interface AlertsMBean {
    /** Alert when a listener's accept queue reaches this fraction of its backlog (0 to 1). */
    double getAcceptQueueThreshold();

    void setAcceptQueueThreshold(double fraction);

    /** Alert when this many TCP sockets are in CLOSE_WAIT. */
    int getCloseWaitThreshold();

    void setCloseWaitThreshold(int count);

    /** Alert when open file descriptors reach this fraction of the process's limit (0 to 1). */
    double getFdThreshold();

    void setFdThreshold(double fraction);

    /**
     * Alert when a thread has waited this many seconds on a socket with no timeout (the agent option
     * {@code alertBlocked}); it clears when the thread stops waiting.
     */
    int getBlockedThreshold();

    void setBlockedThreshold(int seconds);

    /** An alert clears below threshold × (1 − Hysteresis). */
    double getHysteresis();

    void setHysteresis(double fraction);

    /** The raised alerts, one line each. */
    String[] getActiveAlerts();

    /** Notifications sent since the agent started. */
    long getNotificationsSent();

    /** How often the agent checks unasked, ms (the agent option {@code check}, at least the refresh interval). */
    long getCheckIntervalMillis();

    /** Reads /proc now and checks every threshold. */
    void check();
}
