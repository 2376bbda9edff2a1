package io.jattachstat.netstat;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTest {
    private static int inode = 100;

    private static InetEndpoint mapped(int a, int b, int c, int d, int port) {
        return new InetEndpoint(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b,
            (byte) c, (byte) d}, port);
    }

    private static InetSocket tcp6(int state, InetEndpoint local, InetEndpoint remote) {
        inode++;
        return new InetSocket(Protocol.TCP6, local, remote, state, 0, 0, 0, 0, 0, 0, 0, inode, inode);
    }

    @Test
    void countsAndLookups() {
        InetEndpoint any = new InetEndpoint(new byte[16], 0);
        SocketTable t = SocketTable.builder(42)
                .add(tcp6(10, new InetEndpoint(new byte[16], 8080), any))
                .add(tcp6(1, mapped(10, 0, 0, 1, 8080), mapped(10, 0, 0, 5, 40000)))
                .add(tcp6(1, mapped(10, 0, 0, 1, 8080), mapped(10, 0, 0, 5, 40001)))
                .add(tcp6(6, mapped(10, 0, 0, 1, 50000), mapped(10, 0, 0, 6, 80)))
                .add(tcp6(2, mapped(10, 0, 0, 1, 50001), mapped(10, 0, 0, 7, 443)))
                .add(new UnixSocket(2, 0, UnixSocket.SO_ACCEPTCON, 1, 1, 999, "/run/app.sock", 9))
                .build();
        SummaryCounts c = SummaryCounts.of(t, 20);
        assertThat(c.total()).isEqualTo(6);
        assertThat(c.states().get("tcp")).containsEntry("established", 2).containsEntry("listen", 1)
                .containsEntry("time-wait", 1).containsEntry("syn-sent", 1).containsEntry("close-wait", 0);
        assertThat(c.states().get("unix")).containsEntry("listening", 1);
        assertThat(c.transports().get("tcp")).containsExactly(0, 5);
        assertThat(c.lookups().get(0).rows()).containsExactly(Map.entry("10.0.0.5", 2), Map.entry("10.0.0.6", 1),
                Map.entry("10.0.0.7", 1));
        assertThat(c.lookups().get(1).rows()).containsExactly(Map.entry("10.0.0.6", 1));
        assertThat(c.lookups().get(2).rows()).containsExactly(Map.entry("10.0.0.7", 1));
        assertThat(c.lookups().get(3).rows()).as("the wildcard listener served both").containsExactly(Map.entry("[::]:8080", 2));
        assertThat(SummaryCounts.of(t, 1).lookups().get(0).rows()).hasSize(1);
        String text = Summary.render(t, 20);
        assertThat(text).startsWith("Sockets of process 42: 6\nTCP:   5 (established 2, syn-sent 1, time-wait 1, listen 1)\n");
        assertThat(List.of(text.split("\n"))).contains("TCP       5         0         5", "          2  [::]:8080");
    }
}
