package io.jattachstat.cli;

import io.jattachstat.Errors;
import io.jattachstat.Version;
import io.jattachstat.control.Request;
import io.jattachstat.control.Request.View;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.ThreadWaitTracker;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.netstat.SystemNameResolver;
import io.jattachstat.netstat.TerminalText;
import io.jattachstat.netstat.UsageException;
import io.jattachstat.proc.Digits;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.SocketTableReader;
import io.jattachstat.proc.ThreadWaitReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * The command line: {@code jattachstat [--no-attach] <pid> [netstat options]}. Every failure is one
 * line on stderr and a non-zero status; stdout carries only the view.
 */
final class Cli implements NetstatOptionParser.ExtraHandler {
    static final String PROGRAM = "jattachstat";
    private static final String QUOTE_CONTROLS = "quote-controls";

    private static final List<NetstatOptionParser.Extra> EXTRAS = List.of(
            new NetstatOptionParser.Extra("no-attach", false),
            new NetstatOptionParser.Extra("agent", false),
            new NetstatOptionParser.Extra("origins", false),
            new NetstatOptionParser.Extra("closed", false),
            new NetstatOptionParser.Extra("leaks", false),
            new NetstatOptionParser.Extra("alerts", false),
            new NetstatOptionParser.Extra("blocked", false),
            new NetstatOptionParser.Extra("demo", false),
            new NetstatOptionParser.Extra("completion", true),
            new NetstatOptionParser.Extra("resolve-timeout", true));

    private final PrintStream out;
    private final PrintStream err;
    private final ViewPrinter printer;
    private final Path procRoot;
    private boolean demo;
    private boolean completion;
    private boolean noAttach;
    private View view = View.NETSTAT;
    private boolean closedRows;
    private Duration resolveTimeout = SystemNameResolver.DEFAULT_DEADLINE;

    /** True if stdout is a terminal: names in views then have their control characters escaped. */
    private final boolean terminal;

    Cli(PrintStream out, PrintStream err) {
        this(out, err, Path.of("/proc"), false);
    }

    Cli(PrintStream out, PrintStream err, Path procRoot, boolean terminal) {
        this.out = out;
        this.err = err;
        this.printer = new ViewPrinter(out, err);
        this.procRoot = procRoot;
        this.terminal = terminal;
    }

    int run(List<String> args) {
        NetstatOptionParser.Parsed asTyped;
        NetstatOptionParser.Parsed parsed;
        try {
            asTyped = NetstatOptionParser.parse(args, EXTRAS, this);
            parsed = asTyped;
            if (terminal && !parsed.options().json() && !parsed.options().quoteControls()) {
                List<String> quoted = new java.util.ArrayList<>(List.of("--" + QUOTE_CONTROLS));
                quoted.addAll(args);
                parsed = NetstatOptionParser.parse(quoted, EXTRAS, this);
            }
        } catch (UsageException e) {
            return usageError(e);
        }
        if (closedRows && view == View.NETSTAT) {
            view = View.ORIGINS; // --closed alone: the origins view with the rows the JVM closed
        } else if (closedRows && !view.takesClosedRows()) {
            return usageError(new UsageException("--closed goes with --origins or --leaks, not " + view.option(), 3,
                    false));
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
        if (completion) {
            out.print(Completion.bash(OptionTable.load()));
            return 0;
        }
        if (demo) {
            // The words that were netstat's options, however the demo option itself was spelled (--dem).
            return new Demo(out, err, this).run(asTyped.options().words());
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
        TargetProcess target = new TargetProcess(procRoot, Integer.parseInt(pidText));
        if (!target.exists()) {
            err.println(PROGRAM + ": no such process: " + target.pid);
            return 1;
        }
        if (target.belongsToSomeoneElse()) {
            err.println(PROGRAM + ": process " + target.pid + " belongs to " + anotherUser(target)
                    + "; run as that user or as root");
            return 1;
        }
        if (noAttach) {
            if (agentOnly()) {
                err.println(PROGRAM + ": " + agentOnlyName() + " asks the agent; it cannot go with --no-attach");
                return 3;
            }
            return showFromProc(target.pid, options);
        }
        return showThroughAgent(target, new Request(view, closedRows, options));
    }

    /**
     * Asks the target's agent (loading it first if the JVM has none), and falls back to reading
     * /proc directly, with one line saying why, whenever that cannot be done.
     */
    private int showThroughAgent(TargetProcess target, Request request) {
        NetstatOptions options = request.options();
        AgentLoader.Outcome found = AgentLoader.ensure(target, err);
        if (found.why() != null) {
            if (agentOnly()) {
                err.println(PROGRAM + ": " + found.why() + "; " + agentOnlyName() + " needs the agent");
                return 1;
            }
            err.println(PROGRAM + ": " + found.why() + "; reading /proc/" + target.pid + " directly");
            return showFromProc(target.pid, options);
        }
        AgentClient agent = new AgentClient(found.socket());
        if (view.streams()) {
            return followAlerts(target, agent, request);
        }
        long askTimeout = view.walksRecords() ? AgentClient.SLOW_VIEW_TIMEOUT_MILLIS : AgentClient.TIMEOUT_MILLIS;
        try {
            return printer.repeatedly(() -> askWhenReady(agent, request, askTimeout),
                    options.continuous() && view != View.AGENT, options);
        } catch (IOException e) {
            if (agentOnly()) {
                err.println(PROGRAM + ": the agent in " + target.pid + " did not answer (" + Errors.describe(e) + ")");
                return 1;
            }
            err.println(PROGRAM + ": the agent in " + target.pid + " did not answer (" + Errors.describe(e)
                    + "); reading /proc/" + target.pid + " directly");
            return showFromProc(target.pid, options);
        }
    }

    /**
     * The agent's answer; while it says it is not ready yet (just loaded: its hooks or MBeans are still
     * being set up), asks again, for {@link ReadyWait#MAX_MILLIS} at most, and says in one line that it
     * waited.
     */
    private NetstatView.Result askWhenReady(AgentClient agent, Request request, long timeoutMillis) throws IOException {
        ReadyWait wait = new ReadyWait(err);
        NetstatView.Result r;
        do {
            r = agent.ask(request, timeoutMillis);
        } while (wait.again(r));
        return wait.settled(r);
    }

    /** Prints the agent's alerts as they come, until interrupted or the JVM goes away. */
    private int followAlerts(TargetProcess target, AgentClient agent, Request request) {
        try {
            ReadyWait wait = new ReadyWait(err);
            NetstatView.Result refused;
            do {
                refused = agent.follow(request, line -> {
                    out.println(line);
                    out.flush();
                });
            } while (wait.again(refused));
            refused = wait.settled(refused);
            if (refused != null) {
                return printer.print(refused);
            }
            err.println(PROGRAM + ": the agent in " + target.pid + " stopped (the JVM exited?)");
            return 0;
        } catch (IOException e) {
            err.println(PROGRAM + ": the agent in " + target.pid + " did not answer (" + Errors.describe(e) + ")");
            return 1;
        }
    }

    /** Views only the agent can give: there is no /proc fallback for them. */
    private boolean agentOnly() {
        return view.agentOnly();
    }

    private String agentOnlyName() {
        return view == View.ORIGINS && closedRows ? "--closed" : view.option();
    }

    /** Prints the chosen view of one process, reading /proc/<pid> itself. */
    int show(int pid, NetstatOptions options) {
        NetFiles net = new NetFiles(procRoot, Integer.toString(pid));
        NetstatView view = new NetstatView(Path.of("/etc"), resolveTimeout, net, TargetLinks.of(procRoot, pid, net));
        SocketTableReader reader = new SocketTableReader(procRoot);
        return fromProc(pid, options, () -> {
            SocketTable table = reader.read(Integer.toString(pid), options.tables());
            return view.render(options.tcpInfo() ? TargetTcpInfo.of(pid, table) : table, options);
        });
    }

    /** The view, reading /proc/<pid> itself: netstat's, or the threads blocked on its sockets. */
    private int showFromProc(int pid, NetstatOptions options) {
        return view == View.BLOCKED ? showBlocked(pid, options) : show(pid, options);
    }

    /** The threads of {@code pid} blocked on sockets, from its /proc (any process you may read). */
    private int showBlocked(int pid, NetstatOptions options) {
        SocketTableReader reader = new SocketTableReader(procRoot);
        ThreadWaitTracker seen = new ThreadWaitTracker(); // with -c, how long each wait has been seen
        return fromProc(pid, options, () -> NetstatView.blocked(reader.read(Integer.toString(pid),
                EnumSet.allOf(Protocol.class)), seen.look(ThreadWaitReader.read(procRoot, Integer.toString(pid)),
                System.currentTimeMillis()), null, options));
    }

    /** Prints a view of /proc/<pid> (again every second with -c); a process gone or not ours is one line. */
    private int fromProc(int pid, NetstatOptions options, ViewPrinter.Render render) {
        try {
            return printer.repeatedly(render, options.continuous(), options);
        } catch (ProcAccessException e) {
            err.println(PROGRAM + ": " + describe(pid, e));
            return 1;
        } catch (IOException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return 1;
        }
    }

    private String describe(int pid, ProcAccessException e) {
        return switch (e.reason()) {
            case NO_SUCH_PROCESS -> "no such process: " + pid;
            case PERMISSION_DENIED -> "process " + pid + " belongs to " + anotherUser(new TargetProcess(procRoot, pid))
                    + "; run as that user or as root";
            case IO_ERROR -> e.getMessage();
        };
    }

    private static String anotherUser(TargetProcess target) {
        String owner = target.owner();
        return owner == null ? "another user" : "another user (" + owner + ")";
    }

    private int listJvms() {
        for (JvmLister.Jvm jvm : JvmLister.list(procRoot)) {
            boolean agent = AgentSocket.find(new TargetProcess(procRoot, (int) jvm.pid())).found();
            out.println(jvm.pid() + " " + (terminal ? TerminalText.escape(jvm.main()) : jvm.main()) + (agent ? " [agent]" : ""));
        }
        err.println("usage: " + PROGRAM + " [--no-attach] <pid> [netstat options]   (" + PROGRAM + " --help for more)");
        return 0;
    }

    /** The options jattachstat adds to netstat's. */
    @Override
    public void option(String name, String argument) throws UsageException {
        switch (name) {
            case "no-attach" -> noAttach = true;
            case "agent" -> view(View.AGENT);
            case "origins" -> view(View.ORIGINS);
            case "closed" -> closedRows = true;
            case "leaks" -> view(View.LEAKS);
            case "alerts" -> view(View.ALERTS);
            case "blocked" -> view(View.BLOCKED);
            case "demo" -> demo = true;
            case "completion" -> {
                if (!argument.equals("bash")) {
                    throw new UsageException("--completion knows bash, not '" + argument + "'", 3, false);
                }
                completion = true;
            }
            case "resolve-timeout" -> {
                if (!Digits.isDigits(argument, 6)) {
                    throw new UsageException("--resolve-timeout takes milliseconds, not '" + argument + "'", 3, false);
                }
                resolveTimeout = Duration.ofMillis(Long.parseLong(argument));
            }
            default -> throw new IllegalStateException(name);
        }
    }

    /** One view per command: asking for two is a usage error, as netstat's conflicting options are. */
    private void view(View asked) throws UsageException {
        if (view != View.NETSTAT && view != asked) {
            throw new UsageException(view.option() + " and " + asked.option() + " do not go together", 3, false);
        }
        view = asked;
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

    /** The usage error {@code args} make ("status: message"), or null if the CLI takes them. */
    static String usageProblem(List<String> args) {
        try {
            NetstatOptionParser.parse(args, EXTRAS, new Cli(System.out, System.err));
            return null;
        } catch (UsageException e) {
            return e.status() + ": " + e.getMessage();
        }
    }

    static String usage() {
        return OptionTable.load().help();
    }
}
