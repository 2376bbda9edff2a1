package io.jattachstat.e2e.apps;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's first lines, as the agent must see them when given with -javaagent: a listener made by
 * a static initialiser, then every JDK socket kind, three connections left in CLOSE_WAIT and four
 * churned into TIME_WAIT, all within its first moments and without waiting for anything. Says
 * "SOCKET name localPort origin" for each (the origin being the frame of the socket call, on the
 * same line), then "READY pid", and lives until stdin closes.
 *
 * <p>With the argument "inherited", its stdin is a listening socket (the parent passed it, as inetd
 * and socket activation do): it takes it with System.inheritedChannel(), says so, and lives until
 * killed.
 */
public final class FirstLines {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();
    private static final ServerSocket LISTENER;

    static {
        try {
            LISTENER = new ServerSocket(0, 50, LOOPBACK); Said.socket("serverSocket", LISTENER.getLocalPort(), Said.here());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("inherited")) {
            Channel inherited = System.inheritedChannel(); Said.socket("inherited", port(inherited), Said.here());
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            KEEP.add(inherited);
            Thread.sleep(Long.MAX_VALUE);
        }
        Socket socket = new Socket(LOOPBACK, LISTENER.getLocalPort()); Said.socket("socket", socket.getLocalPort(), Said.here());
        KEEP.add(socket);
        KEEP.add(LISTENER.accept());
        ServerSocketChannel serverChannel = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)); Said.socket("serverSocketChannel", port(serverChannel), Said.here());
        SocketChannel channel = SocketChannel.open(serverChannel.getLocalAddress()); Said.socket("socketChannel", port(channel), Said.here());
        KEEP.add(serverChannel.accept());
        DatagramSocket datagram = new DatagramSocket(0, LOOPBACK); Said.socket("datagramSocket", datagram.getLocalPort(), Said.here());
        DatagramChannel datagramChannel = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)); Said.socket("datagramChannel", port(datagramChannel), Said.here());
        AsynchronousServerSocketChannel asyncServer = AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)); Said.socket("asyncServer", port(asyncServer), Said.here());
        AsynchronousSocketChannel async = AsynchronousSocketChannel.open(); Said.socket("async", "-", Said.here());
        async.connect(asyncServer.getLocalAddress()).get();
        Said.socket("async.port", port(async), "-");
        KEEP.add(asyncServer.accept().get());
        Path dir = Files.createTempDirectory("jattachstat-first");
        ServerSocketChannel unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(dir.resolve("s.sock"))); Said.socket("unixServer", dir.resolve("s.sock"), Said.here());
        KEEP.addAll(List.of(socket, serverChannel, channel, datagram, datagramChannel, asyncServer, async, unixServer));
        http();
        // Three connections the peer closed and we did not: CLOSE_WAIT on the accepted side.
        for (int i = 0; i < 3; i++) {
            Socket client = new Socket(LOOPBACK, LISTENER.getLocalPort()); Said.socket("closewait" + i, client.getLocalPort(), Said.here());
            KEEP.add(LISTENER.accept());
            client.close();
        }
        // Four connections we close first: TIME_WAIT on our side, closed by this line.
        for (int i = 0; i < 4; i++) {
            Socket client = new Socket(LOOPBACK, LISTENER.getLocalPort());
            Socket accepted = LISTENER.accept();
            int port = client.getLocalPort();
            client.close(); Said.socket("timewait" + i, port, Said.here());
            accepted.close();
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        Files.deleteIfExists(dir.resolve("s.sock"));
        Files.deleteIfExists(dir);
    }

    /** The JDK's HTTP client: its connection's origin is the line that sends the request. */
    private static void http() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10); Said.socket("httpServer", server.getAddress().getPort(), Said.here());
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
        client.send(request, HttpResponse.BodyHandlers.ofString()); Said.socket("httpClient", server.getAddress().getPort(), Said.here());
        KEEP.add(server);
        KEEP.add(client);
    }

    private static int port(Object channel) throws Exception {
        return ((InetSocketAddress) ((NetworkChannel) channel).getLocalAddress()).getPort();
    }
}
