package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InterfaceCounters;
import io.jattachstat.model.Ipv6InterfaceAddress;

import java.util.List;

/**
 * One interface as {@code netstat -ie} prints it: ifconfig's long form (net-tools 2.10), from the
 * flags and details {@link Links} give, the IPv6 addresses of {@code /proc/<pid>/net/if_inet6} and
 * the counters of {@code /proc/<pid>/net/dev}.
 */
final class IfconfigText {
    /** Flag names in bit order, as ifconfig lists them. */
    private static final String[] FLAG_NAMES = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
        "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE", "MULTICAST", "PORTSEL", "AUTOMEDIA", "DYNAMIC"};
    private static final String[] UNITS = {"", "Ki", "Mi", "Gi", "Ti"};
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;

    private IfconfigText() {
    }

    static void append(StringBuilder out, Links.Link link, Links.Details d, List<Ipv6InterfaceAddress> inet6,
                       InterfaceCounters c) {
        String name = c.name();
        out.append(name).append(": flags=").append(link.flags()).append('<').append(flagNames(link.flags()))
                .append(">  mtu ").append(link.mtu()).append('\n');
        if (d.ipv4() != null) {
            out.append("        inet ").append(AddressText.numeric(d.ipv4())).append("  netmask ")
                    .append(AddressText.numeric(d.netmask()));
            if (d.broadcast() != null) {
                out.append("  broadcast ").append(AddressText.numeric(d.broadcast()));
            }
            if (d.destination() != null) {
                out.append("  destination ").append(AddressText.numeric(d.destination()));
            }
            out.append('\n');
        }
        ipv6(out, name, inet6);
        out.append("        ").append(hardware(d)).append("  txqueuelen ").append(d.txQueueLength()).append("  (")
                .append(hardwareTitle(d.hardwareType())).append(")\n");
        out.append("        RX packets ").append(c.rxPackets()).append("  bytes ").append(scaled(c.rxBytes())).append('\n');
        out.append("        RX errors ").append(c.rxErrors()).append("  dropped ").append(c.rxDropped())
                .append("  overruns ").append(c.rxOverruns()).append("  frame ").append(c.rxFrame()).append('\n');
        out.append("        TX packets ").append(c.txPackets()).append("  bytes ").append(scaled(c.txBytes())).append('\n');
        out.append("        TX errors ").append(c.txErrors()).append("  dropped ").append(c.txDropped())
                .append(" overruns ").append(c.txOverruns()).append("  carrier ").append(c.carrier())
                .append("  collisions ").append(c.collisions()).append("\n\n");
    }

    private static String flagNames(int flags) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : ",").append(FLAG_NAMES[i]);
            }
        }
        return b.toString();
    }

    /** The interface's IPv6 addresses, in file order. */
    private static void ipv6(StringBuilder out, String name, List<Ipv6InterfaceAddress> inet6) {
        for (Ipv6InterfaceAddress a : inet6) {
            if (a.device().equals(name)) {
                out.append("        inet6 ").append(AddressText.numeric(a.address())).append("  prefixlen ")
                        .append(a.prefixLength()).append("  scopeid 0x").append(Integer.toHexString(a.scope()))
                        .append('<').append(scopeName(a.scope())).append(">\n");
            }
        }
    }

    private static String scopeName(int scope) {
        return switch (scope & 0xf0) {
            case 0x00 -> "global";
            case 0x10 -> "host";
            case 0x20 -> "link";
            case 0x40 -> "site";
            case 0x80 -> "compat";
            default -> "unknown";
        };
    }

    private static String hardware(Links.Details d) {
        if (d.hardwareType() == ARPHRD_LOOPBACK) {
            return "loop";
        }
        StringBuilder b = new StringBuilder();
        if (d.hardwareType() == ARPHRD_ETHER) {
            for (int i = 0; i < 6 && i < d.hardwareAddress().length; i++) {
                b.append(i == 0 ? "" : ":").append(String.format("%02x", d.hardwareAddress()[i] & 0xff));
            }
            return "ether " + b;
        }
        for (int i = 0; i < 16; i++) {
            int v = i < d.hardwareAddress().length ? d.hardwareAddress()[i] & 0xff : 0;
            b.append(i == 0 ? "" : "-").append(String.format("%02X", v));
        }
        return "unspec " + b;
    }

    private static String hardwareTitle(int type) {
        return switch (type) {
            case ARPHRD_ETHER -> "Ethernet";
            case ARPHRD_LOOPBACK -> "Local Loopback";
            default -> "UNSPEC";
        };
    }

    /** net-tools' print_bytes_scaled: "9118 (8.9 KiB)", one decimal truncated, up to TiB. */
    static String scaled(long bytes) {
        long whole = bytes;
        long tenths = 0;
        int unit = 0;
        while (unit < 4 && Long.compareUnsigned(whole, 1024) >= 0) {
            tenths = ((whole & 1023) * 10) / 1024;
            whole = Long.divideUnsigned(whole, 1024);
            unit++;
        }
        return Long.toUnsignedString(bytes) + " (" + whole + "." + tenths + " " + UNITS[unit] + "B)";
    }
}
