package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.CounterSection;
import io.jattachstat.model.GroupMembership;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.TcpInfo;
import io.jattachstat.model.Ipv4Route;
import io.jattachstat.model.Ipv6Route;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --json}: every view as JSON with raw values (numeric addresses, ports, state names, queue
 * bytes, inode, fd, uid, timer) instead of formatted text. Sockets are JSON Lines, one object per
 * socket, the rows the text view would show; every other view is one object with a "view" member.
 * The schema is docs/json.md; keep the two in step.
 */
final class JsonViews {
    private static final String[] UNIX_TYPES = {"UNKNOWN", "STREAM", "DGRAM", "RAW", "RDM", "SEQPACKET"};

    private JsonViews() {
    }

    /** The socket rows; with {@code notes} (the origins view), each also has its "origin" (and with -v "originDetails"). */
    static String sockets(SocketTable table, NetstatOptions o, RowNotes notes) {
        StringBuilder out = new StringBuilder();
        java.util.Set<Protocol> tables = o.tables();
        for (Protocol p : Protocol.INET_IN_NETSTAT_ORDER) {
            if (!tables.contains(p)) {
                continue;
            }
            for (InetSocket s : table.inet(p)) {
                if (o.shows(s)) {
                    Map<String, Object> m = inet(table, s);
                    if (o.tcpInfo() && p.isTcp()) {
                        TcpInfo info = table.tcpInfo(s.inode());
                        m.put("tcpInfo", info == null ? null : TcpInfoText.json(info));
                    }
                    if (notes != null) {
                        m.put("origin", notes.note(s));
                        if (o.verbose) {
                            m.put("originDetails", notes.details(s));
                        }
                    }
                    out.append(Json.write(m)).append('\n');
                }
            }
        }
        if (tables.contains(Protocol.UNIX)) {
            for (UnixSocket u : table.unix()) {
                if (o.shows(u)) {
                    Map<String, Object> m = unix(table, u);
                    if (notes != null) {
                        m.put("origin", notes.note(u));
                        if (o.verbose) {
                            m.put("originDetails", notes.details(u));
                        }
                    }
                    out.append(Json.write(m)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static Map<String, Object> inet(SocketTable table, InetSocket s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proto", s.protocol().label());
        m.put("transport", s.protocol().servicesProtocol());
        m.put("family", s.protocol().isIpv6() ? "inet6" : "inet");
        m.put("state", SocketState.of(s).jsonName());
        m.put("local", endpoint(s.local()));
        m.put("remote", endpoint(s.remote()));
        m.put("recvQ", s.receiveQueue());
        m.put("sendQ", s.sendQueue());
        m.put("inode", s.inode());
        m.put("fd", s.fd() < 0 ? null : s.fd());
        m.put("uid", s.uid());
        Map<String, Object> timer = new LinkedHashMap<>();
        timer.put("code", s.timerCode());
        timer.put("ticks", s.timerTicks());
        timer.put("retransmits", s.retransmits());
        timer.put("probes", s.probes());
        m.put("timer", timer);
        owner(table, m);
        return m;
    }

    private static Map<String, Object> unix(SocketTable table, UnixSocket u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proto", "unix");
        m.put("transport", "unix");
        m.put("family", "unix");
        m.put("type", u.type() >= 0 && u.type() < UNIX_TYPES.length ? UNIX_TYPES[u.type()] : "UNKNOWN");
        m.put("state", SocketState.of(u).jsonName());
        m.put("refCount", u.refCount());
        m.put("flags", u.flags());
        m.put("inode", u.inode());
        m.put("path", u.path());
        m.put("fd", u.fd() < 0 ? null : u.fd());
        owner(table, m);
        return m;
    }

    private static Map<String, Object> endpoint(InetEndpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", e.numericHostAsNetstat());
        m.put("port", e.port());
        return m;
    }

    private static void owner(SocketTable table, Map<String, Object> m) {
        m.put("pid", table.pid());
        m.put("program", table.programName());
    }

    static String summary(SocketTable table, int top) {
        SummaryCounts c = SummaryCounts.of(table, top);
        Map<String, Object> m = view("summary");
        m.put("pid", table.pid());
        m.put("program", table.programName());
        m.put("total", c.total());
        m.put("states", c.states());
        Map<String, Object> transports = new LinkedHashMap<>();
        c.transports().forEach((t, v) -> transports.put(t, Map.of("total", v[0] + v[1], "ipv4", v[0], "ipv6", v[1])));
        m.put("transports", transports);
        String[] names = {"remoteHosts", "timeWaitByRemoteHost", "synByRemoteHost", "listenersByEstablished"};
        String[] keys = {"host", "host", "host", "listener"};
        for (int i = 0; i < names.length; i++) {
            List<Object> rows = new ArrayList<>();
            for (Map.Entry<String, Integer> row : c.lookups().get(i).rows()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put(keys[i], row.getKey());
                r.put("count", row.getValue());
                rows.add(r);
            }
            m.put(names[i], rows);
        }
        return Json.write(m) + "\n";
    }

    static NetstatView.Result statistics(NetFiles net, NetstatOptions o) throws IOException {
        List<CounterSection> sections = CounterFiles.sections(net, o);
        if (sections == null) {
            return CounterFiles.unsupported(o);
        }
        Map<String, Object> m = view("statistics");
        m.put("family", o.familyNames().isEmpty() ? "inet" : o.familyNames());
        List<Object> list = new ArrayList<>();
        for (CounterSection s : sections) {
            if (!CounterFiles.shown(s, o)) {
                continue;
            }
            Map<String, Object> counters = new LinkedHashMap<>();
            for (int i = 0; i < s.fields().size(); i++) {
                counters.put(s.fields().get(i), s.values().get(i));
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("name", s.name());
            section.put("counters", counters);
            list.add(section);
        }
        m.put("sections", list);
        return ok(m);
    }

    static NetstatView.Result routes(NetFiles net, NetstatOptions o) throws IOException {
        Map<String, Object> m = view("routes");
        String families = o.familyNames().isEmpty() ? "inet" : o.familyNames();
        for (String family : families.split(",")) {
            if (family.equals("inet")) {
                List<Object> list = new ArrayList<>();
                List<Ipv4Route> routes = NamespaceTables.ipv4Routes(net);
                for (Ipv4Route r : routes == null ? List.<Ipv4Route>of() : routes) {
                    Map<String, Object> route = new LinkedHashMap<>();
                    route.put("destination", dotted(r.destination()));
                    route.put("gateway", dotted(r.gateway()));
                    route.put("genmask", dotted(r.mask()));
                    route.put("flags", RouteFlags.v4(r.flags()));
                    route.put("flagBits", r.flags());
                    route.put("metric", r.metric());
                    route.put("refCount", r.refCount());
                    route.put("use", r.use());
                    route.put("iface", r.iface());
                    route.put("mss", r.mss());
                    route.put("window", r.window());
                    route.put("irtt", r.irtt());
                    list.add(route);
                }
                m.put("ipv4", list);
            } else if (family.equals("inet6")) {
                List<Object> list = new ArrayList<>();
                for (Ipv6Route r : NamespaceTables.ipv6Routes(net)) {
                    Map<String, Object> route = new LinkedHashMap<>();
                    route.put("destination", AddressText.numeric(r.destination()));
                    route.put("prefixLength", r.prefixLength());
                    route.put("nextHop", AddressText.numeric(r.nextHop()));
                    route.put("flags", RouteFlags.v6(r.flags()));
                    route.put("flagBits", r.flags());
                    route.put("metric", r.metric());
                    route.put("refCount", r.refCount());
                    route.put("use", r.use());
                    route.put("iface", r.iface());
                    list.add(route);
                }
                m.put("ipv6", list);
            } else {
                return new NetstatView.Result(3, "", "No routing for address family `" + family + "'.\n");
            }
        }
        return ok(m);
    }

    static NetstatView.Result interfaces(NetFiles net, Links links, NetstatOptions o) throws IOException {
        Map<String, Object> m = view("interfaces");
        List<Object> list = new ArrayList<>();
        for (ShownInterfaces.Shown shown : ShownInterfaces.of(net, links, o)) {
            Links.Link link = shown.link();
            long[] c = shown.counters().counters();
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", shown.name());
            i.put("mtu", link.mtu());
            i.put("flags", ShownInterfaces.flags(link.flags()));
            i.put("flagBits", link.flags());
            i.put("rx", counters(c, 0, "bytes", "packets", "errors", "dropped", "overruns", "frame", "compressed",
                    "multicast"));
            i.put("tx", counters(c, 8, "bytes", "packets", "errors", "dropped", "overruns", "collisions", "carrier",
                    "compressed"));
            list.add(i);
        }
        m.put("interfaces", list);
        return ok(m);
    }

    private static Map<String, Object> counters(long[] c, int from, String... names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], c[from + i]);
        }
        return m;
    }

    static NetstatView.Result groups(NetFiles net, NetstatOptions o) throws IOException {
        Map<String, Object> m = view("groups");
        List<Object> list = new ArrayList<>();
        for (GroupMembership g : NamespaceTables.memberships(net, o)) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("interface", g.device());
            group.put("refCount", g.users());
            group.put("group", AddressText.numeric(g.group()));
            group.put("family", g.group().length == 4 ? "inet" : "inet6");
            list.add(group);
        }
        m.put("groups", list);
        return ok(m);
    }

    private static String dotted(int address) {
        return AddressText.numeric(AddressText.ofInt(address));
    }

    private static Map<String, Object> view(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", name);
        return m;
    }

    private static NetstatView.Result ok(Map<String, Object> m) {
        return new NetstatView.Result(0, Json.write(m) + "\n", "");
    }
}
