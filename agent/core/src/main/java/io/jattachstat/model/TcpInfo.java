package io.jattachstat.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What the kernel says of one TCP connection through {@code getsockopt(TCP_INFO)} and
 * {@code getsockopt(TCP_CONGESTION)}: the fields {@code ss -i} prints, raw (times in microseconds,
 * rates in bytes per second), as {@code struct tcp_info} of linux/tcp.h lays them out. An older kernel
 * writes a shorter struct; what it leaves out reads as 0, as ss has it.
 *
 * @param congestion   the congestion control algorithm ("cubic"), or "" if unknown
 * @param options      tcpi_options: TCPI_OPT_* bits (timestamps 1, sack 2, window scaling 4, ...)
 * @param rto          the retransmission timeout, µs
 * @param rtt          the smoothed round-trip time, µs
 * @param rttVar       its variation, µs
 * @param sendMss      the send maximum segment size, bytes
 * @param sendSsthresh the slow start threshold, segments (0x7fffffff: none yet)
 * @param deliveryRate the latest delivery rate, bytes per second
 * @param minRtt       the minimum round-trip time seen, µs (0xffffffff: none)
 */
public record TcpInfo(String congestion, int state, int options, int sendWscale, int receiveWscale, long rto,
                      long rtt, long rttVar, long sendMss, long cwnd, long sendSsthresh, long unacked, long lost,
                      long retrans, long totalRetrans, long receiveSpace, long bytesAcked, long bytesReceived,
                      long segsOut, long segsIn, long notSent, long minRtt, long deliveryRate) {
    /** getsockopt levels and names (linux/tcp.h). */
    public static final int IPPROTO_TCP = 6, TCP_INFO = 11, TCP_CONGESTION = 13;
    /** Bytes to ask for: the fields read here end at 168; newer kernels write more, older less. */
    public static final int REQUEST_BYTES = 232;
    /** TCP_CONGESTION's buffer (TCP_CA_NAME_MAX). */
    public static final int CONGESTION_BYTES = 16;
    public static final int OPT_WSCALE = 4;

    /**
     * The struct as the kernel wrote it: {@code length} bytes of {@code info} from index 0, in the
     * machine's byte order; {@code congestion} the NUL-terminated name (null: not read).
     */
    public static TcpInfo parse(ByteBuffer info, int length, byte[] congestion) {
        ByteBuffer b = ByteBuffer.allocate(REQUEST_BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < Math.min(length, REQUEST_BYTES); i++) {
            b.put(i, info.get(i));
        }
        int scales = b.get(6) & 0xff; // two 4-bit fields: the send scale in the low bits
        return new TcpInfo(name(congestion), b.get(0) & 0xff, b.get(5) & 0xff, scales & 0xf, scales >>> 4,
                u32(b, 8), u32(b, 68), u32(b, 72), u32(b, 16), u32(b, 80), u32(b, 76), u32(b, 24), u32(b, 32),
                u32(b, 36), u32(b, 100), u32(b, 96), b.getLong(120), b.getLong(128), u32(b, 136), u32(b, 140),
                u32(b, 144), u32(b, 148), b.getLong(160));
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }

    private static String name(byte[] c) {
        if (c == null) {
            return "";
        }
        int end = 0;
        while (end < c.length && c[end] != 0) {
            end++;
        }
        // The kernel's module names are [a-z0-9_]; anything else is not printed as it came.
        String s = new String(c, 0, end, StandardCharsets.ISO_8859_1);
        return s.matches("[A-Za-z0-9_.-]*") ? s : "?";
    }

    public boolean windowScaling() {
        return (options & OPT_WSCALE) != 0;
    }
}
