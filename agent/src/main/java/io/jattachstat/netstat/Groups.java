package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code netstat -g}: the multicast group memberships of the target's network namespace, from
 * {@code /proc/<pid>/net/igmp} (IPv4, with -4 or no family) and {@code igmp6} (IPv6, with -6 or no
 * family), a section of the socket listing between the Internet and UNIX sections
 * (netstat-reference §4.4). Groups are named unless -n.
 */
final class Groups {
    private static final String HEADER = "IPv6/IPv4 Group Memberships\n"
            + "Interface       RefCnt Group\n"
            + "--------------- ------ ---------------------\n";

    private Groups() {
    }

    /** One membership: interface, users, group address (4 or 16 bytes). */
    record Membership(String device, int users, byte[] group) {
    }

    static void append(NetFiles net, NetstatOptions o, NameResolver names, Appendable out)
            throws ProcAccessException, java.io.IOException {
        out.append(HEADER);
        for (Membership m : memberships(net, o)) {
            String name = o.numericHosts ? null : names.hostName(m.group());
            out.append(String.format("%-15s %-6d %s", m.device(), m.users(),
                    name != null ? name : AddressText.numeric(m.group()))).append('\n');
        }
    }

    /** IPv4 memberships (with -4 or no family), then IPv6 ones (with -6 or no family). */
    static List<Membership> memberships(NetFiles net, NetstatOptions o) throws ProcAccessException {
        List<Membership> all = new ArrayList<>();
        if (o.inet) {
            ipv4(net.read("igmp"), all);
        }
        if (o.inet6) {
            ipv6(net.read("igmp6"), all);
        }
        return all;
    }

    /**
     * A device line ("1\tlo        :     1      V3") names the interface of the group lines after it
     * ("\t\t\t\t010000E0     1 0:00000000\t\t0": the group as the kernel's network-order int in hex,
     * then its users).
     */
    private static void ipv4(String text, List<Membership> out) {
        if (text == null) {
            return;
        }
        String device = null;
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("\t")) {
                int colon = line.indexOf(':');
                String[] f = line.substring(0, Math.max(colon, 0)).trim().split("\\s+");
                device = colon < 0 || f.length < 2 ? null : f[1];
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (device == null || f.length < 2 || f[0].length() != 8) {
                continue;
            }
            byte[] address = AddressText.ofInt(Integer.reverseBytes((int) Long.parseLong(f[0], 16)));
            out.add(new Membership(device, Integer.parseInt(f[1]), address));
        }
    }

    /** "idx device group(32 hex digits, network order) users flags timer". */
    private static void ipv6(String text, List<Membership> out) {
        if (text == null) {
            return;
        }
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || f[2].length() != 32) {
                continue;
            }
            out.add(new Membership(f[1], Integer.parseInt(f[3]), AddressText.fromHex(f[2])));
        }
    }
}
