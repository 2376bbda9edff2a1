package io.jattachstat.netstat;

import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.SocketTable;
import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One netstat command line applied to one snapshot: what stdout and stderr get, and the exit status.
 * The CLI (reading /proc itself) and the agent (its MBean operation and its control socket) both
 * render through here, so for the same options and sockets their outputs are the same.
 */
public final class NetstatView {
    /** What a run printed: stderr lines already carry the program's name. */
    public record Result(int status, String out, String err) {
    }

    public static final String PROGRAM = "jattachstat";
    /** -i's first line, which -c prints only once. */
    public static final String INTERFACES_TITLE = Interfaces.TITLE;

    private final Path etc;
    private final Duration resolveTimeout;
    private final NetFiles net;
    private final Links links;

    /**
     * {@code net} and {@code links}: the target's network namespace, for the views of it (-s, -r,
     * -g from its files; -i from both).
     */
    public NetstatView(Path etc, Duration resolveTimeout, NetFiles net, Links links) {
        this.etc = etc;
        this.resolveTimeout = resolveTimeout;
        this.net = net;
        this.links = links;
    }

    /** Parses netstat options (no PID, no jattachstat options) and renders them. */
    public Result render(SocketTable table, List<String> netstatArgs) {
        try {
            return render(table, NetstatOptionParser.parse(netstatArgs), RowNotes.NONE);
        } catch (UsageException e) {
            return usageError(e);
        }
    }

    /**
     * {@code --blocked}: the threads blocked on sockets (as text or, with --json, JSON).
     *
     * @param origins each socket's origin by inode (through the agent), or null for none
     */
    public static Result blocked(SocketTable table, BlockedThreads blocked, Map<Long, String> origins,
                                 NetstatOptions options) {
        if (options.json()) { // JSON escapes by itself
            return new Result(0, BlockedView.json(table, blocked, origins), "");
        }
        BlockedThreads shown = blocked;
        if (options.quoteControls()) { // thread names are the process's bytes: a line break could forge a row
            shown = new BlockedThreads(
                    blocked.onSockets().stream().map(w -> w.named(TerminalText.escape(w.thread()))).toList(),
                    blocked.inSelectors().stream().map(w -> w.named(TerminalText.escape(w.thread()))).toList());
        }
        return new Result(0, BlockedView.text(table, shown, origins), "");
    }

    /** What a view says to options it does not take: netstat's message (one line) and status. */
    public static Result usageError(UsageException e) {
        String message = e.getMessage() == null ? "usage error" : e.getMessage();
        return new Result(e.status(), "", (e.prefixed() ? PROGRAM + ": " : "") + message + "\n");
    }

    public Result render(SocketTable table, NetstatOptions options) {
        return render(table, options, RowNotes.NONE);
    }

    /** The view with jattachstat's column appended to netstat's rows ({@code notes} null: none). */
    public Result render(SocketTable table, NetstatOptions options, RowNotes notes) {
        String unsupported = unsupported(table, options);
        if (unsupported != null) {
            return new Result(1, "", PROGRAM + ": " + unsupported + "\n");
        }
        if (options.filter() != null) {
            table = options.filter().apply(table);
        }
        if (options.quoteControls() && !options.json()) { // JSON escapes by itself
            // The fields that may hold a line break (argv[0], thread names): the CLI's terminal output
            // escapes every other control character, but cannot tell a row's end from one inside a field.
            table = table.withProgramName(TerminalText::escape);
            notes = TerminalText.escaped(notes);
        }
        if (options.summary()) {
            return new Result(0, options.json() ? JsonViews.summary(table, options.top())
                    : Summary.render(table, options.top()), "");
        }
        if (options.json()) {
            return json(table, options, notes);
        }
        NameResolver names = options.resolvesNames() ? new SystemNameResolver(etc, resolveTimeout) : NameResolver.NUMERIC;
        try {
            switch (options.mode()) {
                case STATISTICS -> {
                    return Statistics.render(net, options);
                }
                case ROUTE -> {
                    return Routes.render(net, options, names);
                }
                case INTERFACES -> {
                    return Interfaces.render(net, links, options);
                }
                default -> {
                }
            }
        } catch (IOException e) {
            return new Result(1, "", PROGRAM + ": " + e.getMessage() + "\n");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder messages = new StringBuilder();
        int status;
        try {
            status = new NetstatFormatter(names, net).format(table, options, notes, out, messages);
        } catch (java.io.UncheckedIOException e) {
            return new Result(1, "", PROGRAM + ": " + e.getCause().getMessage() + "\n");
        }
        StringBuilder err = new StringBuilder(tcpInfoMissing(table, options));
        for (String line : messages.toString().split("\n")) {
            if (!line.isEmpty()) {
                err.append(PROGRAM).append(": ").append(line).append('\n');
            }
        }
        return new Result(status, out.toString(), err.toString());
    }

    /** --tcp-info when it could not be read: one line saying why (the rows print without it). */
    private static String tcpInfoMissing(SocketTable table, NetstatOptions options) {
        return options.tcpInfo() && table.tcpInfoUnavailable() != null
                ? "jattachstat: no TCP_INFO: " + table.tcpInfoUnavailable() + "\n" : "";
    }

    /** --json: -g prints groups only (the socket rows, when asked for too, are JSON Lines of their own). */
    private Result json(SocketTable table, NetstatOptions options, RowNotes notes) {
        try {
            return switch (options.mode()) {
                case STATISTICS -> JsonViews.statistics(net, options);
                case ROUTE -> JsonViews.routes(net, options);
                case INTERFACES -> JsonViews.interfaces(net, links, options);
                default -> options.groupsRequested() ? JsonViews.groups(net, options)
                        : new Result(0, JsonViews.sockets(table, options, notes), tcpInfoMissing(table, options));
            };
        } catch (IOException e) {
            return new Result(1, "", PROGRAM + ": " + e.getMessage() + "\n");
        }
    }

    /** Displays not produced yet: one sentence saying so, status 1. */
    static String unsupported(SocketTable table, NetstatOptions options) {
        return switch (options.mode()) {
            case MASQUERADE -> table.isFamilyMissing("ip_masquerade")
                    ? "no support for `ip_masquerade' on this system." : "-M (masquerading) is not supported";
            case HELP, VERSION -> "-h and -V are the CLI's own";
            default -> null;
        };
    }
}
