package io.jattachstat.e2e.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens one socket of each kind from a method of its own, and says where: every "SOCKET" line gives
 * a name, the socket's local port (or unix path) and the frame that opened it, taken on the same
 * source line as the socket call, so it is exactly the origin the agent must report.
 * Commands on stdin: "open" (all kinds), "timewait" (connect, then close first), "closewait" (the
 * peer closes, we keep ours), "leak" (drop a connected socket and let the GC cleaner close it),
 * "close <name>", "fault" (use sockets while the hooks throw). Lives until stdin closes.
 */
public final class OriginsApp {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();
    private static ServerSocket serverSocket;
    private static Socket socket;
    private static Path unixDir;

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        unixDir = Files.createTempDirectory("jattachstat-origins");
        try {
            for (String line; (line = in.readLine()) != null; ) {
                String[] cmd = line.split(" ");
                switch (cmd[0]) {
                    case "open" -> openAll();
                    case "timewait" -> timeWait();
                    case "closewait" -> closeWait();
                    case "leak" -> leak();
                    case "close" -> socket.close();
                    case "fault" -> useSockets();
                    default -> System.out.println("ERROR unknown command " + line);
                }
                System.out.println("DONE " + cmd[0]);
                System.out.flush();
            }
        } finally {
            try (var files = Files.list(unixDir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(unixDir);
        }
    }

    private static void openAll() throws Exception {
        openServerSocket();
        openSocket();
        Socket accepted = serverSocket.accept();
        KEEP.add(accepted);
        Said.socket("accepted", accepted.getLocalPort() + ">" + accepted.getPort(), "-");
        ServerSocketChannel ssc = openServerSocketChannel();
        SocketChannel sc = openSocketChannel(ssc);
        SocketChannel acceptedChannel = ssc.accept();
        KEEP.add(acceptedChannel);
        Said.socket("acceptedChannel", ((InetSocketAddress) acceptedChannel.getLocalAddress()).getPort() + ">"
                + ((InetSocketAddress) sc.getLocalAddress()).getPort(), "-");
        openDatagramSocket();
        openDatagramChannel();
        ServerSocketChannel unixServer = openUnixServer();
        openUnixClient();
        KEEP.add(unixServer.accept());
        openOnVirtualThread();
    }

    private static void openServerSocket() throws IOException {
        serverSocket = new ServerSocket(0, 50, LOOPBACK); Said.socket("serverSocket", serverSocket.getLocalPort(), Said.here());
        KEEP.add(serverSocket);
    }

    private static void openSocket() throws IOException {
        socket = new Socket(LOOPBACK, serverSocket.getLocalPort()); Said.socket("socket", socket.getLocalPort(), Said.here());
    }

    private static ServerSocketChannel openServerSocketChannel() throws IOException {
        ServerSocketChannel c = ServerSocketChannel.open(); Said.socket("serverSocketChannel", null, Said.here());
        c.bind(new InetSocketAddress(LOOPBACK, 0));
        Said.socket("serverSocketChannel.port", ((InetSocketAddress) c.getLocalAddress()).getPort(), "-");
        KEEP.add(c);
        return c;
    }

    private static SocketChannel openSocketChannel(ServerSocketChannel to) throws IOException {
        SocketChannel c = SocketChannel.open(to.getLocalAddress()); Said.socket("socketChannel", port(c), Said.here());
        KEEP.add(c);
        return c;
    }

    private static void openDatagramSocket() throws IOException {
        DatagramSocket d = new DatagramSocket(0, LOOPBACK); Said.socket("datagramSocket", d.getLocalPort(), Said.here());
        KEEP.add(d);
    }

    private static void openDatagramChannel() throws IOException {
        DatagramChannel d = DatagramChannel.open(); Said.socket("datagramChannel", null, Said.here());
        d.bind(new InetSocketAddress(LOOPBACK, 0));
        Said.socket("datagramChannel.port", port(d.getLocalAddress()), "-");
        KEEP.add(d);
    }

    private static ServerSocketChannel openUnixServer() throws IOException {
        Path path = unixDir.resolve("server.sock");
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX); Said.socket("unixServer", path, Said.here());
        s.bind(UnixDomainSocketAddress.of(path));
        KEEP.add(s);
        return s;
    }

    private static void openUnixClient() throws IOException {
        Path path = unixDir.resolve("server.sock");
        SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path)); Said.socket("unixClient", "-", Said.here());
        KEEP.add(c);
    }

    /** JDK 21+: a socket opened on a virtual thread (Thread.ofVirtual() by reflection: built for 17). */
    private static void openOnVirtualThread() throws Exception {
        Object builder;
        try {
            builder = Thread.class.getMethod("ofVirtual").invoke(null);
        } catch (NoSuchMethodException jdk17) {
           Said.socket("virtual", "none", "-");
            return;
        }
        Runnable task = () -> {
            try {
                openVirtualSocket();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        };
        Thread t = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, task);
        t.join();
    }

    private static void openVirtualSocket() throws IOException {
        Socket s = new Socket(LOOPBACK, serverSocket.getLocalPort()); Said.socket("virtual", s.getLocalPort(), Said.here());
        KEEP.add(s);
        KEEP.add(serverSocket.accept());
    }

    /** We close first: our side of the connection goes to TIME_WAIT. */
    private static void timeWait() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            Socket client = new Socket(LOOPBACK, listener.getLocalPort());
            Socket peer = listener.accept();
            int port = client.getLocalPort();
            client.close(); Said.socket("timewait", port, Said.here());
            peer.close();
        }
    }

    /** The peer closes and we do not: our socket stays in CLOSE_WAIT. */
    private static void closeWait() throws IOException {
        Socket s = new Socket(LOOPBACK, serverSocket.getLocalPort()); Said.socket("closewait", s.getLocalPort(), Said.here());
        KEEP.add(s);
        serverSocket.accept().close();
    }

    /** A connected socket nobody closes: the GC cleaner closes it (and it goes to TIME_WAIT). */
    private static void leak() throws Exception {
        WeakReference<Socket> ref = leakOne();
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        Thread.sleep(500); // the cleaner runs after the reference is cleared
    }

    private static WeakReference<Socket> leakOne() throws IOException {
        Socket s = new Socket(LOOPBACK, serverSocket.getLocalPort()); Said.socket("leak", s.getLocalPort(), Said.here());
        KEEP.add(serverSocket.accept());
        return new WeakReference<>(s);
    }

    /** Every kind of socket call, end to end, while the hooks throw (agent fault switch). */
    private static void useSockets() throws IOException {
        try (ServerSocket l = new ServerSocket(0, 50, LOOPBACK);
             Socket c = new Socket(LOOPBACK, l.getLocalPort());
             Socket a = l.accept();
             ServerSocketChannel ssc = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel sc = SocketChannel.open(ssc.getLocalAddress());
             SocketChannel ac = ssc.accept();
             DatagramSocket d = new DatagramSocket(0, LOOPBACK)) {
            c.getOutputStream().write(42);
            int got = a.getInputStream().read();
            sc.write(java.nio.ByteBuffer.wrap(new byte[] {7}));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ac.read(b);
           Said.socket("fault", got + "," + b.get(0) + "," + d.getLocalPort(), "-");
        }
    }

    private static int port(SocketChannel c) throws IOException {
        return ((InetSocketAddress) c.getLocalAddress()).getPort();
    }

    private static int port(java.net.SocketAddress a) {
        return ((InetSocketAddress) a).getPort();
    }
}
