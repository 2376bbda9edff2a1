package io.jattachstat.agent;

import io.jattachstat.Version;
import io.jattachstat.alerts.AlertThresholds;
import io.jattachstat.instrument.BacklogHooks;
import io.jattachstat.instrument.Hook;
import io.jattachstat.instrument.GateLink;
import io.jattachstat.instrument.Hooks;
import io.jattachstat.jmx.AgentInfo;
import io.jattachstat.jmx.Alerts;
import io.jattachstat.jmx.ListenerRegistry;
import io.jattachstat.jmx.Sockets;
import io.jattachstat.metrics.MeterFeed;
import io.jattachstat.metrics.MetricsLibraries;
import io.jattachstat.metrics.SocketMeters;
import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.netstat.SysfsLinks;
import io.jattachstat.netstat.SystemNameResolver;
import io.jattachstat.options.AgentOptions;
import io.jattachstat.origins.OriginViews;
import io.jattachstat.origins.OriginsState;
import io.jattachstat.origins.Origins;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.SocketTableReader;
import io.jattachstat.snapshot.AgentStatus;
import io.jattachstat.snapshot.CheckPacing;
import io.jattachstat.snapshot.FdSocketReader;
import io.jattachstat.snapshot.ListenerBacklog;
import io.jattachstat.snapshot.NativeLibc;
import io.jattachstat.snapshot.OwnSockets;
import io.jattachstat.snapshot.SnapshotCache;
import io.jattachstat.snapshot.SnapshotFacts;
import io.jattachstat.waits.BlockedLook;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent, once loaded into its own class loader. {@link #start} only parses options and starts a
 * daemon thread; the MBeans and the control socket are set up on that thread, off the application's
 * start-up path (calling getPlatformMBeanServer() inside premain breaks application servers that
 * install their own logging manager later).
 */
public final class AgentRuntime {
    /** Set once the hooks are in place: "installed", or "installed (origins off)". */
    public static final String HOOKS_PROPERTY = "jattachstat.hooks";
    /** Where the control socket's private directory is made; a CLI finds it there through /proc/pid/root. */
    private static final Path TMP = Path.of("/tmp");

    private final AgentOptions options;
    private final AgentStatus status = new AgentStatus();
    private final String loadedBy;
    /** The hook gate registered at start, which the hooks are handed to. */
    private final GateLink gate;
    private final SnapshotCache cache;
    private final NetstatView view;
    private final SocketTableReader reader;
    private final ListenerBacklog backlog;
    private final SnapshotFacts facts;
    private final FdSocketReader perFd;
    private final OwnSockets own;
    private final CheckPacing pacing;
    private final MeterFeed meterFeed;
    private final SocketMeters meters;
    private volatile AlertStreams alertStreams;
    /** The control socket's path once bound ("" before, or without one). */
    private volatile String controlSocket = "";
    private volatile Hooks hooks;
    private volatile OriginsState origins = OriginsState.INSTALLING;
    /** True until init has done all it will: what a CLI asks for that is missing until then may come. */
    private volatile boolean starting = true;
    private final BlockedLook blocked;

    private AgentRuntime(AgentOptions options, String loadedBy, GateLink gate) {
        this.options = options;
        this.loadedBy = loadedBy;
        this.gate = gate;
        Path procRoot = Path.of(options.procRoot());
        this.reader = new SocketTableReader(procRoot);
        this.blocked = new BlockedLook(procRoot);
        NativeLibc libc = new NativeLibc(options.jna(), status);
        NetFiles ownNamespace = new NetFiles(procRoot, "self");
        this.view = new NetstatView(Path.of("/etc"), SystemNameResolver.DEFAULT_DEADLINE, ownNamespace,
                new IoctlLinks(libc, new SysfsLinks(Path.of("/sys/class/net"), ownNamespace)));
        this.cache = new SnapshotCache(reader, this::hidePlumbing,
                options.refresh().toMillis(), status);
        this.backlog = new ListenerBacklog(libc, procRoot);
        this.perFd = new FdSocketReader(libc, procRoot);
        this.own = new OwnSockets(cache, perFd, this::hidePlumbing, status);
        this.facts = new SnapshotFacts(own, backlog, status);
        this.pacing = new CheckPacing(this::configuredCheckMillis, own::way);
        this.meterFeed = new MeterFeed(status);
        this.meters = new SocketMeters(facts, meterFeed, options.listenerMeters());
    }

    /**
     * The connections a CLI opens to the control socket exist only while the agent answers it; no
     * netstat run apart from that request would see them, so no view shows them. (The listening
     * control socket stays: netstat shows it too.)
     */
    private SocketTable hidePlumbing(SocketTable table) {
        String control = controlSocket;
        return control.isEmpty() ? table : table.withoutUnix(u -> !u.isListening() && u.path().equals(control));
    }

    /**
     * Called reflectively by the boot entry point, on the agent's own daemon thread.
     *
     * @param publishMeters hands the meter feed to the boot class where application binders find it
     */
    public static void start(String args, Instrumentation instrumentation, boolean atStartup, String jarPath,
                             Consumer<Object> publishMeters, Consumer<ClassFileTransformer> openGate,
                             Runnable giveUpGate, Supplier<String> gateWaited) {
        AgentOptions options = AgentOptions.parse(args);
        for (String error : options.errors()) {
            System.err.println("jattachstat: " + error);
        }
        AgentRuntime runtime = new AgentRuntime(options, atStartup ? "-javaagent" : "dynamic attach",
                new GateLink(openGate, giveUpGate, gateWaited));
        System.setProperty("jattachstat.agent", Version.get() + " (" + runtime.loadedBy + ", " + jarPath + ")");
        publishMeters.accept(runtime.meterFeed);
        runtime.init(atStartup, instrumentation);
    }

    private void init(boolean atStartup, Instrumentation instrumentation) {
        try {
            checkProc();
            AgentInfo agentInfo = new AgentInfo(Version.get(), loadedBy, options, status, this::hookStates,
                    () -> origins, pacing, own::readTimes);
            if (atStartup) {
                // With -javaagent the application is starting beside us, and its first sockets wait
                // in the HookGate for these hooks: nothing comes before them (the control socket's
                // own classes among them would otherwise load unhooked).
                installHooks(instrumentation);
            }
            // The control socket first: it is one of the JVM's sockets, and the first snapshot should see it.
            if (options.control()) {
                startControlServer(agentInfo);
            } else {
                status.capability("control-socket", "no: agent option control=false");
            }
            // Only the MBeans wait: touching the MBeanServer early is what breaks some application servers.
            if (atStartup && !options.mbeanDelay().isZero()) {
                Thread.sleep(options.mbeanDelay().toMillis());
            }
            registerMBeans(agentInfo);
            MetricsLibraries.bind(instrumentation, meterFeed, options.micrometer(), options.openTelemetry(),
                    Version.get(), status);
            if (!atStartup) {
                // Loaded into a running JVM: the CLI that loaded us waits for the control socket and
                // the MBeans, which should not wait for Byte Buddy's second or so.
                installHooks(instrumentation);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            status.error("agent start", t);
        } finally {
            if (origins.isInstalling()) { // init failed before the hooks: say so rather than "installing"
                origins = OriginsState.off("origins are off: the agent did not finish starting (see --agent)");
            }
            gate.giveUp().run(); // whatever happened, no application thread waits for the hooks any more
            starting = false;
        }
    }

    private void installHooks(Instrumentation instrumentation) {
        try {
            installHooksThroughGate(instrumentation);
        } finally {
            gate.giveUp().run(); // no-op once open; otherwise nobody waits for hooks that will not come
        }
    }

    private void installHooksThroughGate(Instrumentation instrumentation) {
        status.capability("hooks", "installing");
        List<Hook> all = new ArrayList<>(BacklogHooks.hooks());
        Origins started = null;
        if (!options.origins()) {
            origins = OriginsState.off("origins are off (agent option origins=false)");
        } else {
            try {
                started = Origins.start(instrumentation, options, status, Path.of(options.procRoot()), () -> controlSocket);
                all.addAll(started.hooks());
            } catch (Throwable t) {
                origins = OriginsState.off("origins are off: " + t);
                status.error("origins", t);
            }
        }
        try {
            Hooks installing = new Hooks(all, status, started == null ? (type, module) -> { } : started.beforeAppClass());
            hooks = installing;
            installing.install(instrumentation, gate);
            status.capability("hooks", "yes");
            backlog.hooksInstalled();
            if (started != null) {
                origins = OriginsState.ready(started, new OriginViews(started, view, reader, cache, own, perFd::withTcpInfo));
                if (started.waits() != null) {
                    blocked.recording(started.waits());
                }
                meters.originsReady(started);
            }
            // A signal for applications and tests that want their sockets seen from the first one.
            System.setProperty(HOOKS_PROPERTY, started != null ? "installed" : "installed (origins off)");
        } catch (Throwable t) {
            status.capability("hooks", "no: " + t);
            status.error("hooks", t);
            origins = OriginsState.off("origins are off: the hooks failed to install: " + t);
        }
    }

    /**
     * The sockets a netstat view of {@code options} is rendered from: /proc's, in the kernel's row
     * order, for the netstat rows; the JVM's own (per fd where the agent can) for --summary, which
     * counts, with the connections the JVM closed (TIME_WAIT) as its own once origins are tracked;
     * with --tcp-info, each TCP socket's TCP_INFO.
     */
    private SocketTable tableFor(NetstatOptions options) {
        SocketTable table;
        if (options.summary()) {
            OriginViews views = origins.views();
            table = views == null ? own.get() : views.withClosedRows(own.get());
        } else {
            table = cache.get();
        }
        return options.tcpInfo() ? perFd.withTcpInfo(table) : table;
    }

    /** {@code --blocked}: this JVM's threads blocked on sockets, and their sockets' origins once known. */
    private NetstatView.Result blockedView(NetstatOptions options) {
        SocketTable table = own.get();
        OriginViews views = origins.views();
        return NetstatView.blocked(table, blocked.now(), views == null ? null : views.originsByInode(table), options);
    }

    private Map<String, String> hookStates() {
        Hooks h = hooks;
        return h == null ? Map.of() : h.states();
    }

    private void checkProc() {
        Path self = Path.of(options.procRoot(), "self", "net", "tcp6");
        status.capability("proc", Files.isReadable(self) ? "yes (" + options.procRoot() + ")"
                : "no: cannot read " + self + "; socket views will be empty");
        if (!Files.isReadable(self)) {
            status.error("proc", "cannot read " + self);
        }
    }

    private void registerMBeans(AgentInfo agentInfo) {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(agentInfo, new ObjectName("jattachstat:type=Agent"));
            AlertThresholds thresholds = new AlertThresholds(options.alertAcceptQueue(), options.alertCloseWait(),
                    options.alertFds(), options.alertBlocked(), options.alertHysteresis());
            server.registerMBean(new Sockets(cache, this::tableFor, facts, view, () -> origins,
                    thresholds::acceptQueue, this::blockedView, blocked::now, perFd), new ObjectName("jattachstat:type=Sockets"));
            Alerts alerts = new Alerts(cache, facts, thresholds, pacing::intervalMillis,
                    () -> blocked.unboundedFor(thresholds.blockedSeconds()), status);
            server.registerMBean(alerts, new ObjectName("jattachstat:type=Alerts"));
            alertStreams = new AlertStreams(alerts, status);
        } catch (Throwable t) {
            status.capability("mbeans", "no: " + t);
            status.error("mbeans", t);
            return;
        }
        status.capability("mbeans", "yes");
        ListenerRegistry listeners = new ListenerRegistry(server, facts, status);
        facts.follow(listeners::sync);
        listeners.sync(facts.get()); // the snapshot taken so far (a CLI's first request) has listeners too
        // Listeners and alerts change even when nobody polls: look every few seconds (one cached /proc read).
        ScheduledExecutorService scan = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jattachstat-check");
            t.setDaemon(true);
            return t;
        });
        scan.execute(() -> checkAndPlanNext(scan));
    }

    /** One unasked look, then the next one planned after the interval its cost allows ({@link CheckPacing}). */
    private void checkAndPlanNext(ScheduledExecutorService scan) {
        long cpu = CheckPacing.threadCpuNanos();
        scanQuietly();
        scan.schedule(() -> checkAndPlanNext(scan), pacing.after(CheckPacing.threadCpuNanos() - cpu),
                TimeUnit.MILLISECONDS);
    }

    /** How often the agent looks unasked: the option {@code check}, but never more often than it may read /proc. */
    private long configuredCheckMillis() {
        return Math.max(options.check().toMillis(), cache.refreshMillis());
    }

    private void scanQuietly() {
        try {
            facts.get();
        } catch (Throwable t) {
            status.error("listener scan", t);
        }
    }

    private void startControlServer(AgentInfo agentInfo) {
        try {
            ControlServer server = new ControlServer(TMP, this::tableFor, view, agentInfo::describe, () -> origins,
                    () -> alertStreams, () -> starting, this::blockedView, status);
            server.start();
            controlSocket = server.path().toString();
        } catch (Throwable t) {
            status.capability("control-socket", "no: " + t);
            status.error("control socket", t);
        }
    }
}
