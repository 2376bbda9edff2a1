package io.jattachstat.cli;

import io.jattachstat.Version;
import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NameResolver;
import io.jattachstat.netstat.NetstatFormatter;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.SystemNameResolver;
import io.jattachstat.netstat.UsageException;
import io.jattachstat.proc.Digits;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.SocketTableReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The command line: {@code jattachstat [--no-attach] <pid> [netstat options]}. Every failure is one
 * line on stderr and a non-zero status; stdout carries only the view.
 */
final class Cli implements NetstatOptionParser.ExtraHandler {
    static final String PROGRAM = "jattachstat";

    private static final List<NetstatOptionParser.Extra> EXTRAS = List.of(
            new NetstatOptionParser.Extra("no-attach", false),
            new NetstatOptionParser.Extra("demo", false),
            new NetstatOptionParser.Extra("resolve-timeout", true));

    private final PrintStream out;
    private final PrintStream err;
    private final Path procRoot;
    private boolean demo;
    private Duration resolveTimeout = SystemNameResolver.DEFAULT_DEADLINE;

    Cli(PrintStream out, PrintStream err) {
        this(out, err, Path.of("/proc"));
    }

    Cli(PrintStream out, PrintStream err, Path procRoot) {
        this.out = out;
        this.err = err;
        this.procRoot = procRoot;
    }

    int run(List<String> args) {
        NetstatOptionParser.Parsed parsed;
        try {
            parsed = NetstatOptionParser.parse(args, EXTRAS, this);
        } catch (UsageException e) {
            return usageError(e);
        }
        NetstatOptions options = parsed.options();
        switch (options.mode()) {
            case HELP -> {
                out.print(usage());
                return 0;
            }
            case VERSION -> {
                out.println(PROGRAM + " " + Version.get() + " (netstat views as GNU net-tools 2.10 prints them)");
                return 0;
            }
            default -> {
            }
        }
        if (demo) {
            List<String> netstatArgs = new java.util.ArrayList<>(args);
            netstatArgs.remove("--demo");
            return new Demo(out, err, this).run(netstatArgs);
        }
        if (parsed.operands().isEmpty()) {
            if (args.isEmpty()) {
                return listJvms();
            }
            err.println(PROGRAM + ": which process? Give a PID (run " + PROGRAM + " alone to list JVMs).");
            return 3;
        }
        // netstat ignores operands it has no use for; the first one is our PID.
        String pidText = parsed.operands().get(0);
        if (!Digits.isDigits(pidText, 10) || pidText.charAt(0) == '0' || Long.parseLong(pidText) > Integer.MAX_VALUE) {
            err.println(PROGRAM + ": not a process id: '" + pidText + "'");
            return 1;
        }
        return show(Integer.parseInt(pidText), options);
    }

    /** Prints the chosen view of one process; repeats it every second with -c, as netstat does. */
    int show(int pid, NetstatOptions options) {
        String unsupported = unsupportedView(options, pid);
        if (unsupported != null) {
            err.println(PROGRAM + ": " + unsupported);
            return 1;
        }
        NameResolver names = options.resolvesNames()
                ? new SystemNameResolver(Path.of("/etc"), resolveTimeout) : NameResolver.NUMERIC;
        NetstatFormatter formatter = new NetstatFormatter(names);
        SocketTableReader reader = new SocketTableReader(procRoot);
        while (true) {
            SocketTable table;
            try {
                table = reader.read(Integer.toString(pid), options.tables());
            } catch (ProcAccessException e) {
                err.println(PROGRAM + ": " + describe(pid, e));
                return 1;
            }
            StringBuilder messages = new StringBuilder();
            int status = formatter.format(table, options, out, messages);
            out.flush();
            for (String line : messages.toString().split("\n")) {
                if (!line.isEmpty()) {
                    err.println(PROGRAM + ": " + line);
                }
            }
            if (!options.continuous() || status != 0) {
                return status;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private String unsupportedView(NetstatOptions options, int pid) {
        return switch (options.mode()) {
            case STATISTICS -> "-s (statistics) is not supported yet; run netstat -s in the target's network namespace";
            case ROUTE -> "-r (routing table) is not supported yet; run netstat -r in the target's network namespace";
            case INTERFACES -> "-i (interfaces) is not supported yet; run netstat -i in the target's network namespace";
            case MASQUERADE -> Files.exists(procRoot.resolve(pid + "/net/ip_masquerade"))
                    ? "-M (masquerading) is not supported" : "no support for `ip_masquerade' on this system.";
            default -> options.groupsRequested()
                    ? "-g (multicast groups) is not supported yet; run netstat -g in the target's network namespace"
                    : null;
        };
    }

    private String describe(int pid, ProcAccessException e) {
        return switch (e.reason()) {
            case NO_SUCH_PROCESS -> "no such process: " + pid;
            case PERMISSION_DENIED -> "process " + pid + " belongs to " + owner(pid)
                    + "; run as that user or as root";
            case IO_ERROR -> e.getMessage();
        };
    }

    private String owner(int pid) {
        try {
            Object uid = Files.getAttribute(procRoot.resolve(Integer.toString(pid)), "unix:uid");
            String name = Files.getOwner(procRoot.resolve(Integer.toString(pid))).getName();
            return "another user (" + name + ", uid " + uid + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "another user";
        }
    }

    private int listJvms() {
        for (JvmLister.Jvm jvm : JvmLister.list(procRoot)) {
            out.println(jvm.pid() + " " + jvm.main());
        }
        err.println("usage: " + PROGRAM + " [--no-attach] <pid> [netstat options]   (" + PROGRAM + " --help for more)");
        return 0;
    }

    /** The options jattachstat adds to netstat's. */
    @Override
    public void option(String name, String argument) throws UsageException {
        switch (name) {
            case "no-attach" -> {
                // The only mode so far: /proc/<pid> is read directly.
            }
            case "demo" -> demo = true;
            case "resolve-timeout" -> {
                if (!Digits.isDigits(argument, 6)) {
                    throw new UsageException("--resolve-timeout takes milliseconds, not '" + argument + "'", 3, false);
                }
                resolveTimeout = Duration.ofMillis(Long.parseLong(argument));
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private int usageError(UsageException e) {
        if (e.getMessage() != null) {
            err.println(e.prefixed() ? PROGRAM + ": " + e.getMessage() : e.getMessage());
        }
        if (e.showUsage()) {
            err.print(usage());
        }
        return e.status();
    }

    static String usage() {
        try (InputStream in = Cli.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "usage: " + PROGRAM + " [--no-attach] <pid> [netstat options]\n";
        }
    }
}
