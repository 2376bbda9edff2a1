package io.jattachstat.netstat;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.UnixSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketFilterTest {
    private static final byte[] MAPPED_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};

    private static InetSocket tcp6(int state, int localPort, int remotePort) {
        return new InetSocket(Protocol.TCP6, new InetEndpoint(MAPPED_LOOPBACK, localPort),
                new InetEndpoint(MAPPED_LOOPBACK, remotePort), state, 0, 0, 0, 0, 0, 0, 0, 1, 3);
    }

    @Test
    void statesInNetstatsOrSsSpellingAnyCase() throws Exception {
        SocketFilter f = SocketFilter.of("close_wait,ESTAB,Fin-Wait-2", null, null, null);
        assertThat(f.passes(tcp6(8, 80, 5000))).isTrue();
        assertThat(f.passes(tcp6(1, 80, 5000))).isTrue();
        assertThat(f.passes(tcp6(5, 80, 5000))).isTrue();
        assertThat(f.passes(tcp6(10, 80, 0))).isFalse();
        SocketFilter listening = SocketFilter.of("listening", null, null, null);
        assertThat(listening.passes(tcp6(10, 80, 0))).isTrue();
        assertThat(listening.passes(new UnixSocket(2, 0, UnixSocket.SO_ACCEPTCON, 1, 1, 9, "/s", 4))).isTrue();
        assertThat(listening.passes(new UnixSocket(3, 0, 0, 1, 3, 9, "", 4))).isFalse();
    }

    @Test
    void portsAndAddressesMatchMappedAddressesAsIpv4() throws Exception {
        assertThat(SocketFilter.of(null, "5000", null, null).passes(tcp6(1, 80, 5000))).isTrue();
        assertThat(SocketFilter.of(null, "80", null, null).passes(tcp6(1, 80, 5000))).isTrue();
        assertThat(SocketFilter.of(null, "81", null, null).passes(tcp6(1, 80, 5000))).isFalse();
        assertThat(SocketFilter.of(null, null, "127.0.0.1:80", null).passes(tcp6(1, 80, 5000))).isTrue();
        assertThat(SocketFilter.of(null, null, "*:81", null).passes(tcp6(1, 80, 5000))).isFalse();
        assertThat(SocketFilter.of(null, null, null, "127.0.0.1").passes(tcp6(1, 80, 5000))).isTrue();
        assertThat(SocketFilter.of(null, null, null, "[::1]:5000").passes(tcp6(1, 80, 5000))).isFalse();
        assertThat(SocketFilter.of(null, "80", null, null).passes(new UnixSocket(3, 0, 0, 1, 3, 9, "", 4)))
                .as("unix sockets have no port").isFalse();
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> SocketFilter.of("OPEN", null, null, null)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown state 'OPEN' for --state");
        assertThatThrownBy(() -> SocketFilter.of(null, "65536", null, null)).hasMessage("bad port '65536' for --port (1 to 65535)");
        assertThatThrownBy(() -> SocketFilter.of(null, null, "localhost:80", null))
                .hasMessageStartingWith("bad address 'localhost:80' for --local");
        assertThatThrownBy(() -> SocketFilter.of(null, null, null, "[::1"))
                .hasMessageStartingWith("bad address '[::1' for --remote");
        assertThatThrownBy(() -> SocketFilter.of(null, null, null, "*")).hasMessageStartingWith("bad address '*'");
    }
}
