package io.jattachstat.model;

import java.util.Locale;

/** The kernel's TCP states, by the number {@code /proc/net/tcp} gives them (include/net/tcp_states.h). */
public enum TcpState implements SocketState {
    ESTABLISHED(1), SYN_SENT(2), SYN_RECV(3), FIN_WAIT1(4), FIN_WAIT2(5), TIME_WAIT(6), CLOSE(7), CLOSE_WAIT(8),
    LAST_ACK(9), LISTEN(10), CLOSING(11),
    /** Any other number; netstat prints "UNKNOWN" (or, for 0, its table's empty first entry). */
    UNKNOWN(-1);

    private static final TcpState[] BY_NUMBER = new TcpState[12];

    static {
        for (TcpState s : values()) {
            if (s.kernel > 0) {
                BY_NUMBER[s.kernel] = s;
            }
        }
    }

    private final int kernel;

    TcpState(int kernel) {
        this.kernel = kernel;
    }

    public static TcpState of(int kernel) {
        return kernel > 0 && kernel < BY_NUMBER.length ? BY_NUMBER[kernel] : UNKNOWN;
    }

    /** The states a TCP socket can be in, in the kernel's order. */
    public static java.util.List<TcpState> known() {
        return java.util.List.of(values()).subList(0, UNKNOWN.ordinal());
    }

    public int kernel() {
        return kernel;
    }

    @Override
    public String label() {
        return name();
    }

    @Override
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
