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

    /** What works here, e.g. "proc: yes", "jna: no: ...", "control-socket: /tmp/.jattachstat-42.sock". */
    String[] getCapabilities();

    /** Failures the agent swallowed so that its host would not notice them. */
    long getErrorCount();

    String getLastError();

    /** Everything above as text (what {@code jattachstat <pid> --agent} prints). */
    String describe();
}
