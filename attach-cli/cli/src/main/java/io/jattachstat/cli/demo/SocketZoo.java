package io.jattachstat.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM holding one of each kind of socket an incident shows: listeners, established pairs, a
 * CLOSE_WAIT with unread bytes, a writer stuck on a peer that never reads (non-zero Send-Q and
 * Recv-Q), a listener whose connections nobody accepts, UDP sockets with queued datagrams, and unix
 * stream listeners (one path containing a space). Every address is loopback.
 *
 * <p>It prints {@code READY <pid>} once everything is in place and lives until its standard input
 * closes. {@code jattachstat --demo} shows it; the end-to-end tests compare netstat with jattachstat
 * on it.
 *
 * <p>Options: {@code --unix-dir DIR} (default: a new temporary directory), {@code --wildcard} to add a
 * listener on the wildcard address (tests do this only inside a private network namespace). It
 * opens its sockets on its first lines, as a service does: an agent given with -javaagent sees every
 * one of them, with no need to wait for it.
 */
public final class SocketZoo {
    private final List<AutoCloseable> held = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path unixDir = null;
        boolean wildcard = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--unix-dir" -> unixDir = Path.of(args[++i]);
                case "--wildcard" -> wildcard = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SocketZoo zoo = new SocketZoo();
        Path ownDir = unixDir == null ? Files.createTempDirectory("jattachstat-zoo") : null;
        zoo.open(unixDir != null ? unixDir : ownDir, wildcard);
        System.out.println("READY " + ProcessHandle.current().pid()
                + (zoo.skipped.isEmpty() ? "" : " (skipped: " + String.join(", ", zoo.skipped) + ")"));
        System.out.flush();
        // Live until the parent closes our stdin (or kills us).
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        // The zoo is not used past READY: without this, a GC (an agent's loading makes one) finds it
        // unreachable and the JDK's cleaner closes its sockets.
        java.lang.ref.Reference.reachabilityFence(zoo);
        if (ownDir != null) {
            try (var files = Files.list(ownDir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(ownDir);
        }
    }

    private void open(Path unixDir, boolean wildcard) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ServerSocket web = hold(new ServerSocket(0, 50, loopback));
        optional("::1 listener", () -> hold(ServerSocketChannel.open().bind(new InetSocketAddress("::1", 0))));
        optional("127.0.0.2 listener", () -> hold(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))));
        if (wildcard) {
            hold(ServerSocketChannel.open().bind(new InetSocketAddress(0)));
        }
        establishedPair(web);
        closeWaitWithUnreadBytes(web);
        stuckWriter(web);
        unacceptedConnections(loopback);
        udp(loopback);
        unixListeners(unixDir);
    }

    private void establishedPair(ServerSocket listener) throws IOException {
        hold(new Socket(listener.getInetAddress(), listener.getLocalPort()));
        hold(listener.accept());
    }

    /** The peer sends 100 bytes and closes; we never read: CLOSE_WAIT with Recv-Q 101 (data + FIN). */
    private void closeWaitWithUnreadBytes(ServerSocket listener) throws IOException {
        Socket client = hold(new Socket(listener.getInetAddress(), listener.getLocalPort()));
        try (Socket server = listener.accept(); OutputStream out = server.getOutputStream()) {
            out.write(new byte[100]);
        }
        waitUntil(() -> client.getInputStream().available() > 0);
    }

    /** A non-blocking writer fills a peer that never reads: Send-Q on one side, Recv-Q on the other. */
    private void stuckWriter(ServerSocket listener) throws Exception {
        SocketChannel writer = hold(SocketChannel.open());
        writer.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        writer.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
        Socket reader = hold(listener.accept());
        writer.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + 2_000_000_000L;
        int idle = 0;
        while (idle < 20 && System.nanoTime() < deadline) {
            chunk.clear();
            if (writer.write(chunk) == 0) {
                idle++;
                Thread.sleep(10);
            } else {
                idle = 0;
            }
        }
        if (reader.getInputStream().available() == 0) {
            throw new IOException("stuck writer: nothing arrived");
        }
    }

    /** Three connections wait in a listener's accept queue: netstat shows Recv-Q 3 on the listener. */
    private void unacceptedConnections(InetAddress loopback) throws IOException {
        ServerSocket neverAccepts = hold(new ServerSocket(0, 10, loopback));
        for (int i = 0; i < 3; i++) {
            hold(new Socket(loopback, neverAccepts.getLocalPort()));
        }
    }

    private void udp(InetAddress loopback) throws Exception {
        DatagramSocket receiver = hold(new DatagramSocket(new InetSocketAddress(loopback, 0)));
        DatagramSocket sender = hold(new DatagramSocket(new InetSocketAddress(loopback, 0)));
        for (int i = 0; i < 3; i++) {
            sender.send(new DatagramPacket(new byte[10], 10, receiver.getLocalSocketAddress()));
        }
        DatagramChannel connected = hold(DatagramChannel.open());
        connected.bind(new InetSocketAddress(loopback, 0));
        connected.connect(receiver.getLocalSocketAddress());
    }

    private void unixListeners(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path plain = dir.resolve("zoo.sock");
        Path spaced = dir.resolve("with space.sock");
        Files.deleteIfExists(plain);
        Files.deleteIfExists(spaced);
        ServerSocketChannel listener = hold(ServerSocketChannel.open(StandardProtocolFamily.UNIX));
        listener.bind(UnixDomainSocketAddress.of(plain));
        hold(ServerSocketChannel.open(StandardProtocolFamily.UNIX)).bind(UnixDomainSocketAddress.of(spaced));
        hold(SocketChannel.open(UnixDomainSocketAddress.of(plain)));
        hold(listener.accept());
    }

    private <T extends AutoCloseable> T hold(T resource) {
        held.add(resource);
        return resource;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Some sockets need an address family the JVM may lack (-Djava.net.preferIPv4Stack, no ::1). */
    private void optional(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            skipped.add(what);
        }
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitUntil(Condition condition) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
