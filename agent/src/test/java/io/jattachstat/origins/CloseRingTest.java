package io.jattachstat.origins;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class CloseRingTest {
    private static ClosedSocket close(long at, boolean cleaner) throws Exception {
        return new ClosedSocket(SocketRegistryTest.record(4), 40000, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080), at, null, "main", cleaner);
    }

    @Test
    void keepsTheLastClosesOfTheWindow() throws Exception {
        CloseRing ring = new CloseRing(4);
        ring.add(close(1_000, false));
        ring.add(close(50_000, true));
        ring.add(close(60_000, false));
        assertThat(ring.since(70_000, 30_000)).extracting(ClosedSocket::closedMillis).containsExactly(50_000L, 60_000L);
        assertThat(ring.wrappedWithin(70_000, 60_000)).isFalse();
        assertThat(ring.total()).isEqualTo(3);
        assertThat(ring.totalByCleaner()).isEqualTo(1);
    }

    @Test
    void saysWhenItLostClosesYoungerThanTheWindow() throws Exception {
        CloseRing ring = new CloseRing(4);
        for (int i = 0; i < 6; i++) {
            ring.add(close(10_000 + i, false));
        }
        assertThat(ring.used()).isEqualTo(4);
        assertThat(ring.since(20_000, 60_000)).extracting(ClosedSocket::closedMillis)
                .containsExactly(10_002L, 10_003L, 10_004L, 10_005L);
        assertThat(ring.wrappedWithin(20_000, 60_000)).isTrue();
        assertThat(ring.wrappedWithin(100_000, 60_000)).as("what was lost is older than the window").isFalse();
    }

    @Test
    void aKernelRowMatchesTheCloseOfItsFourTuple() throws Exception {
        ClosedSocket c = close(1, false);
        // tcp6 row of a dual-stack socket: ::ffff:127.0.0.1
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetSocket row = new InetSocket(Protocol.TCP6, new InetEndpoint(mapped, 40000), new InetEndpoint(mapped, 8080),
                6, 0, 0, 0, 0, 0, 0, 0, 0, -1);
        assertThat(ClosedSocket.tupleKey(row)).isEqualTo(ClosedSocket.tupleKey(c));
        InetSocket otherPort = new InetSocket(Protocol.TCP, new InetEndpoint(new byte[] {127, 0, 0, 1}, 40001),
                new InetEndpoint(new byte[] {127, 0, 0, 1}, 8080), 6, 0, 0, 0, 0, 0, 0, 0, 0, -1);
        assertThat(ClosedSocket.tupleKey(otherPort)).isNotEqualTo(ClosedSocket.tupleKey(c));
    }
}
