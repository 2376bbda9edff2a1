package io.jattachstat.netstat;

import io.jattachstat.model.TcpInfo;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TcpInfoTextTest {
    /** A struct tcp_info laid out as linux/tcp.h has it, with the values of a line ss printed here. */
    private static ByteBuffer struct() {
        ByteBuffer b = ByteBuffer.allocate(TcpInfo.REQUEST_BYTES).order(ByteOrder.nativeOrder());
        b.put(0, (byte) 1); // ESTABLISHED
        b.put(5, (byte) 7); // timestamps, sack, window scaling
        b.put(6, (byte) 0xa7); // send scale 7, receive scale 10
        b.putInt(8, 204_000); // rto
        b.putInt(16, 35_328); // snd_mss
        b.putInt(68, 86); // rtt
        b.putInt(72, 47); // rttvar
        b.putInt(76, 0x7fffffff); // no ssthresh yet
        b.putInt(80, 11); // cwnd
        b.putInt(96, 65_495); // rcv_space
        b.putLong(120, 1001); // bytes_acked
        b.putInt(136, 3); // segs_out
        b.putInt(140, 2); // segs_in
        b.putInt(148, 32); // min_rtt
        b.putLong(160, 1_104_000_000L); // delivery rate, bytes/s
        return b;
    }

    private static byte[] name(String s) {
        byte[] c = new byte[TcpInfo.CONGESTION_BYTES];
        byte[] n = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, c, 0, n.length);
        return c;
    }

    @Test
    void theLineSsPrintsNumericallyAndScaled() {
        TcpInfo info = TcpInfo.parse(struct(), TcpInfo.REQUEST_BYTES, name("bbr"));
        assertThat(TcpInfoText.line(info, true)).isEqualTo("\t bbr wscale:7,10 rto:204 rtt:0.086/0.047 mss:35328"
                + " cwnd:11 bytes_acked:1001 segs_out:3 segs_in:2 send 36149581395bps delivery_rate 8832000000bps"
                + " rcv_space:65495 minrtt:0.032");
        assertThat(TcpInfoText.line(info, false)).contains(" send 36.1Gbps delivery_rate 8.83Gbps ");
    }

    @Test
    void anOlderKernelsShorterStructReadsAsZeros() {
        // A 104-byte struct (Linux 3.x) ends before bytes_acked: those fields are 0 and left out.
        TcpInfo info = TcpInfo.parse(struct(), 104, null);
        assertThat(TcpInfoText.line(info, true)).isEqualTo("\t wscale:7,10 rto:204 rtt:0.086/0.047 mss:35328 cwnd:11"
                + " send 36149581395bps rcv_space:65495");
    }

    @Test
    void theInitialRtoAndNoRttAreLeftOutAsSsLeavesThem() {
        ByteBuffer b = ByteBuffer.allocate(TcpInfo.REQUEST_BYTES).order(ByteOrder.nativeOrder());
        b.putInt(8, 3_000_000);
        b.putInt(80, 10);
        b.putInt(148, -1); // no min RTT yet
        assertThat(TcpInfoText.line(TcpInfo.parse(b, TcpInfo.REQUEST_BYTES, name("cubic")), true))
                .isEqualTo("\t cubic cwnd:10");
    }

    @Test
    void aCongestionNameThatIsNoModuleNameIsNotPrintedAsItCame() {
        TcpInfo info = TcpInfo.parse(struct(), TcpInfo.REQUEST_BYTES, name("x\u001b[2J"));
        assertThat(info.congestion()).isEqualTo("?");
    }

    @Test
    void cPercentG() {
        assertThat(TcpInfoText.g(204.0, 6)).isEqualTo("204");
        assertThat(TcpInfoText.g(0.021, 6)).isEqualTo("0.021");
        assertThat(TcpInfoText.g(1234567.0, 6)).isEqualTo("1.23457e+06");
        assertThat(TcpInfoText.g(0.00001234, 6)).isEqualTo("1.234e-05");
        assertThat(TcpInfoText.g(100000.0, 6)).isEqualTo("100000");
        assertThat(TcpInfoText.g(36.149581395, 3)).isEqualTo("36.1");
        assertThat(TcpInfoText.g(999.9, 3)).isEqualTo("1e+03");
        assertThat(TcpInfoText.g(2.5, 1)).isEqualTo("2"); // half to even, as glibc rounds
        assertThat(TcpInfoText.bandwidth(999, false)).isEqualTo("999");
        assertThat(TcpInfoText.bandwidth(12_000, false)).isEqualTo("12k");
        assertThat(TcpInfoText.bandwidth(2.5, true)).isEqualTo("2");
    }
}
