package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.GroupMembership;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;


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

    static void append(NetFiles net, NetstatOptions o, NameResolver names, Appendable out)
            throws ProcAccessException, java.io.IOException {
        out.append(HEADER);
        for (GroupMembership m : NamespaceTables.memberships(net, o)) {
            String name = o.numericHosts ? null : names.hostName(m.group());
            out.append(String.format("%-15s %-6d %s", m.device(), m.users(),
                    name != null ? name : AddressText.numeric(m.group()))).append('\n');
        }
    }
}
