package io.jattachstat.model;

/**
 * The states UDP and raw sockets show in {@code /proc/net/udp} and {@code raw}: the kernel's TCP
 * numbers, of which a datagram socket only ever has two.
 */
public enum DatagramState implements SocketState {
    /** connect()ed to a peer (TCP_ESTABLISHED, 1). */
    ESTABLISHED(1, "ESTABLISHED", "established"),
    /** Not connected (TCP_CLOSE, 7): netstat leaves the column empty. */
    UNCONNECTED(7, "", "unconnected"),
    /** Anything else: netstat prints "UNKNOWN"; counted as unconnected. */
    UNKNOWN(-1, "UNKNOWN", "unconnected");

    private final int kernel;
    private final String label;
    private final String tag;

    DatagramState(int kernel, String label, String tag) {
        this.kernel = kernel;
        this.label = label;
        this.tag = tag;
    }

    public static DatagramState of(int kernel) {
        return kernel == ESTABLISHED.kernel ? ESTABLISHED : kernel == UNCONNECTED.kernel ? UNCONNECTED : UNKNOWN;
    }

    public int kernel() {
        return kernel;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String tag() {
        return tag;
    }
}
