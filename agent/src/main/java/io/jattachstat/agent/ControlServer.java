package io.jattachstat.agent;

import io.jattachstat.Errors;
import io.jattachstat.control.ControlProtocol;
import io.jattachstat.control.Request;
import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.netstat.UsageException;
import io.jattachstat.origins.OriginViews;
import io.jattachstat.origins.OriginsState;
import io.jattachstat.snapshot.AgentStatus;
import io.jattachstat.snapshot.RecordedBacklogs;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers {@code jattachstat <pid>} on a unix socket in a private directory of the agent's own
 * ({@link ControlDir}), and only for a peer that is the JVM's user or root (checked with
 * SO_PEERCRED). No TCP or UDP port is ever opened. A container's JVM is reached from the host through
 * {@code /proc/<pid>/root/tmp}, the way the JVM's own attach socket is.
 *
 * <p>One thread accepts; a few answer, each request read and each answer written within a deadline,
 * so a client that connects and says nothing, or never reads, delays nobody else. Problems with a
 * connection are counted in the Agent MBean and never printed: the application's output is not
 * the agent's to write into because some client went away.
 */
public final class ControlServer {
    /** Answering threads; more requests wait in a short queue, and past that are turned away. */
    private static final int WORKERS = 4;
    private static final int QUEUED = 32;
    /** A CLI sends its request the moment it connects. */
    private static final long REQUEST_MILLIS = 2_000;
    /** Time for the CLI to take the answer off the socket. */
    private static final long WRITE_MILLIS = 10_000;

    private final Path tmp;
    private final Function<NetstatOptions, SocketTable> tables;
    private final NetstatView view;
    private final Function<Boolean, String> agentDescription;
    private final AgentStatus status;
    private final Supplier<OriginsState> origins;
    private final Supplier<AlertStreams> alertStreams;
    private final BooleanSupplier starting;
    private final Function<NetstatOptions, NetstatView.Result> blocked;
    private final ThreadPoolExecutor workers;
    private ServerSocketChannel server;
    private volatile Path path;

    /**
     * @param tmp                where to make the socket's directory: /tmp, where a CLI looks through /proc/pid/root
     * @param tables             the sockets a netstat view of the given options is rendered from
     * @param origins            where the origins work stands (its views once ready)
     * @param alertStreams       the alerts subscriptions, or null until (or unless) the Alerts MBean is registered
     * @param starting           true while the agent is still starting (what is missing then may come)
     * @param blocked            {@code --blocked}: this JVM's threads blocked on sockets, looked at when asked
     */
    ControlServer(Path tmp, Function<NetstatOptions, SocketTable> tables, NetstatView view,
                  Function<Boolean, String> agentDescription, Supplier<OriginsState> origins,
                  Supplier<AlertStreams> alertStreams, BooleanSupplier starting,
                  Function<NetstatOptions, NetstatView.Result> blocked, AgentStatus status) {
        this.tmp = tmp;
        this.blocked = blocked;
        this.starting = starting;
        this.alertStreams = alertStreams;
        this.origins = origins;
        this.tables = tables;
        this.view = view;
        this.agentDescription = agentDescription;
        this.status = status;
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), ControlServer::daemon);
        this.workers.allowCoreThreadTimeOut(true);
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "jattachstat-control");
        t.setDaemon(true);
        return t;
    }

    /** Binds and starts the (daemon) accept thread. */
    public void start() throws IOException {
        long pid = ProcessHandle.current().pid();
        Path dir = ControlDir.create(tmp, pid);
        Path socket = dir.resolve(ControlProtocol.SOCKET_NAME);
        dir.toFile().deleteOnExit(); // run in reverse order: the socket first, then its directory
        socket.toFile().deleteOnExit();
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        RecordedBacklogs.recordUnix(socket.toString(), 50); // Java's default backlog; bound before the hooks exist
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        path = socket;
        Thread t = new Thread(this::serve, "jattachstat-control-accept");
        t.setDaemon(true);
        t.start();
        status.capability("control-socket", socket.toString());
        int stale = ControlDir.removeStale(tmp, pid, dir);
        if (stale > 0) {
            status.capability("control-socket", socket.toString() + " (removed " + stale
                    + " left by an earlier JVM with this pid)");
        }
    }

    /** The socket's path, once bound; null before. */
    public Path path() {
        return path;
    }

    private void serve() {
        String self = ownerOfThisProcess();
        while (server.isOpen()) {
            SocketChannel peer;
            try {
                peer = server.accept();
            } catch (IOException | RuntimeException e) {
                if (server.isOpen()) {
                    status.count("control socket", "accept: " + Errors.describe(e));
                }
                continue;
            }
            try {
                UnixDomainPrincipal who = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
                String user = who.user().getName();
                if (!user.equals(self) && !user.equals("root")) {
                    status.count("control socket", "refused a request from user " + user);
                    closeQuietly(peer);
                } else {
                    workers.execute(() -> handle(peer));
                }
            } catch (RejectedExecutionException e) {
                status.count("control socket", "turned a request away: " + (WORKERS + QUEUED) + " already waiting");
                closeQuietly(peer);
            } catch (IOException | RuntimeException e) {
                status.count("control socket", Errors.describe(e));
                closeQuietly(peer);
            }
        }
    }

    private void handle(SocketChannel peer) {
        boolean handedOver = false;
        try {
            byte[] wire = DeadlineIo.readLine(peer, Request.MAX_BYTES, REQUEST_MILLIS);
            Request request;
            try {
                request = Request.decode(wire);
            } catch (Request.MalformedException e) {
                reply(peer, new NetstatView.Result(2, "", "jattachstat: " + e.getMessage() + "\n"));
                return;
            } catch (UsageException e) {
                reply(peer, NetstatView.usageError(e)); // netstat's message and status for options it does not take
                return;
            }
            if (request.view().streams()) {
                handedOver = streamAlerts(peer);
            } else {
                reply(peer, answer(request));
            }
        } catch (IOException | RuntimeException e) {
            status.count("control socket", Errors.describe(e));
        } finally {
            if (!handedOver) {
                closeQuietly(peer);
            }
        }
    }

    private static void reply(SocketChannel peer, NetstatView.Result answer) throws IOException {
        DeadlineIo.writeAll(peer, ControlProtocol.response(answer), WRITE_MILLIS);
    }

    /** Hands {@code peer} to an alerts stream; answers why not, and returns false, if there is none. */
    private boolean streamAlerts(SocketChannel peer) throws IOException {
        AlertStreams streams = alertStreams.get();
        String why = streams == null ? "the Alerts MBean is not registered" + (starting.getAsBoolean()
                ? " yet: the agent is still starting" : " (see --agent)")
                : streams.start(peer) ? null : AlertStreams.tooMany();
        if (why != null) {
            reply(peer, new NetstatView.Result(streams == null && starting.getAsBoolean() ? ControlProtocol.NOT_READY : 1,
                    "", "jattachstat: " + why + "\n"));
        }
        return why == null;
    }

    private static void closeQuietly(SocketChannel peer) {
        try {
            peer.close();
        } catch (IOException e) {
            // nothing left to tell the peer
        }
    }

    private NetstatView.Result answer(Request request) {
        NetstatOptions options = request.options();
        return switch (request.view()) {
            case NETSTAT -> view.render(tables.apply(options), options);
            case AGENT -> new NetstatView.Result(0, agentDescription.apply(options.json()), "");
            case ORIGINS -> withOrigins(views -> views.origins(options, request.withClosed()));
            case LEAKS -> withOrigins(views -> new NetstatView.Result(0,
                    views.leaks(request.withClosed(), options.json()), ""));
            case BLOCKED -> blocked.apply(options);
            case ALERTS -> throw new IllegalStateException("a stream, not an answer");
        };
    }

    /** The origins views' answer, or (while the hooks are not installed, or if they are off) why not. */
    private NetstatView.Result withOrigins(Function<OriginViews, NetstatView.Result> answer) {
        OriginsState state = origins.get();
        OriginViews views = state.views();
        return views == null ? new NetstatView.Result(state.isInstalling() ? ControlProtocol.NOT_READY : 1, "",
                "jattachstat: " + state.unavailable() + "\n") : answer.apply(views);
    }

    private static String ownerOfThisProcess() {
        try {
            return Files.getOwner(Path.of("/proc/self")).getName();
        } catch (IOException e) {
            return System.getProperty("user.name");
        }
    }
}
