package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code netstat -r}: the routing tables of the target's network namespace, from
 * {@code /proc/<pid>/net/route} (IPv4, main table, routes that are up) and {@code ipv6_route} (IPv6,
 * every table), as net-tools 2.10 prints them (netstat-reference §4.3): three IPv4 layouts by the
 * number of -e, reject routes with "-" placeholders, names unless -n or -N. {@code -C} adds (or with
 * only -C, shows instead) the routing caches, which kernels since 3.6 no longer fill.
 */
final class Routes {
    private static final String V4_TITLE = "Kernel IP routing table\n";
    private static final String V4_CACHE_TITLE = "Kernel IP routing cache\n";
    private static final String V6_TITLE = "Kernel IPv6 routing table\n";
    private static final String V6_CACHE_TITLE = "Kernel IPv6 routing cache\n";
    private static final String[] V4_HEADERS = {
        "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n",
        "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n",
        "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n"};
    private static final String[] V4_CACHE_HEADERS = {
        "Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n",
        "Source          Destination     Gateway         Flags Metric Ref    Use Iface\n",
        "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n"};
    private static final String V6_HEADER = "Destination                    Next Hop                   Flag Met Ref  Use If\n";

    private static final int RTF_UP = 0x0001;
    private static final int RTF_GATEWAY = 0x0002;
    private static final int RTF_HOST = 0x0004;
    private static final int RTF_REJECT = 0x0200;
    private static final int RTF_CACHE = 0x01000000;
    /** IPv4 flag letters after U and G, in net-tools' order (REJECT, between them, replaces what came before). */
    private static final int[] V4_BITS = {RTF_HOST, 0x0008, 0x0010, 0x0020, 0x00010000, 0x00020000, 0x00040000,
        0x00200000, 0x00400000, RTF_CACHE, 0x02000000, 0x04000000, 0x80000000, 0x0040, 0x0080, 0x0100, 0x0400};
    private static final String V4_LETTERS = "HRDMdacoecfpluwin";
    private static final int[] V6_BITS = {RTF_UP, RTF_REJECT, RTF_GATEWAY, RTF_HOST, 0x00010000, 0x00040000,
        RTF_CACHE, 0x00020000, 0x00400000, 0x0020, 0x00200000, 0x02000000};
    private static final String V6_LETTERS = "U!GHDACaemnf";

    /** A line of /proc/net/route: addresses in host order, as ints. */
    record V4Route(String iface, int destination, int gateway, int flags, int refCount, int use, int metric, int mask,
                   int mss, int window, int irtt) {
    }

    /** A line of /proc/net/ipv6_route. */
    record V6Route(byte[] destination, int prefixLength, byte[] nextHop, int metric, int refCount, int use, int flags,
                   String iface) {
    }

    private final NetstatOptions options;
    private final NameResolver names;
    private final boolean numeric;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private int status;

    private Routes(NetstatOptions options, NameResolver names) {
        this.options = options;
        this.names = names;
        this.numeric = options.numericHosts || options.symbolic;
    }

    /** The families asked for, in order (none: inet); any other family ends it with netstat's error. */
    static NetstatView.Result render(NetFiles net, NetstatOptions options, NameResolver names)
            throws ProcAccessException {
        Routes r = new Routes(options, names);
        String families = options.familyNames().isEmpty() ? "inet" : options.familyNames();
        for (String family : families.split(",")) {
            switch (family) {
                case "inet" -> r.ipv4(net);
                case "inet6" -> r.ipv6(net);
                default -> {
                    return new NetstatView.Result(3, r.out.toString(),
                            r.err + "No routing for address family `" + family + "'.\n");
                }
            }
        }
        return new NetstatView.Result(r.status, r.out.toString(), r.err.toString());
    }

    private void ipv4(NetFiles net) throws ProcAccessException {
        int level = Math.min(options.extendLevel, 2);
        if (options.fib) {
            List<V4Route> routes = ipv4Routes(net);
            if (routes == null) {
                notConfigured("route");
            } else {
                out.append(V4_TITLE).append(V4_HEADERS[level]);
                for (V4Route r : routes) {
                    ipv4Row(r, level);
                }
            }
        }
        if (options.cache) {
            // Kernels since 3.6 keep no IPv4 routing cache: the file holds a header and nothing else.
            if (net.read("rt_cache") == null) {
                notConfigured("rt_cache");
            } else {
                out.append(V4_CACHE_TITLE).append(V4_CACHE_HEADERS[level]);
            }
        }
    }

    /** What netstat says when a routing file of IPv4 is missing. */
    private void notConfigured(String file) {
        out.append("INET (IPv4) not configured in this system.\n");
        err.append("/proc/net/").append(file).append(": No such file or directory\n");
        status = 1;
    }

    /**
     * The routes that are up, from "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window
     * IRTT" lines (addresses as the kernel's network-order ints in hex); null if there is no such file.
     */
    static List<V4Route> ipv4Routes(NetFiles net) throws ProcAccessException {
        String text = net.read("route");
        if (text == null) {
            return null;
        }
        List<V4Route> routes = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 11 || (hex(f[3]) & RTF_UP) == 0) {
                continue;
            }
            routes.add(new V4Route(f[0], hostOrder(f[1]), hostOrder(f[2]), hex(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6]), hostOrder(f[7]), Integer.parseInt(f[8]),
                    Integer.parseInt(f[9]), Integer.parseInt(f[10])));
        }
        return routes;
    }

    private void ipv4Row(V4Route r, int level) {
        boolean reject = (r.flags() & RTF_REJECT) != 0;
        String dest = cut(destination(r.destination(), r.mask()));
        String gw = reject ? "-" : cut(gateway(r.gateway()));
        String iface = reject ? "-" : r.iface();
        String mss = reject ? "-" : Integer.toString(r.mss());
        String window = reject ? "-" : Integer.toString(r.window());
        String irtt = reject ? "-" : Integer.toString(r.irtt());
        String ref = reject ? "-" : Integer.toString(r.refCount());
        out.append(String.format("%-15s %-15s %-15s %-5s ", dest, gw, dotted(r.mask()), v4Flags(r.flags())));
        out.append(switch (level) {
            case 0 -> String.format("%5s %-5s %6s %s", mss, window, irtt, iface);
            case 1 -> String.format("%-6d %-2s %7d %s", r.metric(), ref, r.use(), iface);
            default -> String.format("%-6d %-3s %6d %-6.6s   %-5s %-6s %s", r.metric(), ref, r.use(), iface, mss, window,
                    irtt);
        }).append('\n');
    }

    /** "default" for 0.0.0.0; a host's name for a host route, a network's (/etc/networks) for the rest. */
    private String destination(int address, int mask) {
        if (numeric) {
            return dotted(address);
        }
        if (address == 0) {
            return "default";
        }
        String name = mask == -1 || (address & ~mask) != 0 ? names.hostName(AddressText.ofInt(address))
                : names.networkName(address);
        return name != null ? name : dotted(address);
    }

    private String gateway(int address) {
        if (numeric || address == 0) {
            return dotted(address);
        }
        String name = names.hostName(AddressText.ofInt(address));
        return name != null ? name : dotted(address);
    }

    static String v4Flags(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & RTF_UP) != 0) {
            b.append('U');
        }
        if ((flags & RTF_GATEWAY) != 0) {
            b.append('G');
        }
        if ((flags & RTF_REJECT) != 0) {
            b.setLength(0);
            b.append('!');
        }
        appendLetters(b, flags, V4_BITS, V4_LETTERS);
        return b.toString();
    }

    private void ipv6(NetFiles net) throws ProcAccessException {
        List<V6Route> routes = ipv6Routes(net);
        if (options.fib) {
            out.append(V6_TITLE).append(V6_HEADER);
            routes.stream().filter(r -> (r.flags() & RTF_CACHE) == 0).forEach(this::ipv6Row);
        }
        if (options.cache) {
            out.append(V6_CACHE_TITLE).append(V6_HEADER);
            routes.stream().filter(r -> (r.flags() & RTF_CACHE) != 0).forEach(this::ipv6Row);
        }
    }

    /** "dest plen src plen gateway metric refcnt use flags iface" (hex; addresses as 32 digits). */
    static List<V6Route> ipv6Routes(NetFiles net) throws ProcAccessException {
        String text = net.read("ipv6_route");
        List<V6Route> routes = new ArrayList<>();
        for (String line : text == null ? new String[0] : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || f[0].length() != 32 || f[4].length() != 32) {
                continue;
            }
            routes.add(new V6Route(AddressText.fromHex(f[0]), Integer.parseInt(f[1], 16), AddressText.fromHex(f[4]),
                    hex(f[5]), hex(f[6]), hex(f[7]), hex(f[8]), f[9]));
        }
        return routes;
    }

    private void ipv6Row(V6Route r) {
        out.append(String.format("%-30s %-26s %-4s %-3d %-1d %6d %s\n",
                ipv6Name(r.destination()) + "/" + r.prefixLength(), ipv6Name(r.nextHop()), v6Flags(r.flags()),
                r.metric(), r.refCount(), r.use(), r.iface()));
    }

    static String v6Flags(int flags) {
        StringBuilder letters = new StringBuilder();
        appendLetters(letters, flags, V6_BITS, V6_LETTERS);
        return letters.toString();
    }

    private String ipv6Name(byte[] address) {
        if (numeric) {
            return AddressText.numeric(address);
        }
        boolean unspecified = true;
        for (byte b : address) {
            unspecified &= b == 0;
        }
        if (unspecified) {
            return "[::]";
        }
        String name = names.hostName(address);
        return name != null ? name : AddressText.numeric(address);
    }

    private static void appendLetters(StringBuilder b, int flags, int[] bits, String letters) {
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                b.append(letters.charAt(i));
            }
        }
    }

    /** net-tools cuts each address column to 15 characters. */
    private static String cut(String s) {
        return s.length() > 15 ? s.substring(0, 15) : s;
    }

    private static int hex(String s) {
        return (int) Long.parseLong(s, 16);
    }

    /** /proc/net/route writes each address as the int the kernel holds in network order, printed in hex. */
    private static int hostOrder(String hex) {
        return Integer.reverseBytes(hex(hex));
    }

    static String dotted(int address) {
        return AddressText.numeric(AddressText.ofInt(address));
    }
}
