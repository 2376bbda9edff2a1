package io.jattachstat.netstat;

import io.jattachstat.model.SocketTable;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    private final Path etc;
    private final Duration resolveTimeout;
    private final NetFiles net;

    /** {@code net}: the target's network namespace, for the views of it (-s, -r, -i, -g). */
    public NetstatView(Path etc, Duration resolveTimeout, NetFiles net) {
        this.etc = etc;
        this.resolveTimeout = resolveTimeout;
        this.net = net;
    }

    /** The agent's view: of its own JVM, through {@code procRoot}/self. */
    public static NetstatView ofSelf(Path procRoot) {
        return new NetstatView(Path.of("/etc"), SystemNameResolver.DEFAULT_DEADLINE, new NetFiles(procRoot, "self"));
    }

    /** Parses netstat options (no PID, no jattachstat options) and renders them. */
    public Result render(SocketTable table, List<String> netstatArgs) {
        try {
            return render(table, NetstatOptionParser.parse(netstatArgs), RowNotes.NONE);
        } catch (UsageException e) {
            String message = e.getMessage() == null ? "usage error" : e.getMessage();
            return new Result(e.status(), "", (e.prefixed() ? PROGRAM + ": " : "") + message + "\n");
        }
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
        NameResolver names = options.resolvesNames() ? new SystemNameResolver(etc, resolveTimeout) : NameResolver.NUMERIC;
        try {
            switch (options.mode()) {
                case STATISTICS -> {
                    return Statistics.render(net, options);
                }
                case ROUTE -> {
                    return Routes.render(net, options, names);
                }
                default -> {
                }
            }
        } catch (ProcAccessException e) {
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
        StringBuilder err = new StringBuilder();
        for (String line : messages.toString().split("\n")) {
            if (!line.isEmpty()) {
                err.append(PROGRAM).append(": ").append(line).append('\n');
            }
        }
        return new Result(status, out.toString(), err.toString());
    }

    /** Displays not produced yet: one sentence saying so, status 1. */
    static String unsupported(SocketTable table, NetstatOptions options) {
        return switch (options.mode()) {
            case INTERFACES -> "-i (interfaces) is not supported yet; run netstat -i in the target's network namespace";
            case MASQUERADE -> table.isFamilyMissing("ip_masquerade")
                    ? "no support for `ip_masquerade' on this system." : "-M (masquerading) is not supported";
            case HELP, VERSION -> "-h and -V are the CLI's own";
            default -> null;
        };
    }
}
