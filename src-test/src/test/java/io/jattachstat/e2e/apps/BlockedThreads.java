package io.jattachstat.e2e.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads stuck on sockets, each named for what it does: a read with no timeout, a read with a
 * 1-hour SO_TIMEOUT, an accept with none and one with 1 hour, a blocking SocketChannel read, and
 * connects (with no timeout and with 1 hour) to a listener whose backlog is full, and on JDK 21+ a
 * virtual thread reading with no timeout ("virtual-read"). Says "SOCKET name port -" for each (the listener's port for accept and connect),
 * then "READY pid"; "release" makes the
 * timeout-less reader's peer send a byte ("RELEASED" once its thread is done). Lives until stdin closes.
 */
public final class BlockedThreads {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        Socket noTimeout = new Socket(LOOPBACK, server.getLocalPort());
        Socket noTimeoutPeer = server.accept();
        Socket hour = new Socket(LOOPBACK, server.getLocalPort());
        KEEP.add(server.accept());
        hour.setSoTimeout(3_600_000);
        ServerSocket idle = new ServerSocket(0, 50, LOOPBACK);
        ServerSocket idleTimed = new ServerSocket(0, 50, LOOPBACK);
        idleTimed.setSoTimeout(3_600_000);
        ServerSocketChannel channelServer = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        SocketChannel channel = SocketChannel.open(channelServer.getLocalAddress());
        KEEP.add(channelServer.accept());
        // A backlog of 1, filled: the kernel drops the next SYNs, and that connect blocks.
        ServerSocket full = new ServerSocket(0, 1, LOOPBACK);
        for (int i = 0; i < 10; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()), 200);
                KEEP.add(s);
            } catch (java.net.SocketTimeoutException queueFull) {
                s.close();
                break;
            }
        }
        KEEP.addAll(List.of(server, noTimeout, hour, idle, idleTimed, channelServer, channel, full));
        Thread reader = start("read-no-timeout", () -> noTimeout.getInputStream().read());
        start("read-1h", () -> hour.getInputStream().read());
        start("accept", idle::accept);
        start("accept-1h", idleTimed::accept);
        start("channel-read", () -> channel.read(ByteBuffer.allocate(16)));
        Socket connecting = new Socket();
        Socket connectingTimed = new Socket();
        KEEP.addAll(List.of(connecting, connectingTimed));
        start("connect-1h", () -> {
            connectingTimed.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()), 3_600_000);
            return null;
        });
        start("connect-full", () -> {
            connecting.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()));
            return null;
        });
        Socket virtualReading = new Socket(LOOPBACK, server.getLocalPort());
        KEEP.addAll(List.of(virtualReading, server.accept()));
        if (startVirtual("virtual-read", () -> virtualReading.getInputStream().read())) {
            say("virtual-read", virtualReading.getLocalPort());
        }
        say("read-no-timeout", noTimeout.getLocalPort());
        say("read-1h", hour.getLocalPort());
        say("accept", idle.getLocalPort());
        say("accept-1h", idleTimed.getLocalPort());
        say("connect-1h", full.getLocalPort());
        say("channel-read", ((InetSocketAddress) channel.getLocalAddress()).getPort());
        say("connect-full", full.getLocalPort());
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("release")) {
                noTimeoutPeer.getOutputStream().write(1);
                reader.join(10_000);
                System.out.println("RELEASED");
                System.out.flush();
            }
        }
    }

    private interface Blocking {
        Object run() throws Exception;
    }

    private static Thread start(String name, Blocking call) {
        Thread t = new Thread(() -> {
            try {
                call.run();
            } catch (Exception e) {
                // the JVM is ending
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A virtual thread (JDK 21+, through reflection: this class is compiled for 17); false on 17. */
    private static boolean startVirtual(String name, Blocking call) throws ReflectiveOperationException {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException onJdk17) {
            return false;
        }
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(ofVirtual.invoke(null), name);
        builder.getMethod("start", Runnable.class).invoke(named, (Runnable) () -> {
            try {
                call.run();
            } catch (Exception e) {
                // the JVM is ending
            }
        });
        return true;
    }

    private static void say(String name, int port) {
        Said.socket(name, port, "-");
    }
}
