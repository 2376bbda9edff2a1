package io.jattachstat.netstat;

import io.jattachstat.model.InterfaceCounters;
import io.jattachstat.proc.InterfaceReader;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.util.ArrayList;
import java.util.List;

/**
 * The interfaces {@code -i} shows, for its text and its JSON alike: those of the namespace's
 * {@code /proc/net/dev} that {@link Links} knows, only the ones that are up unless {@code -a}, in
 * net-tools' order (digit runs compared as numbers); and the flag letters it prints for them.
 */
final class ShownInterfaces {
    static final int IFF_UP = 0x1;
    /** Flag letters in net-tools' order: ALLMULTI BROADCAST DEBUG LOOPBACK MULTICAST PROMISC NOTRAILERS NOARP POINTOPOINT SLAVE MASTER RUNNING UP. */
    private static final int[] BITS = {0x200, 0x2, 0x4, 0x8, 0x1000, 0x100, 0x20, 0x80, 0x10, 0x800, 0x400, 0x40, 0x1};
    private static final String LETTERS = "ABDLMPNOPsmRU";

    /** An interface shown: its counters and its link's flags and MTU. */
    record Shown(InterfaceCounters counters, Links.Link link) {
        String name() {
            return counters.name();
        }
    }

    private ShownInterfaces() {
    }

    static List<Shown> of(NetFiles net, Links links, NetstatOptions o) throws java.io.IOException {
        String dev = net.read("dev");
        List<InterfaceCounters> devices = new ArrayList<>(dev == null ? List.of() : InterfaceReader.read(dev).rows());
        devices.sort(InterfaceCounters.NETSTAT_ORDER);
        List<Shown> shown = new ArrayList<>();
        for (InterfaceCounters d : devices) {
            Links.Link link = links.link(d.name());
            if (link != null && (o.all || (link.flags() & IFF_UP) != 0)) {
                shown.add(new Shown(d, link));
            }
        }
        return shown;
    }

    /** The names of the namespace's interfaces in {@code /proc/net/dev}. */
    static java.util.Set<String> names(NetFiles net) throws ProcAccessException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        String dev = net.read("dev");
        if (dev != null) {
            InterfaceReader.read(dev).rows().forEach(d -> names.add(d.name()));
        }
        return names;
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
}
