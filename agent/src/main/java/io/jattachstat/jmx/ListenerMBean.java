package io.jattachstat.jmx;

/**
 * {@code jattachstat:type=Listener,protocol=tcp,address=…,port=…} (or {@code protocol=unix,path=…}):
 * one listening socket, registered when it appears and unregistered when it goes.
 */
public interface ListenerMBean {
    /** "tcp" or "unix". */
    String getProtocol();

    /** The bound address as netstat -n prints it; the path for unix listeners. */
    String getLocalAddress();

    /** The port; 0 for unix listeners. */
    int getPort();

    /** Connections waiting to be accepted now (netstat's Recv-Q of the listener). */
    int getAcceptQueue();

    /** The most connections the kernel will queue; -1 if unknown. */
    int getMaxBacklog();

    /** AcceptQueue / MaxBacklog; NaN if the maximum is unknown. */
    double getFillRatio();

    /**
     * Where MaxBacklog comes from: "TCP_INFO" (the kernel, asked on the listener's fd), "bind" (the
     * backlog the application asked for when it started listening, capped by net.core.somaxconn), or
     * "unknown" (neither: e.g. a listener opened before the agent was loaded, and no TCP_INFO).
     */
    String getBacklogSource();

    int getFd();

    long getInode();
}
