package io.jattachstat.e2e.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens its listeners when told "go": a ServerSocket with
 * backlog 7, a ServerSocketChannel with the default backlog, a unix ServerSocketChannel with 5.
 * The next line closes them all ("CLOSED"); it then lives until its stdin closes.
 */
public final class Listeners {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        in.readLine();
        Path unix = Files.createTempDirectory("jattachstat-listeners").resolve("l.sock");
        try (ServerSocket a = new ServerSocket(0, 7, InetAddress.getLoopbackAddress());
             ServerSocketChannel b = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                     .bind(UnixDomainSocketAddress.of(unix), 5)) {
            System.out.println("LISTENING " + a.getLocalPort() + " " + ((InetSocketAddress) b.getLocalAddress()).getPort()
                    + " " + unix);
            System.out.flush();
            in.readLine();
        } finally {
            Files.deleteIfExists(unix);
            Files.deleteIfExists(unix.getParent());
        }
        System.out.println("CLOSED");
        System.out.flush();
        while (in.readLine() != null) {
            Thread.onSpinWait();
        }
    }
}
