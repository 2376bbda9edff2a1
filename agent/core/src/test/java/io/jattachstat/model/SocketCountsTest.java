package io.jattachstat.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketCountsTest {
    @Test
    void countsByTransportAndStateAndSumsQueuesWithoutListeners() {
        SocketTable t = SocketTable.builder(1)
                .add(tcp(Protocol.TCP, 10, 0, 7))          // a listener with 7 waiting connections
                .add(tcp(Protocol.TCP6, 1, 20, 100))       // established
                .add(tcp(Protocol.TCP6, 8, 0, 1))          // close-wait
                .add(tcp(Protocol.TCP, 8, 0, 1))
                .add(udp(Protocol.UDP, 7, 768))            // unconnected
                .add(udp(Protocol.UDPLITE6, 1, 0))         // connected
                .add(unix(UnixSocket.SO_ACCEPTCON, 1))     // listening
                .add(unix(0, 3))                            // connected
                .add(unix(0, 1))                            // unconnected
                .build();
        SocketCounts c = new SocketCounts(t);
        assertThat(c.count(Transport.TCP, TcpState.LISTEN)).isEqualTo(1);
        assertThat(c.count(Transport.TCP, TcpState.ESTABLISHED)).isEqualTo(1);
        assertThat(c.count(Transport.TCP, TcpState.CLOSE_WAIT)).isEqualTo(2);
        assertThat(c.count(Transport.TCP, TcpState.TIME_WAIT)).isZero();
        assertThat(c.count(Transport.UDP, DatagramState.UNCONNECTED)).isEqualTo(1);
        assertThat(c.count(Transport.UDP, DatagramState.ESTABLISHED)).isEqualTo(1);
        assertThat(c.count(Transport.UNIX, UnixState.LISTENING)).isEqualTo(1);
        assertThat(c.count(Transport.UNIX, UnixState.CONNECTED)).isEqualTo(1);
        assertThat(c.count(Transport.UNIX, UnixState.UNCONNECTED)).isEqualTo(1);
        assertThat(c.count(Transport.TCP)).isEqualTo(4);
        assertThat(c.total()).isEqualTo(9);
        assertThat(c.queueBytes(Transport.TCP, true)).as("102: the listener's 7 are connections").isEqualTo(102);
        assertThat(c.queueBytes(Transport.TCP, false)).isEqualTo(20);
        assertThat(c.queueBytes(Transport.UDP, true)).isEqualTo(768);
        assertThat(c.acceptQueued()).isEqualTo(7);
    }

    @Test
    void everyStateOfEveryTransportIsNamedOnceAsNetstatAndTheMetersDo() {
        assertThat(Transport.TCP.states()).extracting(SocketState::tag).containsExactly("established", "syn-sent",
                "syn-recv", "fin-wait1", "fin-wait2", "time-wait", "close", "close-wait", "last-ack", "listen", "closing");
        assertThat(Transport.TCP.states()).extracting(SocketState::label).containsExactly("ESTABLISHED", "SYN_SENT",
                "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING");
        assertThat(java.util.Arrays.stream(Transport.values()).mapToInt(t -> t.states().size()).sum()).isEqualTo(20);
        assertThat(TcpState.of(12)).isEqualTo(TcpState.UNKNOWN);
        assertThat(TcpState.of(8).jsonName()).isEqualTo("CLOSE_WAIT");
        assertThat(DatagramState.of(7).label()).isEmpty();
        assertThat(UnixState.of(unix(UnixSocket.SO_ACCEPTCON, 1)).label()).isEqualTo("LISTENING");
        assertThat(UnixState.of(unix(0, 9))).isEqualTo(UnixState.UNKNOWN);
    }

    private static int inode = 1000;

    private static InetSocket tcp(Protocol p, int state, long sendQ, long recvQ) {
        return new InetSocket(p, endpoint(p), endpoint(p), state, sendQ, recvQ, 0, 0, 0, 1000, 0, ++inode, inode);
    }

    private static InetSocket udp(Protocol p, int state, long recvQ) {
        return tcp(p, state, 0, recvQ);
    }

    private static UnixSocket unix(long flags, int state) {
        return new UnixSocket(2, 0, flags, 1, state, ++inode, "", inode);
    }

    private static InetEndpoint endpoint(Protocol p) {
        return new InetEndpoint(p.isIpv6() ? new byte[16] : new byte[4], 1234);
    }
}
