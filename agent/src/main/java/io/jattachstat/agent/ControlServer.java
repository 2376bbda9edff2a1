package io.jattachstat.agent;

import io.jattachstat.control.ControlProtocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.origins.OriginViews;
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
import java.util.function.Supplier;

/**
 * Answers {@code jattachstat <pid>} on a unix socket in /tmp, readable and writable by the JVM's
 * user only, and only for a peer that is that user or root (checked with SO_PEERCRED). No TCP or
 * UDP port is ever opened. A container's JVM is reached from the host through
 * {@code /proc/<pid>/root/tmp}, the way the JVM's own attach socket is.
 */
public final class ControlServer {
    private final Path path;
    private final SnapshotCache cache;
    private final NetstatView view;
    private final Supplier<String> agentDescription;
    private final AgentStatus status;
    private final Supplier<OriginViews> originViews;
    private final Supplier<String> originsUnavailable;
    private final Supplier<AlertStreams> alertStreams;
    private ServerSocketChannel server;

    /**
     * @param originViews        the origins views, or null while (or if) the socket hooks are not installed
     * @param originsUnavailable why they are not, one sentence
     * @param alertStreams       the alerts subscriptions, or null until (or unless) the Alerts MBean is registered
     */
    ControlServer(Path path, SnapshotCache cache, NetstatView view, Supplier<String> agentDescription,
                  Supplier<OriginViews> originViews, Supplier<String> originsUnavailable,
                  Supplier<AlertStreams> alertStreams, AgentStatus status) {
        this.alertStreams = alertStreams;
        this.originViews = originViews;
        this.originsUnavailable = originsUnavailable;
        this.path = path;
        this.cache = cache;
        this.view = view;
        this.agentDescription = agentDescription;
        this.status = status;
    }

    /** Binds and starts the (daemon) accept thread. */
    public void start() throws IOException {
        Files.deleteIfExists(path); // left by an earlier JVM that had our pid
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        BacklogHooks.recordUnix(path.toString(), 50); // Java's default backlog; bound before the hooks exist
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        path.toFile().deleteOnExit();
        Thread t = new Thread(this::serve, "jattachstat-control");
        t.setDaemon(true);
        t.start();
        status.capability("control-socket", path.toString());
    }

    private void serve() {
        String self = ownerOfThisProcess();
        while (server.isOpen()) {
            SocketChannel peer = null;
            boolean handedOver = false;
            try {
                peer = server.accept();
                UnixDomainPrincipal who = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
                String user = who.user().getName();
                if (!user.equals(self) && !user.equals("root")) {
                    status.error("control socket", "refused a request from user " + user);
                    continue;
                }
                List<String> request = ControlProtocol.readRequest(peer);
                if (!request.isEmpty() && request.get(0).equals(ControlProtocol.ALERTS)) {
                    handedOver = streamAlerts(peer);
                } else {
                    ControlProtocol.writeResponse(peer, answer(request));
                }
            } catch (IOException | RuntimeException e) {
                if (server.isOpen()) {
                    status.error("control socket", e);
                }
            } finally {
                if (peer != null && !handedOver) {
                    closeQuietly(peer);
                }
            }
        }
    }

    /** Hands {@code peer} to an alerts stream; answers why not, and returns false, if there is none. */
    private boolean streamAlerts(SocketChannel peer) throws IOException {
        AlertStreams streams = alertStreams.get();
        String why = streams == null ? "the Alerts MBean is not registered (see --agent)"
                : streams.start(peer) ? null : AlertStreams.tooMany();
        if (why != null) {
            ControlProtocol.writeResponse(peer, new NetstatView.Result(1, "", "jattachstat: " + why + "\n"));
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

    private NetstatView.Result answer(List<String> request) {
        if (request.isEmpty()) {
            return new NetstatView.Result(2, "", "jattachstat: empty request\n");
        }
        return switch (request.get(0)) {
            case ControlProtocol.NETSTAT -> netstat(request.subList(1, request.size()));
            case ControlProtocol.AGENT -> new NetstatView.Result(0, agentDescription.get(), "");
            case ControlProtocol.ORIGINS, ControlProtocol.LEAKS -> originsAnswer(request);
            default -> new NetstatView.Result(2, "", "jattachstat: unknown request '" + request.get(0) + "'\n");
        };
    }

    /** netstat's view; --summary counts the connections the JVM closed (TIME_WAIT) as its own when it can. */
    private NetstatView.Result netstat(List<String> words) {
        OriginViews views = originViews.get();
        SocketTable table = cache.get();
        if (views != null && words.contains("--summary")) {
            table = views.withClosedRows(table);
        }
        return view.render(table, words);
    }

    private NetstatView.Result originsAnswer(List<String> request) {
        OriginViews views = originViews.get();
        if (views == null) {
            return new NetstatView.Result(1, "", "jattachstat: " + originsUnavailable.get() + "\n");
        }
        boolean closed = request.size() > 1 && request.get(1).equals(ControlProtocol.WITH_CLOSED);
        List<String> netstatWords = request.subList(Math.min(2, request.size()), request.size());
        if (request.get(0).equals(ControlProtocol.LEAKS)) {
            return new NetstatView.Result(0, views.leaks(closed), "");
        }
        return views.origins(netstatWords, closed);
    }

    private static String ownerOfThisProcess() {
        try {
            return Files.getOwner(Path.of("/proc/self")).getName();
        } catch (IOException e) {
            return System.getProperty("user.name");
        }
    }
}
