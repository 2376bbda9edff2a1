package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.Transport;
import io.jattachstat.model.UnixSocket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code --summary} counts, once, for its text and its JSON alike: one JVM's sockets by
 * transport and state (as {@code ss -s} counts a host's), by transport and family, and the lookups
 * incident responders pipe netstat through (remote hosts by connections, TIME_WAIT and SYN by remote
 * host, listening ports by established connections), {@code top} rows each. Addresses are numeric
 * (IPv4-mapped ones as IPv4), so the counts are the same with and without -n.
 */
record SummaryCounts(int total, Map<String, Map<String, Integer>> states, Map<String, int[]> transports,
                     List<Lookup> lookups) {
    /** One lookup: a title, its column names, and its rows (count, key), most first. */
    record Lookup(String title, String countColumn, String keyColumn, List<Map.Entry<String, Integer>> rows) {
    }

    static SummaryCounts of(SocketTable table, int top) {
        Map<String, Map<String, Integer>> states = new LinkedHashMap<>();
        for (Transport transport : Transport.values()) {
            Map<String, Integer> byState = new LinkedHashMap<>();
            for (SocketState state : transport.states()) {
                byState.put(state.tag(), 0);
            }
            states.put(transport.tag(), byState);
        }
        Map<String, int[]> transports = new LinkedHashMap<>(); // transport -> {IPv4, IPv6}, in ss -s's order
        for (Transport transport : List.of(Transport.RAW, Transport.UDP, Transport.TCP)) {
            transports.put(transport.tag(), new int[2]);
        }
        Map<String, Integer> remotes = new HashMap<>();
        Map<String, Integer> timeWait = new HashMap<>();
        Map<String, Integer> syn = new HashMap<>();
        Map<String, Integer> listeners = new LinkedHashMap<>();
        List<InetSocket> established = new ArrayList<>();
        int total = 0;
        for (Protocol p : Protocol.values()) {
            if (!p.isInet()) {
                continue;
            }
            for (InetSocket s : table.inet(p)) {
                total++;
                String transport = Transport.of(p).tag();
                states.get(transport).merge(SocketState.of(s).tag(), 1, Integer::sum);
                transports.get(transport)[p.isIpv6() ? 1 : 0]++;
                if (!p.isTcp()) {
                    continue;
                }
                String host = host(s.remote());
                TcpState state = TcpState.of(s.state());
                switch (state) {
                    case LISTEN -> listeners.put(endpoint(s.local()), 0);
                    case TIME_WAIT -> timeWait.merge(host, 1, Integer::sum);
                    case SYN_SENT, SYN_RECV -> syn.merge(host, 1, Integer::sum);
                    case ESTABLISHED -> established.add(s);
                    default -> {
                    }
                }
                if (state != TcpState.LISTEN) {
                    remotes.merge(host, 1, Integer::sum);
                }
            }
        }
        for (UnixSocket u : table.unix()) {
            total++;
            states.get(Transport.UNIX.tag()).merge(SocketState.of(u).tag(), 1, Integer::sum);
        }
        for (InetSocket s : established) {
            for (Map.Entry<String, Integer> l : listeners.entrySet()) {
                if (servedBy(s, l.getKey())) {
                    l.setValue(l.getValue() + 1);
                    break;
                }
            }
        }
        List<Lookup> lookups = List.of(
                new Lookup("Remote hosts by connections", "Connections", "Remote host", top(remotes, top)),
                new Lookup("TIME_WAIT by remote host", "TIME_WAIT", "Remote host", top(timeWait, top)),
                new Lookup("SYN_SENT and SYN_RECV by remote host", "SYN", "Remote host", top(syn, top)),
                new Lookup("Listening ports by established connections", "Established", "Listening on",
                        top(listeners, top)));
        return new SummaryCounts(total, states, transports, lookups);
    }

    /** Whether an established connection came in through the listener at "address:port" ("[v6]:port"). */
    private static boolean servedBy(InetSocket s, String listener) {
        int colon = listener.lastIndexOf(':');
        String address = listener.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(listener.substring(colon + 1));
        return s.local().port() == port && (address.equals("0.0.0.0") || address.equals("::")
                || address.equals(host(s.local())));
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int top) {
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey));
        return rows.subList(0, Math.min(top, rows.size()));
    }

    private static String endpoint(InetEndpoint e) {
        return AddressText.hostPort(host(e), e.port());
    }

    /** Numeric, an IPv4-mapped address as IPv4. */
    private static String host(InetEndpoint e) {
        return e.numericHostAsNetstat();
    }
}
