package io.jattachstat.netstat;

import io.jattachstat.model.InetSocket;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** netstat's -o column: timer name, then (seconds/retransmits/probes). */
final class TimerText {
    /** USER_HZ: /proc reports timers in 1/100 s, whatever the kernel's HZ. */
    private static final double TICKS_PER_SECOND = 100.0;

    private TimerText() {
    }

    static String of(InetSocket s) {
        String seconds = seconds(s.timerTicks());
        if (s.protocol().isTcp()) {
            String retransmits = Long.toString(s.retransmits());
            return switch (s.timerCode()) {
                case 0 -> "off (0.00/" + retransmits + "/" + s.probes() + ")";
                case 1 -> "on (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
                case 2 -> "keepalive (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
                case 3 -> "timewait (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
                case 4 -> "probe (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
                default -> "unkn-" + s.timerCode() + " (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
            };
        }
        // udp rows print retransmits as 0 whatever the file says; raw rows print the file's value.
        String retransmits = s.protocol().isRaw() ? Long.toString(s.retransmits()) : "0";
        return switch (s.timerCode()) {
            case 0 -> "off (0.00/" + retransmits + "/" + s.probes() + ")";
            case 1, 2 -> "on" + s.timerCode() + " (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
            default -> "unkn-" + s.timerCode() + " (" + seconds + "/" + retransmits + "/" + s.probes() + ")";
        };
    }

    /** printf("%2.2f", (double) ticks / 100), with ticks an unsigned long as netstat reads it. */
    static String seconds(long ticks) {
        double unsigned = ticks >= 0 ? ticks : (ticks >>> 1) * 2.0 + (ticks & 1);
        return new BigDecimal(unsigned / TICKS_PER_SECOND).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
