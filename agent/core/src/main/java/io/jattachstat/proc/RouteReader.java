package io.jattachstat.proc;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.Ipv4Route;
import io.jattachstat.model.Ipv6Route;
import io.jattachstat.model.ProcRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the routing tables: {@code /proc/net/route} (IPv4, main table) and {@code ipv6_route}.
 * Lines it cannot decode are skipped and counted, never thrown on.
 */
public final class RouteReader {
    private RouteReader() {
    }

    /**
     * The IPv4 routes that are up, from a header line and then "Iface Destination Gateway Flags RefCnt
     * Use Metric Mask MTU Window IRTT" lines (addresses as the kernel's network-order ints in hex).
     */
    public static ProcRows<Ipv4Route> ipv4(String text) {
        List<Ipv4Route> routes = new ArrayList<>();
        int malformed = 0;
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            long[] hex = new long[4];
            int[] dec = new int[6];
            boolean ok = f.length >= 11;
            for (int k = 0; ok && k < 4; k++) {
                hex[k] = Digits.hex(f[k == 3 ? 7 : k + 1], 8); // destination, gateway, flags, mask
                ok = hex[k] >= 0;
            }
            for (int k = 0; ok && k < 6; k++) {
                dec[k] = Digits.decimal(f[k < 3 ? k + 4 : k + 5]); // refcnt use metric, mtu window irtt
                ok = dec[k] >= 0;
            }
            if (!ok) {
                malformed++;
            } else if ((hex[2] & Ipv4Route.RTF_UP) != 0) {
                routes.add(new Ipv4Route(f[0], hostOrder(hex[0]), hostOrder(hex[1]), (int) hex[2], dec[0], dec[1],
                        dec[2], hostOrder(hex[3]), dec[3], dec[4], dec[5]));
            }
        }
        return new ProcRows<>(routes, malformed);
    }

    /** "dest plen src plen gateway metric refcnt use flags iface" (hex; addresses as 32 digits). */
    public static ProcRows<Ipv6Route> ipv6(String text) {
        List<Ipv6Route> routes = new ArrayList<>();
        int malformed = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            boolean ok = f.length >= 10 && isHex(f[0], 32) && isHex(f[4], 32) && Digits.hex(f[1], 2) >= 0;
            for (int k = 5; ok && k <= 8; k++) {
                ok = Digits.hex(f[k], 8) >= 0;
            }
            if (!ok) {
                malformed++;
                continue;
            }
            routes.add(new Ipv6Route(AddressText.fromHex(f[0]), (int) Digits.hex(f[1], 2), AddressText.fromHex(f[4]),
                    (int) Digits.hex(f[5], 8), (int) Digits.hex(f[6], 8), (int) Digits.hex(f[7], 8),
                    (int) Digits.hex(f[8], 8), f[9]));
        }
        return new ProcRows<>(routes, malformed);
    }

    static boolean isHex(String s, int digits) {
        if (s.length() != digits) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The file writes each IPv4 address as the int the kernel holds in network order, in hex. */
    private static int hostOrder(long networkOrder) {
        return Integer.reverseBytes((int) networkOrder);
    }
}
