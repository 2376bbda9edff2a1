package io.jattachstat.model;

import java.util.Comparator;

/**
 * A line of {@code /proc/net/dev}: the interface's name and its 16 counters in the file's order
 * (receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs
 * drop fifo colls carrier compressed).
 */
public record InterfaceCounters(String name, long[] counters) {
    /** net-tools' nstrcmp, the order netstat lists interfaces in: digit runs compare as numbers ("eth2" before "eth10"). */
    public static final Comparator<InterfaceCounters> NETSTAT_ORDER = (a, b) -> naturalCompare(a.name(), b.name());

    public long rxBytes() {
        return counters[0];
    }

    public long rxPackets() {
        return counters[1];
    }

    public long rxErrors() {
        return counters[2];
    }

    public long rxDropped() {
        return counters[3];
    }

    public long rxOverruns() {
        return counters[4];
    }

    public long rxFrame() {
        return counters[5];
    }

    public long txBytes() {
        return counters[8];
    }

    public long txPackets() {
        return counters[9];
    }

    public long txErrors() {
        return counters[10];
    }

    public long txDropped() {
        return counters[11];
    }

    public long txOverruns() {
        return counters[12];
    }

    public long collisions() {
        return counters[13];
    }

    public long carrier() {
        return counters[14];
    }

    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = Long.compare(Long.parseLong(a.substring(i, Math.min(ei, i + 18))),
                        Long.parseLong(b.substring(j, Math.min(ej, j + 18))));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
