package io.jattachstat.netstat;

import io.jattachstat.model.GroupMembership;
import io.jattachstat.model.Ipv4Route;
import io.jattachstat.model.Ipv6Route;
import io.jattachstat.proc.GroupReader;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.RouteReader;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the namespace's tables that {@code -r} and {@code -g} show, read once through the
 * readers, for the text views ({@link Routes}, {@link Groups}) and the JSON ones alike, so that
 * neither renderer calls the other. Malformed lines are skipped by the readers.
 */
final class NamespaceTables {
    private NamespaceTables() {
    }

    /** The IPv4 routing table, or null if the namespace has no {@code route} file (no IPv4). */
    static List<Ipv4Route> ipv4Routes(NetFiles net) throws ProcAccessException {
        String text = net.read("route");
        return text == null ? null : RouteReader.ipv4(text).rows();
    }

    /** The IPv6 routing table (empty without an {@code ipv6_route} file). */
    static List<Ipv6Route> ipv6Routes(NetFiles net) throws ProcAccessException {
        String text = net.read("ipv6_route");
        return text == null ? List.of() : RouteReader.ipv6(text).rows();
    }

    /** IPv4 memberships (with -4 or no family), then IPv6 ones (with -6 or no family). */
    static List<GroupMembership> memberships(NetFiles net, NetstatOptions o) throws ProcAccessException {
        List<GroupMembership> all = new ArrayList<>();
        String igmp = o.inet ? net.read("igmp") : null;
        if (igmp != null) {
            all.addAll(GroupReader.ipv4(igmp).rows());
        }
        String igmp6 = o.inet6 ? net.read("igmp6") : null;
        if (igmp6 != null) {
            all.addAll(GroupReader.ipv6(igmp6).rows());
        }
        return all;
    }
}
