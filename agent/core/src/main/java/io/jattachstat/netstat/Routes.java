package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.Ipv4Route;
import io.jattachstat.model.Ipv6Route;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

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
            List<Ipv4Route> routes = NamespaceTables.ipv4Routes(net);
            if (routes == null) {
                notConfigured("route");
            } else {
                out.append(V4_TITLE).append(V4_HEADERS[level]);
                for (Ipv4Route r : routes) {
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

    /** The IPv4 routes that are up; null if there is no such file. For the text and the JSON. */
    private void ipv4Row(Ipv4Route r, int level) {
        boolean reject = (r.flags() & RouteFlags.RTF_REJECT) != 0;
        String dest = cut(destination(r.destination(), r.mask()));
        String gw = reject ? "-" : cut(gateway(r.gateway()));
        String iface = reject ? "-" : r.iface();
        String mss = reject ? "-" : Integer.toString(r.mss());
        String window = reject ? "-" : Integer.toString(r.window());
        String irtt = reject ? "-" : Integer.toString(r.irtt());
        String ref = reject ? "-" : Integer.toString(r.refCount());
        out.append(String.format("%-15s %-15s %-15s %-5s ", dest, gw, dotted(r.mask()), RouteFlags.v4(r.flags())));
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

    private void ipv6(NetFiles net) throws ProcAccessException {
        List<Ipv6Route> routes = NamespaceTables.ipv6Routes(net);
        if (options.fib) {
            out.append(V6_TITLE).append(V6_HEADER);
            routes.stream().filter(r -> !r.isCache()).forEach(this::ipv6Row);
        }
        if (options.cache) {
            out.append(V6_CACHE_TITLE).append(V6_HEADER);
            routes.stream().filter(Ipv6Route::isCache).forEach(this::ipv6Row);
        }
    }

    /** Every IPv6 route, cache entries too; none if there is no such file. For the text and the JSON. */
    private void ipv6Row(Ipv6Route r) {
        out.append(String.format("%-30s %-26s %-4s %-3d %-1d %6d %s\n",
                ipv6Name(r.destination()) + "/" + r.prefixLength(), ipv6Name(r.nextHop()), RouteFlags.v6(r.flags()),
                r.metric(), r.refCount(), r.use(), r.iface()));
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

    /** net-tools cuts each address column to 15 characters. */
    private static String cut(String s) {
        return s.length() > 15 ? s.substring(0, 15) : s;
    }

    static String dotted(int address) {
        return AddressText.numeric(AddressText.ofInt(address));
    }
}
