package io.jattachstat.netstat;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.UnixSocket;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a netstat command line asks for, after netstat's own implications are applied
 * ({@code -A inet} selects tcp, udp, udplite and raw; a protocol flag without a family selects both
 * inet and inet6). Immutable; built by {@link NetstatOptionParser}.
 */
public final class NetstatOptions {
    /** Which of netstat's mutually exclusive displays. */
    public enum Mode { SOCKETS, STATISTICS, ROUTE, INTERFACES, MASQUERADE, HELP, VERSION }

    /** Families netstat knows but Java never uses; they matter only for netstat's "no support" messages. */
    public enum OtherFamily {
        IPX("AF IPX", "ipx"), AX25("AF AX25", "ax25"), X25("AF X25", "x25"), NETROM("AF NETROM", "netrom"),
        ROSE("AF ROSE", "rose");

        final String banner;
        final String family;

        OtherFamily(String banner, String family) {
            this.banner = banner;
            this.family = family;
        }
    }

    final Mode mode;
    final boolean all;
    final boolean listening;
    final boolean numericHosts;
    final boolean numericPorts;
    final boolean numericUsers;
    final boolean wide;
    final boolean programs;
    final boolean timers;
    final boolean continuous;
    final boolean verbose;
    final boolean extend;
    /** How many -e: the routing table has three layouts. */
    final int extendLevel;
    /** -N ("resolve hardware names"): for the routing table it means numeric addresses. */
    final boolean symbolic;
    /** -F and -C: the routing table (FIB, the default) and the routing cache. */
    final boolean fib;
    final boolean cache;
    final boolean groups;
    final boolean tcp;
    final boolean sctp;
    final boolean udp;
    final boolean udplite;
    final boolean raw;
    final boolean unix;
    final boolean inet;
    final boolean inet6;
    final Set<OtherFamily> otherFamilies;
    /** netstat's flag_arg: whether any socket type was selected, explicitly or through -A. */
    final boolean anySocketType;
    /** --state, --port, --local, --remote: null when none was given. */
    final SocketFilter filter;
    /** --summary, with --top N rows per lookup. */
    final boolean summary;
    final int top;
    /** --json: the view as JSON (JSON Lines for sockets). */
    final boolean json;
    /** --tcp-info: each TCP row followed by its TCP_INFO, as {@code ss -i} prints it. */
    final boolean tcpInfo;
    /** --quote-controls: control characters in names escaped, for a terminal (the CLI's default there). */
    final boolean quoteControls;
    /** netstat's afname: the families named, comma-separated, as its messages print them. */
    final String familyNames;
    /** Whether -t, -u, -U, -w or -S narrowed the display (for -s: which sections print). */
    final boolean socketTypeChosen;
    /** The words these options were parsed from, as typed (abbreviations included). */
    private final List<String> words;

    NetstatOptions(NetstatOptionParser.Flags f, List<String> words) {
        this.words = List.copyOf(words);
        boolean t = f.tcp;
        boolean u = f.udp;
        boolean ul = f.udplite;
        boolean w = f.raw;
        // Debian's netstat 2.10 leaves sctp out of what -A inet implies: no sctp message for -A inet -v.
        if ((f.inet || f.inet6 || f.statistics > 0) && !(t || f.sctp || u || ul || w)) {
            t = u = ul = w = true;
        }
        boolean in4 = f.inet;
        boolean in6 = f.inet6;
        if ((t || f.sctp || u || ul || w || f.groups) && !(in4 || in6)) {
            in4 = in6 = true;
        }
        this.mode = f.mode();
        this.all = f.all;
        this.listening = f.listening;
        this.numericHosts = f.numericHosts;
        this.numericPorts = f.numericPorts;
        this.numericUsers = f.numericUsers;
        this.wide = f.wide;
        this.programs = f.programs;
        this.timers = f.timers;
        this.continuous = f.continuous;
        this.verbose = f.verbose;
        this.extend = f.extend > 0;
        this.extendLevel = f.extend;
        this.symbolic = f.symbolic;
        this.fib = f.fib || !f.cache;
        this.cache = f.cache;
        this.groups = f.groups;
        this.tcp = t;
        this.sctp = f.sctp;
        this.udp = u;
        this.udplite = ul;
        this.raw = w;
        this.unix = f.unix;
        this.inet = in4;
        this.inet6 = in6;
        this.otherFamilies = f.otherFamilies.isEmpty() ? EnumSet.noneOf(OtherFamily.class)
                : EnumSet.copyOf(f.otherFamilies);
        this.anySocketType = t || f.sctp || u || ul || w || f.unix || f.groups || !f.otherFamilies.isEmpty();
        this.familyNames = String.join(",", f.familyNames);
        this.filter = f.filter;
        this.summary = f.summary;
        this.top = f.top;
        this.json = f.json;
        this.tcpInfo = f.tcpInfo;
        this.quoteControls = f.quoteControls;
        this.socketTypeChosen = f.tcp || f.sctp || f.udp || f.udplite || f.raw;
    }

    /**
     * The words these options were parsed from, as typed: parsing them again gives the same options
     * (how a request carries them to an agent).
     */
    public List<String> words() {
        return words;
    }

    /** Servers are listed with -l, the rest without, everything with -a; netstat's test differs per protocol. */
    public boolean shows(InetSocket s) {
        if (all) {
            return true;
        }
        boolean server = s.protocol().isTcp() ? s.remote().port() == 0 : s.remote().isUnspecified();
        return server == listening;
    }

    /** A listening unix socket is listed with -l, the rest without, everything with -a. */
    public boolean shows(UnixSocket s) {
        return all || s.isListening() == listening;
    }

    public Mode mode() {
        return mode;
    }

    /** -c: again every second until interrupted; netstat ignores it with -s, which prints once. */
    public boolean continuous() {
        return continuous && mode != Mode.STATISTICS;
    }

    /** -g: multicast group memberships, printed between the Internet and UNIX sections. */
    public boolean groupsRequested() {
        return groups;
    }

    public SocketFilter filter() {
        return filter;
    }

    public boolean summary() {
        return summary;
    }

    public int top() {
        return top;
    }

    public boolean json() {
        return json;
    }

    public boolean tcpInfo() {
        return tcpInfo;
    }

    public boolean quoteControls() {
        return quoteControls;
    }

    /** The families named, as netstat's messages print them ("inet", "unix,inet"); "" for none. */
    public String familyNames() {
        return familyNames;
    }

    /**
     * With -s, whether a known section of the counters prints: -w selects Ip and Icmp (and their v6
     * kin), -t Tcp and TcpExt, -u Udp and Udp6, -S Sctp; with none of them, all do.
     */
    public boolean statisticsSection(String section) {
        if (!socketTypeChosen) {
            return true;
        }
        return switch (section) {
            case "Ip", "Icmp", "Ip6", "Icmp6" -> raw;
            case "Tcp", "TcpExt" -> tcp;
            case "Udp", "Udp6" -> udp;
            case "Sctp" -> sctp;
            default -> true;
        };
    }

    /** Whether the views need names resolved at all (anything not numeric). */
    public boolean resolvesNames() {
        return !(numericHosts && numericPorts && (numericUsers || !extend));
    }

    /** The protocol tables this command line prints rows from. */
    public Set<Protocol> tables() {
        Set<Protocol> tables = EnumSet.noneOf(Protocol.class);
        if (mode != Mode.SOCKETS) {
            return tables;
        }
        addInet(tables, !anySocketType || tcp, Protocol.TCP, Protocol.TCP6);
        addInet(tables, !anySocketType || udp, Protocol.UDP, Protocol.UDP6);
        addInet(tables, !anySocketType || udplite, Protocol.UDPLITE, Protocol.UDPLITE6);
        addInet(tables, !anySocketType || raw, Protocol.RAW, Protocol.RAW6);
        if (!anySocketType || unix) {
            tables.add(Protocol.UNIX);
        }
        return tables;
    }

    private void addInet(Set<Protocol> tables, boolean selected, Protocol v4, Protocol v6) {
        if (!selected) {
            return;
        }
        if (!anySocketType || inet) {
            tables.add(v4);
        }
        if (!anySocketType || inet6) {
            tables.add(v6);
        }
    }
}
