package io.jattachstat.jmx;

import javax.management.openmbean.CompositeData;

/**
 * {@code jattachstat:type=Sockets}: the JVM's sockets. Plain numbers, so JConsole and VisualVM can
 * chart every attribute; all of them read one cached snapshot (see RefreshIntervalMillis).
 */
public interface SocketsMBean {
    int getTcpEstablished();

    int getTcpSynSent();

    int getTcpSynRecv();

    int getTcpFinWait1();

    int getTcpFinWait2();

    int getTcpTimeWait();

    int getTcpClose();

    int getTcpCloseWait();

    int getTcpLastAck();

    int getTcpListen();

    int getTcpClosing();

    /** TCP sockets (IPv4 and IPv6). */
    int getTcp();

    /** UDP sockets, UDP-Lite included. */
    int getUdp();

    int getRaw();

    int getUnix();

    int getTotal();

    /** Sum of Recv-Q over TCP/UDP/raw sockets, bytes (for listeners: connections waiting). */
    long getReceiveQueueBytes();

    /** Sum of Send-Q over TCP/UDP/raw sockets, bytes. */
    long getSendQueueBytes();

    /** {@code netstat -anp} for the JVM's sockets, one line per element. */
    String[] getNetstat();

    /** When the snapshot was taken, ms since the epoch. */
    long getSnapshotTime();

    long getSnapshotAgeMillis();

    /** A snapshot younger than this is reused; at least 100 ms. */
    long getRefreshIntervalMillis();

    void setRefreshIntervalMillis(long millis);

    /** How many times the agent has read /proc. */
    long getProcReads();

    /** /proc lines that could not be parsed in the current snapshot. */
    int getMalformedLines();

    /** Exactly what {@code jattachstat <pid> <options>} prints, e.g. netstat("-tlnp"). */
    String netstat(String options);

    /**
     * The sockets the MBeans, meters and alerts count, as netstat(options) would print them: asked of
     * the kernel one fd at a time where the agent can (rows in inode order, no TIME_WAIT, no timers),
     * else the /proc snapshot. The Agent MBean's "own-sockets" capability says which.
     */
    String ownSockets(String options);

    /** Reads /proc now, whatever the snapshot's age. */
    void refresh();

    /**
     * Where the sockets in {@code state} come from: "count  origin" lines, most first, at most
     * {@code top}. {@code state} is netstat's name in any case (CLOSE_WAIT, close-wait), or empty for all.
     */
    String[] origins(String state, int top);

    /** The socket on {@code fd}: its row, kind, thread, age, origin and stack, and the threads blocked on it. */
    String describe(int fd);

    /** What {@code jattachstat <pid> --leaks --closed} prints. */
    String leaks();

    /** What {@code jattachstat <pid> --origins --closed <options>} prints, e.g. originsView("-tan"). */
    String originsView(String options);

    /**
     * The snapshot as data for consoles (the JConsole plugin), of the open type
     * {@code io.jattachstat.ConsoleSnapshot}: when it was taken, the accept-queue threshold, whether
     * origins are tracked, one row per socket (its numbers, origin and netstat line), one per listener
     * (its queue and backlog). One call per refresh, whatever the number of sockets.
     */
    CompositeData consoleSnapshot();

    /** What {@code jattachstat <pid> --blocked} prints: the threads blocked on a socket, and on whom. */
    String blocked();
}
