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
        assertThat(c.count("tcp", "listen")).isEqualTo(1);
        assertThat(c.count("tcp", "ESTABLISHED")).as("any case").isEqualTo(1);
        assertThat(c.count("tcp", "close-wait")).isEqualTo(2);
        assertThat(c.count("tcp", "time-wait")).isZero();
        assertThat(c.count("udp", "unconnected")).isEqualTo(1);
        assertThat(c.count("udp", "established")).isEqualTo(1);
        assertThat(c.count("unix", "listening")).isEqualTo(1);
        assertThat(c.count("unix", "connected")).isEqualTo(1);
        assertThat(c.count("unix", "unconnected")).isEqualTo(1);
        assertThat(c.count("tcp")).isEqualTo(4);
        assertThat(c.total()).isEqualTo(9);
        assertThat(c.queueBytes("tcp", true)).as("102: the listener's 7 are connections").isEqualTo(102);
        assertThat(c.queueBytes("tcp", false)).isEqualTo(20);
        assertThat(c.queueBytes("udp", true)).isEqualTo(768);
        assertThat(c.acceptQueued()).isEqualTo(7);
    }

    @Test
    void everyStateOfEveryTransportIsNamed() {
        assertThat(SocketCounts.states("tcp")).containsExactly("established", "syn-sent", "syn-recv", "fin-wait1",
                "fin-wait2", "time-wait", "close", "close-wait", "last-ack", "listen", "closing");
        assertThat(SocketCounts.TRANSPORTS.stream().mapToInt(t -> SocketCounts.states(t).size()).sum()).isEqualTo(20);
        assertThat(SocketCounts.tcpState(12)).isEqualTo("unknown");
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
