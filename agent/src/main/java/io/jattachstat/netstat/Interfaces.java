package io.jattachstat.netstat;

import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code netstat -i}: the interfaces of the target's network namespace (netstat-reference §4.2),
 * counters from {@code /proc/<pid>/net/dev}, flags and MTU from {@link Links}. Rows sort by name as
 * net-tools does (digit runs compared as numbers); interfaces that are not up show only with -a.
 */
final class Interfaces {
    static final String TITLE = "Kernel Interface table\n";
    private static final String HEADER =
            "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";
    static final int IFF_UP = 0x1;
    /** Flag letters in net-tools' order: ALLMULTI BROADCAST DEBUG LOOPBACK MULTICAST PROMISC NOTRAILERS NOARP POINTOPOINT SLAVE MASTER RUNNING UP. */
    private static final int[] BITS = {0x200, 0x2, 0x4, 0x8, 0x1000, 0x100, 0x20, 0x80, 0x10, 0x800, 0x400, 0x40, 0x1};
    private static final String LETTERS = "ABDLMPNOPsmRU";

    /** One line of /proc/net/dev: the name and its 16 counters. */
    record Device(String name, long[] counters) {
    }

    private Interfaces() {
    }

    static NetstatView.Result render(NetFiles net, Links links, NetstatOptions o) throws IOException {
        StringBuilder out = new StringBuilder(TITLE);
        if (!o.extend) {
            out.append(HEADER);
        }
        String inet6 = o.extend ? net.read("if_inet6") : null;
        for (Device d : devices(net.read("dev"))) {
            Links.Link link = links.link(d.name());
            if (link == null || !o.all && (link.flags() & IFF_UP) == 0) {
                continue;
            }
            long[] c = d.counters();
            if (o.extend) {
                Links.Details details = links.details(d.name());
                if (details != null) {
                    IfconfigText.append(out, d.name(), link, details, inet6, c);
                }
                continue;
            }
            out.append(String.format("%-15.15s %5d %8d %6d %6d %-6d %8d %6d %6d %6d ", d.name(), link.mtu(),
                    c[1], c[2], c[3], c[4], c[9], c[10], c[11], c[12])).append(flags(link.flags())).append('\n');
        }
        return new NetstatView.Result(0, out.toString(), "");
    }

    static String flags(int flags) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                b.append(LETTERS.charAt(i));
            }
        }
        return b.length() == 0 ? "[NO FLAGS]" : b.toString();
    }

    /** "  name: rx bytes packets errs drop fifo frame compressed multicast tx bytes packets errs drop fifo colls carrier compressed". */
    static List<Device> devices(String text) {
        List<Device> devices = new ArrayList<>();
        if (text == null) {
            return devices;
        }
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue; // the two header lines
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 16) {
                continue;
            }
            long[] c = new long[16];
            for (int i = 0; i < 16; i++) {
                c[i] = Long.parseUnsignedLong(f[i]);
            }
            devices.add(new Device(line.substring(0, colon).trim(), c));
        }
        devices.sort((a, b) -> naturalCompare(a.name(), b.name()));
        return devices;
    }

    /** The interface names of a /proc/net/dev text. */
    static java.util.Set<String> names(String devText) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        devices(devText).forEach(d -> names.add(d.name()));
        return names;
    }

    /** net-tools' nstrcmp: runs of digits compare as numbers ("eth2" before "eth10"). */
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
