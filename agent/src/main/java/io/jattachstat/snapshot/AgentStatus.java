package io.jattachstat.snapshot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent can do here and what went wrong: every failure the agent swallows is counted here,
 * logged to stderr once per kind, and shown in the Agent MBean.
 */
public final class AgentStatus {
    private final AtomicLong errorCount = new AtomicLong();
    private volatile String lastError = "";
    private final Map<String, Boolean> logged = new ConcurrentHashMap<>();
    private final Map<String, String> capabilities = new ConcurrentHashMap<>();

    /** Records a swallowed failure; the first of each {@code kind} is also printed. */
    public void error(String kind, String message) {
        errorCount.incrementAndGet();
        lastError = kind + ": " + message;
        if (logged.putIfAbsent(kind, Boolean.TRUE) == null) {
            System.err.println("jattachstat: " + kind + ": " + message);
        }
    }

    /**
     * Records a failure that is no news for the application's log, such as a client that hung up:
     * counted and shown in the Agent MBean, never printed.
     */
    public void count(String kind, String message) {
        errorCount.incrementAndGet();
        lastError = kind + ": " + message;
    }

    public void error(String kind, Throwable t) {
        error(kind, String.valueOf(t));
    }

    /** Says what works ("yes", "no: why"), e.g. capability("jna", "no: ..."). */
    public void capability(String name, String state) {
        capabilities.put(name, state);
    }

    public long errorCount() {
        return errorCount.get();
    }

    public String lastError() {
        return lastError;
    }

    public Map<String, String> capabilities() {
        return new java.util.TreeMap<>(capabilities);
    }
}
