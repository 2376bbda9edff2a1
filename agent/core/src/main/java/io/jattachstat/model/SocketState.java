package io.jattachstat.model;

import java.util.Locale;

/**
 * A socket's state, named two ways: {@link #label()} is netstat's State column; {@link #tag()} is
 * jattachstat's own name for it, the one counts, meters ({@code state=close-wait}), filters
 * ({@code --state}) and the console use, and in capitals ({@link #jsonName()}) the JSON views.
 */
public interface SocketState {
    /** netstat's State column. */
    String label();

    /** Lowercase, '-' for '_': "close-wait", "unconnected", "listening". */
    String tag();

    /** The tag in netstat's style: "CLOSE_WAIT", "UNCONNECTED". */
    default String jsonName() {
        return tag().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static SocketState of(InetSocket s) {
        return s.protocol().isTcp() ? TcpState.of(s.state()) : DatagramState.of(s.state());
    }

    static SocketState of(UnixSocket u) {
        return UnixState.of(u);
    }
}
