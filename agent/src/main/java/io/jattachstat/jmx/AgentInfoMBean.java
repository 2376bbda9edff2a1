package io.jattachstat.jmx;

/** {@code jattachstat:type=Agent}: the agent itself: what it is, what works here, what went wrong. */
public interface AgentInfoMBean {
    String getVersion();

    /** The JVM the agent runs in: vendor, name and version. */
    String getJdk();

    /** "-javaagent" or "dynamic attach". */
    String getLoadedBy();

    /** The options in force, "key=value,...". */
    String getOptions();

    /** Problems with the options given; their defaults were used. */
    String[] getOptionErrors();

    /** What works here, e.g. "proc: yes", "jna: no: ...", "control-socket: /tmp/.jattachstat-42-k3v9q0d2xw/control.sock". */
    String[] getCapabilities();

    /** Failures the agent swallowed so that its host would not notice them. */
    long getErrorCount();

    String getLastError();

    /**
     * Every hook and its state: "installed: Class.method, ...", "waiting: ..." (application classes
     * such as Netty's, not loaded yet) or "not matched on this JDK".
     */
    String[] getHooks();

    /**
     * How often the agent looks at its sockets unasked (listener MBeans, meters, alerts), in ms: the
     * check option, stretched so that looking costs at most 0.5 % of one core.
     */
    long getCheckIntervalMillis();

    /** Why the check interval is what it is: what one look costs, and where it reads the sockets from. */
    String getCheckIntervalReason();

    /** How much stack the socket hooks capture: off, sampled or always. */
    String getStackMode();

    void setStackMode(String mode);

    /** The origins bookkeeping's bounds and current use: records, stacks, close ring, bytes. */
    String[] getOriginBounds();

    /** About how many bytes the origins bookkeeping holds. */
    long getOriginRetainedBytes();

    /** Everything above as text (what {@code jattachstat <pid> --agent} prints). */
    String describe();
}
