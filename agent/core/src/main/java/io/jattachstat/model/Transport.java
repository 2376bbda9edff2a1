package io.jattachstat.model;

import java.util.List;

/**
 * A socket's transport as jattachstat counts it: netstat's families without the IP version. Its
 * {@link #tag()} is the meters' {@code transport} tag and the summary's name; {@link #states()} are
 * the states counted for it, in a fixed order (one meter series each).
 */
public enum Transport {
    TCP("tcp", true, List.copyOf(TcpState.known())),
    UDP("udp", true, List.of(DatagramState.ESTABLISHED, DatagramState.UNCONNECTED)),
    RAW("raw", true, List.of(DatagramState.ESTABLISHED, DatagramState.UNCONNECTED)),
    /** /proc/net/unix has no queue columns. */
    UNIX("unix", false, List.of(UnixState.LISTENING, UnixState.CONNECTED, UnixState.CONNECTING,
            UnixState.DISCONNECTING, UnixState.UNCONNECTED));

    private final String tag;
    private final boolean queued;
    private final List<SocketState> states;

    Transport(String tag, boolean queued, List<? extends SocketState> states) {
        this.tag = tag;
        this.queued = queued;
        this.states = List.copyOf(states);
    }

    public String tag() {
        return tag;
    }

    /** True if its table has Recv-Q and Send-Q columns. */
    public boolean isQueued() {
        return queued;
    }

    public List<SocketState> states() {
        return states;
    }

    public static Transport of(Protocol p) {
        if (p.isTcp()) {
            return TCP;
        }
        if (p.isUdp()) {
            return UDP;
        }
        return p == Protocol.UNIX ? UNIX : RAW;
    }
}
