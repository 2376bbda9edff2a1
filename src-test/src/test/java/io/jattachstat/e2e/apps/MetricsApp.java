package io.jattachstat.e2e.apps;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import javax.management.ObjectName;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that uses Micrometer the usual way — a Prometheus registry added to
 * {@code Metrics.globalRegistry}, served on loopback at /metrics — and knows nothing of jattachstat.
 * It opens a known set of sockets on its first lines, has the agent take its snapshot
 * (in process: no socket), and only then starts its HTTP server, so that with a long refresh
 * interval every scrape reads a snapshot of exactly the zoo.
 *
 * <p>The zoo: a listener with backlog 5 and 3 connections it never accepts; a served listener with 2
 * accepted connections (one with 100 unread bytes); 3 accepted connections the client closed
 * (CLOSE_WAIT); an unconnected and a connected UDP socket; a unix listener with one connection;
 * and one ServerSocket left to the GC. Then, line by line on stdin: "closewait N", "release",
 * "fill", "drain", "fds-to N", "unfds"; each answered with "DONE".
 */
public final class MetricsApp {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();
    private static final List<Socket> CLOSE_WAIT = new ArrayList<>();
    private static final List<FileInputStream> FILES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        boolean withMicrometer = args.length == 0 || !args[0].equals("no-registry");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        if (withMicrometer) {
            Metrics.addRegistry(registry);
        }
        ServerSocket backlogged = new ServerSocket(0, 5, LOOPBACK);
        ServerSocket served = new ServerSocket(0, 50, LOOPBACK);
        KEEP.add(backlogged);
        KEEP.add(served);
        for (int i = 0; i < 3; i++) {
            KEEP.add(new Socket(LOOPBACK, backlogged.getLocalPort()));
        }
        for (int i = 0; i < 2; i++) {
            Socket client = new Socket(LOOPBACK, served.getLocalPort());
            KEEP.add(client);
            KEEP.add(served.accept());
            if (i == 0) {
                client.getOutputStream().write(new byte[100]); // never read: Recv-Q 100 on the accepted side
            }
        }
        int closes = closeWait(served, 3);
        DatagramSocket unconnected = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        DatagramChannel connected = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        connected.connect(unconnected.getLocalSocketAddress());
        connected.write(ByteBuffer.allocate(50)); // never read
        KEEP.add(unconnected);
        KEEP.add(connected);
        Path dir = Files.createTempDirectory("jattachstat-metrics");
        Path unixPath = dir.resolve("app.sock");
        ServerSocketChannel unixListener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(unixPath));
        KEEP.add(unixListener);
        KEEP.add(SocketChannel.open(UnixDomainSocketAddress.of(unixPath)));
        KEEP.add(unixListener.accept());
        leaveOneToTheGc();

        // The agent's snapshot, taken now, in process: the HTTP server's sockets come after it. (What the
        // application uses of the agent, its MBean and its meters, may come a moment after main starts.)
        ObjectName sockets = new ObjectName("jattachstat:type=Sockets");
        for (int i = 0; i < 300 && !ManagementFactory.getPlatformMBeanServer().isRegistered(sockets); i++) {
            Thread.sleep(100);
        }
        if (withMicrometer) {
            awaitMeters(registry);
        }
        ManagementFactory.getPlatformMBeanServer().invoke(sockets, "refresh", null, null);
        HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10);
        http.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        say("READY " + http.getAddress().getPort() + " " + backlogged.getLocalPort() + " " + served.getLocalPort()
                + " " + closes);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Socket> waiting = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "closewait" -> closeWait(served, Integer.parseInt(words[1]));
                case "release" -> {
                    for (Socket s : CLOSE_WAIT) {
                        s.close();
                    }
                    CLOSE_WAIT.clear();
                }
                case "fill" -> {
                    for (int i = 0; i < 2; i++) {
                        waiting.add(new Socket(LOOPBACK, backlogged.getLocalPort()));
                    }
                }
                case "drain" -> {
                    for (int i = 0; i < 3 + waiting.size(); i++) {
                        KEEP.add(backlogged.accept());
                    }
                    waiting.clear();
                }
                case "fds-to" -> { // opens files until N descriptors are open, counted as it goes
                    int target = Integer.parseInt(words[1]);
                    while (openFds() < target) {
                        FILES.add(new FileInputStream("/dev/null"));
                    }
                }
                case "unfds" -> {
                    for (FileInputStream f : FILES) {
                        f.close();
                    }
                    FILES.clear();
                }
                default -> throw new IllegalArgumentException(line);
            }
            say("DONE " + line);
        }
        http.stop(0);
    }

    /** {@code n} accepted connections whose client closed: the accepted side sits in CLOSE_WAIT. */
    private static int closeWait(ServerSocket served, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Socket client = new Socket(LOOPBACK, served.getLocalPort());
            CLOSE_WAIT.add(served.accept());
            client.close();
        }
        return n;
    }

    /** A listener nobody holds: the JDK's cleaner closes it after a GC (counted as closed by the GC cleaner). */
    private static void leaveOneToTheGc() throws Exception {
        int port = new ServerSocket(0, 50, LOOPBACK).getLocalPort();
        for (int i = 0; i < 100; i++) {
            System.gc();
            Thread.sleep(50);
            try {
                new ServerSocket(port, 50, LOOPBACK).close();
                return; // the port was free: the cleaner closed the first listener
            } catch (java.net.BindException stillOpen) {
                // not yet
            }
        }
        throw new IllegalStateException("the GC never closed the unreachable listener");
    }

    /** The agent binds to the global registry from its own thread, moments after Micrometer loads. */
    private static void awaitMeters(PrometheusMeterRegistry registry) throws InterruptedException {
        for (int i = 0; i < 300 && registry.find("process.sockets.opened").functionCounter() == null; i++) {
            Thread.sleep(100);
        }
    }

    /** The descriptors open now, not counting the one that lists them. */
    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1;
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
