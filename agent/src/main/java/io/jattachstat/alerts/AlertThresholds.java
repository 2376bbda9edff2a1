package io.jattachstat.alerts;

/**
 * The alerts' thresholds, set by agent options and changed at run time through the Alerts MBean.
 * Zero turns an alert off. Each alert clears below threshold × (1 − hysteresis), so a value that
 * hovers around its threshold raises one notification, not one per check.
 */
public final class AlertThresholds {
    private volatile double acceptQueue;
    private volatile int closeWait;
    private volatile double fds;
    private volatile int blockedSeconds;
    private volatile double hysteresis;

    public AlertThresholds(double acceptQueue, int closeWait, double fds, int blockedSeconds, double hysteresis) {
        setAcceptQueue(acceptQueue);
        setCloseWait(closeWait);
        setFds(fds);
        setBlockedSeconds(blockedSeconds);
        setHysteresis(hysteresis);
    }

    public double acceptQueue() {
        return acceptQueue;
    }

    /** A fraction of the listener's backlog, 0 to 1. */
    public void setAcceptQueue(double fraction) {
        acceptQueue = fraction("accept queue threshold", fraction);
    }

    public int closeWait() {
        return closeWait;
    }

    public void setCloseWait(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("CLOSE_WAIT threshold must be 0 (off) or more, not " + count);
        }
        closeWait = count;
    }

    public double fds() {
        return fds;
    }

    /** A fraction of the process's open-files limit, 0 to 1. */
    public void setFds(double fraction) {
        fds = fraction("file descriptor threshold", fraction);
    }

    public int blockedSeconds() {
        return blockedSeconds;
    }

    /** Seconds a thread may wait on a socket with no timeout before the alert is raised. */
    public void setBlockedSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("blocked threshold must be 0 (off) or more seconds, not " + seconds);
        }
        blockedSeconds = seconds;
    }

    public double hysteresis() {
        return hysteresis;
    }

    public void setHysteresis(double fraction) {
        hysteresis = fraction("hysteresis", fraction);
    }

    /** The level an alert raised at {@code threshold} clears below. */
    double clearBelow(double threshold) {
        return threshold * (1 - hysteresis);
    }

    private static double fraction(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be a fraction from 0 (off) to 1, not " + v);
        }
        return v;
    }
}
