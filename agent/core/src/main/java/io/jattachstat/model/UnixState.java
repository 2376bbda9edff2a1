package io.jattachstat.model;

/**
 * The states of {@code /proc/net/unix}'s St column (the socket's {@code SS_*} state), plus
 * LISTENING: an unconnected socket with the accept flag.
 */
public enum UnixState implements SocketState {
    FREE(0, "FREE", "unconnected"),
    /** Unbound, or bound and not connected: netstat leaves the column empty. */
    UNCONNECTED(1, "", "unconnected"),
    /** Also an embryo waiting in a listener's accept queue (inode 0). */
    CONNECTING(2, "CONNECTING", "connecting"),
    CONNECTED(3, "CONNECTED", "connected"),
    DISCONNECTING(4, "DISCONNECTING", "disconnecting"),
    LISTENING(1, "LISTENING", "listening"),
    UNKNOWN(-1, "UNKNOWN", "unconnected");

    private static final UnixState[] BY_NUMBER = {FREE, UNCONNECTED, CONNECTING, CONNECTED, DISCONNECTING};

    private final int kernel;
    private final String label;
    private final String tag;

    UnixState(int kernel, String label, String tag) {
        this.kernel = kernel;
        this.label = label;
        this.tag = tag;
    }

    public static UnixState of(UnixSocket u) {
        if (u.isListening()) {
            return LISTENING;
        }
        return u.state() >= 0 && u.state() < BY_NUMBER.length ? BY_NUMBER[u.state()] : UNKNOWN;
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
