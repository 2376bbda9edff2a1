package io.jattachstat.e2e.apps;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens on unix sockets whose names hold terminal escape sequences, in the directory given as its
 * argument: what a socket path of somebody else's may hold when an administrator looks at it.
 */
public final class OddNames {
    /** Clears the screen and homes the cursor, then turns the text red; a bell. */
    public static final List<String> NAMES = List.of("esc\u001b[2J\u001b[H\u001b[31mred.sock", "bell\u0007.sock");

    public static void main(String[] args) throws Exception {
        List<ServerSocketChannel> open = new ArrayList<>();
        for (String name : NAMES) {
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(Path.of(args[0], name)));
            open.add(s);
        }
        System.out.println("READY " + ProcessHandle.current().pid() + " " + open.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
    }
}
