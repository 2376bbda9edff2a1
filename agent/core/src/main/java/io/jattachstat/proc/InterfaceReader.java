package io.jattachstat.proc;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InterfaceCounters;
import io.jattachstat.model.Ipv6InterfaceAddress;
import io.jattachstat.model.ProcRows;

import java.util.ArrayList;
import java.util.List;

/** Decodes {@code /proc/net/dev}; skips and counts lines it cannot decode. */
public final class InterfaceReader {
    /** The kernel's two header lines ("Inter-|   Receive ...", " face |bytes ..."). */
    private static final int HEADER_LINES = 2;

    private InterfaceReader() {
    }

    /**
     * "  name: rx bytes packets errs drop fifo frame compressed multicast tx bytes packets errs drop
     * fifo colls carrier compressed", in file order. The name ends at the last colon before the
     * counters, and may hold anything else Linux allows in one, '|' included.
     */
    public static ProcRows<InterfaceCounters> read(String text) {
        List<InterfaceCounters> devices = new ArrayList<>();
        int malformed = 0;
        String[] lines = text.split("\n");
        for (int i = HEADER_LINES; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.lastIndexOf(':');
            long[] c = colon < 0 ? null : counters(line.substring(colon + 1).trim().split("\\s+"));
            if (c == null) {
                malformed++;
                continue;
            }
            devices.add(new InterfaceCounters(line.substring(0, colon).trim(), c));
        }
        return new ProcRows<>(devices, malformed);
    }

    /** "addr ifindex plen scope flags name" lines of {@code /proc/net/if_inet6} (hex), in file order. */
    public static ProcRows<Ipv6InterfaceAddress> ipv6Addresses(String text) {
        List<Ipv6InterfaceAddress> out = new ArrayList<>();
        int malformed = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            long prefix = f.length < 6 ? -1 : Digits.hex(f[2], 2);
            long scope = f.length < 6 ? -1 : Digits.hex(f[3], 2);
            if (prefix < 0 || scope < 0 || !RouteReader.isHex(f[0], 32)) {
                malformed++;
                continue;
            }
            out.add(new Ipv6InterfaceAddress(f[5], AddressText.fromHex(f[0]), (int) prefix, (int) scope));
        }
        return new ProcRows<>(out, malformed);
    }

    /** 16 unsigned decimal counters, or null. */
    private static long[] counters(String[] f) {
        if (f.length < 16) {
            return null;
        }
        long[] c = new long[16];
        for (int i = 0; i < 16; i++) {
            if (!Digits.isDigits(f[i], 20)) {
                return null;
            }
            try {
                c[i] = Long.parseUnsignedLong(f[i]);
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        return c;
    }
}
