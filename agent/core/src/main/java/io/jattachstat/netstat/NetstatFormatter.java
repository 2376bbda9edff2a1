package io.jattachstat.netstat;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketState;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one netstat formatter: renders a {@link SocketTable} as GNU netstat (net-tools 2.10) prints the
 * same sockets, byte for byte, for the socket displays ({@code -t -u -w -x -l -a -n -e -o -p -W},
 * {@code -A}, ...). The CLI and the agent's MBean both call it, so their outputs cannot drift apart.
 *
 * <p>Sections and their failure rules follow netstat's main loop: the Internet title prints when no
 * socket type or an inet one was chosen, even with no rows; an explicitly requested family whose
 * {@code /proc} file is absent prints "no support" on the error stream and ends the listing with
 * status 1.
 */
public final class NetstatFormatter {
    private static final String INET_HEADER =
            "Proto Recv-Q Send-Q Local Address           Foreign Address         State      ";

    private static final NetstatFormatter NUMERIC = new NetstatFormatter(NameResolver.NUMERIC);
    private static final NetstatOptions NUMERIC_ALL = numericAll();

    private final NameResolver names;
    private final NetFiles net;

    private static NetstatOptions numericAll() {
        try {
            return NetstatOptionParser.parse("-an");
        } catch (UsageException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public NetstatFormatter(NameResolver names) {
        this(names, null);
    }

    /** {@code net}: the target's network namespace, for -g; null where there is none (fixtures of sockets only). */
    public NetstatFormatter(NameResolver names, NetFiles net) {
        this.names = names;
        this.net = net;
    }

    /** Renders the socket display into {@code out}; messages go to {@code err}. Returns netstat's exit status. */
    public int format(SocketTable table, NetstatOptions o, Appendable out, Appendable err) {
        return format(table, o, RowNotes.NONE, out, err);
    }

    /** As netstat prints it, with the {@code notes} column appended to every row (null: none). */
    public int format(SocketTable table, NetstatOptions o, RowNotes notes, Appendable out, Appendable err) {
        try {
            return render(table, o, notes, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Convenience for callers that want the text (the MBean operation). */
    public String format(SocketTable table, NetstatOptions o) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        format(table, o, out, err);
        return err.length() == 0 ? out.toString() : err + out.toString();
    }

    private int render(SocketTable table, NetstatOptions o, RowNotes notes, Appendable out, Appendable err)
            throws IOException {
        boolean any = o.anySocketType;
        EndpointText endpoints = new EndpointText(o, names);
        if (!o.numericHosts) {
            prefetchHosts(table, o);
        }
        if (!any || o.tcp || o.sctp || o.udp || o.udplite || o.raw) {
            out.append("Active Internet connections ").append(title(o)).append('\n').append(INET_HEADER);
            if (o.extend) {
                out.append(" User       Inode     ");
            }
            if (o.programs) {
                out.append(' ').append(pad("PID/Program name", 20));
            }
            if (o.timers) {
                out.append(" Timer");
            }
            if (notes != null) {
                out.append(' ').append(notes.column());
            }
            out.append('\n');
        }
        String[][] inetSections = {{"tcp", "AF INET (tcp)"}, {"sctp", "AF INET (sctp)"}, {"udp", "AF INET (udp)"},
            {"udplite", "AF INET (udplite)"}, {"raw", "AF INET (raw)"}};
        for (String[] section : inetSections) {
            if (any && !selected(o, section[0])) {
                continue;
            }
            if (!any || o.inet) {
                if (missing(table, section[0], false)) {
                    // sctp is two tables (endpoints, then associations): netstat reports it twice.
                    int reports = section[0].equals("sctp") ? 2 : 1;
                    for (int i = 0; i < reports; i++) {
                        if (noSupport(o, section[1], err)) {
                            return 1;
                        }
                    }
                } else {
                    inetRows(table, protocol(section[0], false), o, endpoints, notes, out);
                }
            }
            if ((!any || o.inet6) && !section[0].equals("sctp")) {
                inetRows(table, protocol(section[0], true), o, endpoints, notes, out);
            }
        }
        if (o.groups) {
            if (net == null) {
                throw new UnsupportedViewException("-g (multicast group memberships) without the target's /proc/<pid>/net");
            }
            Groups.append(net, o, names, out);
        }
        if (!any || o.unix) {
            out.append("Active UNIX domain sockets ").append(title(o)).append('\n').append(UnixRowText.HEADER);
            if (o.programs) {
                out.append(' ').append(pad("PID/Program name", 20));
            }
            out.append(" Path");
            if (notes != null) {
                out.append(' ').append(notes.column());
            }
            out.append('\n');
            if (table.isMissing(Protocol.UNIX)) {
                if (noSupport(o, "AF UNIX", err)) {
                    return 1;
                }
            } else {
                for (UnixSocket s : table.unix()) {
                    unixRow(table, s, o, notes, out);
                }
            }
        }
        for (NetstatOptions.OtherFamily family : NetstatOptions.OtherFamily.values()) {
            if ((!any || o.otherFamilies.contains(family)) && table.isFamilyMissing(family.family)
                    && noSupport(o, family.banner, err)) {
                return 1;
            }
        }
        return 0;
    }

    /** netstat's ESYSNOT path: returns true if the listing must stop with status 1. */
    private static boolean noSupport(NetstatOptions o, String banner, Appendable err) throws IOException {
        if (o.anySocketType || o.verbose) {
            err.append("no support for `").append(banner).append("' on this system.\n");
        }
        return o.anySocketType;
    }

    private static boolean selected(NetstatOptions o, String section) {
        return switch (section) {
            case "tcp" -> o.tcp;
            case "sctp" -> o.sctp;
            case "udp" -> o.udp;
            case "udplite" -> o.udplite;
            default -> o.raw;
        };
    }

    private static boolean missing(SocketTable table, String section, boolean v6) {
        return section.equals("sctp") ? table.isFamilyMissing("sctp") : table.isMissing(protocol(section, v6));
    }

    private static Protocol protocol(String section, boolean v6) {
        return switch (section) {
            case "tcp" -> v6 ? Protocol.TCP6 : Protocol.TCP;
            case "udp" -> v6 ? Protocol.UDP6 : Protocol.UDP;
            case "udplite" -> v6 ? Protocol.UDPLITE6 : Protocol.UDPLITE;
            case "raw" -> v6 ? Protocol.RAW6 : Protocol.RAW;
            default -> null; // sctp: Java opens none, and its rows are never read
        };
    }

    private static String title(NetstatOptions o) {
        if (o.all) {
            return "(servers and established)";
        }
        return o.listening ? "(only servers)" : "(w/o servers)";
    }

    private void inetRows(SocketTable table, Protocol protocol, NetstatOptions o, EndpointText endpoints,
                          RowNotes notes, Appendable out) throws IOException {
        if (protocol == null) {
            return;
        }
        for (InetSocket s : table.inet(protocol)) {
            if (o.shows(s)) {
                out.append(inetRow(table, s, o, endpoints));
                if (notes != null) {
                    out.append(' ').append(notes.note(s));
                }
                out.append('\n');
                String info = o.tcpInfo ? TcpInfoText.under(table, s, o.numericHosts) : null;
                if (info != null) {
                    out.append(info).append('\n');
                }
                if (notes != null && o.verbose) {
                    details(notes.details(s), out);
                }
            }
        }
    }

    private static void details(List<String> lines, Appendable out) throws IOException {
        for (String line : lines) {
            out.append("        ").append(line).append('\n');
        }
    }

    /**
     * The row {@code netstat -an} prints for one socket, alone: what a console shows beside the
     * socket's columns, made as the listing makes it, never cut out of a rendered listing.
     */
    public static String numericRow(InetSocket s) {
        return NUMERIC.inetRow(null, s, NUMERIC_ALL, new EndpointText(NUMERIC_ALL, NameResolver.NUMERIC));
    }

    /** The row {@code netstat -an} prints for one unix socket, alone. */
    public static String numericRow(UnixSocket s) {
        return UnixRowText.of(s) + ' ' + UnixRowText.firstWord(s.path());
    }

    private String inetRow(SocketTable table, InetSocket s, NetstatOptions o, EndpointText endpoints) {
        Protocol p = s.protocol();
        String local = endpoints.render(s.local(), p);
        String remote = endpoints.render(s.remote(), p);
        StringBuilder row = new StringBuilder(160);
        if (p.isUdp()) {
            row.append(pad(p.label(), 5)).append(' ');
        } else {
            row.append(pad(p.label(), 4)).append("  ");
        }
        row.append(leftPad(Long.toString(s.receiveQueue()), 6)).append(' ')
                .append(leftPad(Long.toString(s.sendQueue()), 6)).append(' ');
        int width = p.isTcp() ? 23 : 0; // tcp widens to the text; udp/raw use %-23s, a minimum only
        row.append(pad(local, Math.max(23, width))).append(' ').append(pad(remote, Math.max(23, width))).append(' ');
        row.append(pad(state(s), 11));
        if (o.extend) {
            String user = o.numericUsers ? null : names.userName(s.uid());
            row.append(' ').append(pad(user != null ? user : Integer.toString(s.uid()), 10)).append(' ')
                    .append(pad(Long.toString(s.inode()), 10));
        }
        if (o.programs) {
            row.append(' ').append(pad(programLabel(table, s.inode()), 20));
        }
        if (o.timers) {
            row.append(' ').append(TimerText.of(s));
        }
        return row.toString();
    }

    /** The State column as netstat prints it ("" for an unconnected udp socket). */
    public static String stateName(InetSocket s) {
        return state(s);
    }

    /** netstat prints a raw socket's state as the kernel's number, and 0 as its table's empty first entry. */
    private static String state(InetSocket s) {
        if (s.protocol().isRaw()) {
            return Integer.toString(s.state());
        }
        return s.protocol().isTcp() && s.state() == 0 ? "" : SocketState.of(s).label();
    }

    private static void unixRow(SocketTable table, UnixSocket s, NetstatOptions o, RowNotes notes, Appendable out)
            throws IOException {
        if (!o.shows(s)) {
            return;
        }
        StringBuilder row = new StringBuilder(UnixRowText.of(s));
        if (o.programs) {
            row.append(' ').append(pad(programLabel(table, s.inode()), 20));
        }
        row.append(' ').append(UnixRowText.firstWord(s.path()));
        if (notes != null) {
            row.append(' ').append(notes.note(s));
        }
        out.append(row).append('\n');
        if (notes != null && o.verbose) {
            details(notes.details(s), out);
        }
    }

    /** "PID/argv0" cut to 19 characters, as netstat's 20-byte buffer does; "-" for nobody's sockets. */
    private static String programLabel(SocketTable table, long inode) {
        if (inode == 0 || table.programName() == null) {
            return "-";
        }
        String label = table.pid() + "/" + table.programName();
        return label.length() > 19 ? label.substring(0, 19) : label;
    }

    private void prefetchHosts(SocketTable table, NetstatOptions o) {
        List<byte[]> addresses = new ArrayList<>();
        for (Protocol p : o.tables()) {
            if (!p.isInet()) {
                continue;
            }
            for (InetSocket s : table.inet(p)) {
                if (o.shows(s)) {
                    addresses.add(s.local().address());
                    addresses.add(s.remote().address());
                }
            }
        }
        if (!addresses.isEmpty()) {
            names.prefetchHosts(addresses);
        }
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width).append(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    private static String leftPad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width);
        while (b.length() < width - s.length()) {
            b.append(' ');
        }
        return b.append(s).toString();
    }
}
