package io.jattachstat.netstat;

import java.util.stream.Stream;
import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.model.UnixState;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The per-socket filters jattachstat adds to netstat's options, in the spirit of ss:
 * {@code --state} (netstat's or ss's names, any case, comma-separated), {@code --port} (local or
 * remote), {@code --local ADDR[:PORT]} and {@code --remote ADDR[:PORT]} (numeric addresses; IPv6 in
 * brackets when a port follows; {@code *} for any address). Rows that pass keep netstat's format;
 * unix sockets have no address or port, so only --state applies to them, and the others drop them.
 */
public final class SocketFilter {
    /** Every state name the filter knows, as the metrics tag them; the unix ones not already among TCP's. */
    private static final List<String> STATES = Stream.concat(TcpState.known().stream(),
                    Stream.of(UnixState.UNCONNECTED, UnixState.CONNECTING, UnixState.DISCONNECTING))
            .map(SocketState::tag).toList();
    /** The state names --state knows (a shell completes them). */
    public static List<String> states() {
        return STATES;
    }

    /** ss's spellings, and the unix names, mapped to the names above. */
    private static final Map<String, String> ALIASES = Map.of("estab", "established", "fin-wait-1", "fin-wait1",
            "fin-wait-2", "fin-wait2", "unconn", "unconnected", "listening", "listen", "connected", "established",
            "syn-received", "syn-recv");

    private final Set<String> states;
    private final int port;
    private final Endpoint local;
    private final Endpoint remote;

    /** An address (null: any) and port (0: any). */
    private record Endpoint(byte[] address, int port) {
        boolean matches(InetEndpoint e) {
            if (port != 0 && e.port() != port) {
                return false;
            }
            return address == null || Arrays.equals(address, comparable(e.address()));
        }
    }

    private SocketFilter(Set<String> states, int port, Endpoint local, Endpoint remote) {
        this.states = states;
        this.port = port;
        this.local = local;
        this.remote = remote;
    }

    /** The filter of these option values (each null when not given), or a usage error naming the bad one. */
    static SocketFilter of(String states, String port, String local, String remote) throws UsageException {
        return new SocketFilter(states == null ? null : states(states), port == null ? 0 : port("--port", port),
                local == null ? null : endpoint("--local", local), remote == null ? null : endpoint("--remote", remote));
    }

    private static Set<String> states(String text) throws UsageException {
        Set<String> names = new LinkedHashSet<>();
        for (String word : text.split(",", -1)) {
            String name = word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            name = ALIASES.getOrDefault(name, name);
            if (!STATES.contains(name)) {
                throw new UsageException("unknown state '" + word + "' for --state (known: ESTABLISHED, SYN_SENT,"
                        + " SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING,"
                        + " UNCONNECTED, CONNECTING, DISCONNECTING, or ss's names)", 3, false);
            }
            names.add(name);
        }
        return names;
    }

    private static int port(String option, String text) throws UsageException {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new UsageException("bad port '" + text + "' for " + option + " (1 to 65535)", 3, false);
        }
        return Integer.parseInt(text);
    }

    /** ADDR, ADDR:PORT, [V6], [V6]:PORT, *:PORT or :PORT; addresses numeric only (no DNS). */
    private static Endpoint endpoint(String option, String text) throws UsageException {
        String host = text;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw badAddress(option, text);
            }
            host = text.substring(1, close);
            portText = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            portText = text.substring(text.indexOf(':') + 1);
        }
        int p = portText == null ? 0 : port(option, portText);
        if (host.isEmpty() || host.equals("*")) {
            if (p == 0) {
                throw badAddress(option, text);
            }
            return new Endpoint(null, p);
        }
        boolean numeric = host.indexOf(':') >= 0 ? host.matches("[0-9A-Fa-f:.]+") : host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!numeric) {
            throw badAddress(option, text);
        }
        try {
            return new Endpoint(comparable(InetAddress.getByName(host).getAddress()), p);
        } catch (UnknownHostException e) {
            throw badAddress(option, text);
        }
    }

    private static UsageException badAddress(String option, String text) {
        return new UsageException("bad address '" + text + "' for " + option
                + " (a numeric address, ADDR:PORT, [IPv6]:PORT or *:PORT)", 3, false);
    }

    /** IPv4-mapped IPv6 addresses (Java's dual-stack sockets) compare as their IPv4 address. */
    private static byte[] comparable(byte[] address) {
        return AddressText.isV4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    /** The rows of {@code table} that pass. */
    public SocketTable apply(SocketTable table) {
        return table.filtered(this::passes, this::passes);
    }

    boolean passes(InetSocket s) {
        if (states != null && !states.contains(canonical(SocketState.of(s).tag()))) {
            return false;
        }
        if (port != 0 && s.local().port() != port && s.remote().port() != port) {
            return false;
        }
        return (local == null || local.matches(s.local())) && (remote == null || remote.matches(s.remote()));
    }

    boolean passes(UnixSocket u) {
        if (port != 0 || local != null || remote != null) {
            return false;
        }
        return states == null || states.contains(canonical(SocketState.of(u).tag()));
    }

    /** The metrics' state names as this filter names them: a unix listener "listen", a connected one "established". */
    private static String canonical(String name) {
        return ALIASES.getOrDefault(name, name);
    }
}
