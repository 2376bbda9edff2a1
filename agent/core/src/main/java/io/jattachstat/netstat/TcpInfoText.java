package io.jattachstat.netstat;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpInfo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --tcp-info}: one connection's TCP_INFO as the line {@code ss -i} prints under it (iproute2's
 * tcp_stats_print), so that people who read ss read it at once: the same names, order, units
 * (milliseconds, bits per second) and C number formats ({@code %g}), each field left out when 0 as ss
 * leaves it out. The fields are the ones that say how a connection is doing; ss's lastsnd/lastrcv
 * timers, pacing and busy times are not among them.
 */
public final class TcpInfoText {
    /** The kernel's initial RTO (TCP_TIMEOUT_INIT, 3 s): ss does not print it. */
    private static final long INITIAL_RTO_MICROS = 3_000_000;
    /** No slow start threshold yet (TCP_INFINITE_SSTHRESH); ss prints values below 0xFFFF only. */
    private static final long SSTHRESH_SHOWN_BELOW = 0xFFFF;

    private TcpInfoText() {
    }

    /** The line printed under row {@code s} of {@code table}: its TCP_INFO's, or null (not TCP, or not read). */
    static String under(SocketTable table, InetSocket s, boolean numeric) {
        TcpInfo info = s.protocol().isTcp() ? table.tcpInfo(s.inode()) : null;
        return info == null ? null : line(info, numeric);
    }

    /**
     * The line, with its leading tab, as {@code ss -i} prints it; {@code numeric}: rates as plain
     * numbers ({@code ss -n}), else scaled ("1.2Gbps").
     */
    public static String line(TcpInfo i, boolean numeric) {
        StringBuilder b = new StringBuilder("\t");
        if (!i.congestion().isEmpty()) {
            b.append(' ').append(i.congestion());
        }
        if (i.windowScaling()) {
            b.append(" wscale:").append(i.sendWscale()).append(',').append(i.receiveWscale());
        }
        if (i.rto() != 0 && i.rto() != INITIAL_RTO_MICROS) {
            b.append(" rto:").append(g(i.rto() / 1000.0, 6));
        }
        if (i.rtt() != 0) {
            b.append(" rtt:").append(g(i.rtt() / 1000.0, 6)).append('/').append(g(i.rttVar() / 1000.0, 6));
        }
        field(b, "mss", i.sendMss());
        field(b, "cwnd", i.cwnd());
        field(b, "ssthresh", ssthresh(i));
        field(b, "bytes_acked", i.bytesAcked());
        field(b, "bytes_received", i.bytesReceived());
        field(b, "segs_out", i.segsOut());
        field(b, "segs_in", i.segsIn());
        double send = sendBps(i);
        if (send != 0) {
            b.append(" send ").append(bandwidth(send, numeric)).append("bps");
        }
        if (i.deliveryRate() != 0) {
            b.append(" delivery_rate ").append(bandwidth(i.deliveryRate() * 8.0, numeric)).append("bps");
        }
        field(b, "unacked", i.unacked());
        if (i.retrans() != 0 || i.totalRetrans() != 0) {
            b.append(" retrans:").append(i.retrans()).append('/').append(i.totalRetrans());
        }
        field(b, "lost", i.lost());
        field(b, "rcv_space", i.receiveSpace());
        field(b, "notsent", i.notSent());
        if (minRttShown(i)) {
            b.append(" minrtt:").append(g(i.minRtt() / 1000.0, 6));
        }
        return b.toString();
    }

    /** The same fields for --json, in ss's names and units, every one present (0 or null when not known). */
    public static Map<String, Object> json(TcpInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("congestion", i.congestion().isEmpty() ? null : i.congestion());
        m.put("wscale", i.windowScaling() ? i.sendWscale() + "," + i.receiveWscale() : null);
        m.put("rtoMillis", i.rto() / 1000.0);
        m.put("rttMillis", i.rtt() / 1000.0);
        m.put("rttVarMillis", i.rttVar() / 1000.0);
        m.put("mss", i.sendMss());
        m.put("cwnd", i.cwnd());
        m.put("ssthresh", ssthresh(i) == 0 ? null : ssthresh(i));
        m.put("bytesAcked", i.bytesAcked());
        m.put("bytesReceived", i.bytesReceived());
        m.put("segsOut", i.segsOut());
        m.put("segsIn", i.segsIn());
        m.put("sendBps", Math.round(sendBps(i)));
        m.put("deliveryRateBps", i.deliveryRate() * 8);
        m.put("unacked", i.unacked());
        m.put("retrans", i.retrans());
        m.put("retransTotal", i.totalRetrans());
        m.put("lost", i.lost());
        m.put("rcvSpace", i.receiveSpace());
        m.put("notsent", i.notSent());
        m.put("minRttMillis", minRttShown(i) ? i.minRtt() / 1000.0 : null);
        return m;
    }

    private static void field(StringBuilder b, String name, long value) {
        if (value != 0) {
            b.append(' ').append(name).append(':').append(value);
        }
    }

    private static long ssthresh(TcpInfo i) {
        return i.sendSsthresh() < SSTHRESH_SHOWN_BELOW ? i.sendSsthresh() : 0;
    }

    private static boolean minRttShown(TcpInfo i) {
        return i.minRtt() != 0 && i.minRtt() != 0xffffffffL;
    }

    /** What the window allows per round trip: cwnd × mss × 8 bits over the RTT, as ss works it out. */
    private static double sendBps(TcpInfo i) {
        return i.rtt() > 0 && i.sendMss() != 0 && i.cwnd() != 0
                ? (double) i.cwnd() * (double) i.sendMss() * 8_000_000.0 / (double) i.rtt() : 0;
    }

    /** ss's sprint_bw: {@code %.0f} when numeric, else three digits and a k/M/G/T suffix. */
    static String bandwidth(double bps, boolean numeric) {
        if (numeric) {
            return new BigDecimal(bps).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        }
        if (bps >= 1e12) {
            return g(bps / 1e12, 3) + "T";
        }
        if (bps >= 1e9) {
            return g(bps / 1e9, 3) + "G";
        }
        if (bps >= 1e6) {
            return g(bps / 1e6, 3) + "M";
        }
        if (bps >= 1e3) {
            return g(bps / 1e3, 3) + "k";
        }
        return g(bps, 6);
    }

    /**
     * C's {@code %.<precision>g}: {@code precision} significant digits, rounded as glibc rounds (half
     * to even on the exact binary value), fixed notation unless the exponent is below -4 or at least
     * the precision, trailing zeros dropped.
     */
    static String g(double v, int precision) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String digits = stripZeros(mantissa.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
            return digits + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return stripZeros(rounded.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_EVEN)
                .toPlainString());
    }

    private static String stripZeros(String fixed) {
        if (fixed.indexOf('.') < 0) {
            return fixed;
        }
        int end = fixed.length();
        while (fixed.charAt(end - 1) == '0') {
            end--;
        }
        if (fixed.charAt(end - 1) == '.') {
            end--;
        }
        return fixed.substring(0, end);
    }
}
