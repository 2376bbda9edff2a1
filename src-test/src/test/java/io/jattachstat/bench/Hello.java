package io.jattachstat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The smallest JVM run: what any Java CLI pays before doing anything. With "socket", it opens and
 * closes a listener on its first line, as a service does: with -javaagent, that first socket waits
 * for the agent's hooks.
 */
public final class Hello {
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("socket")) {
            new ServerSocket(0, 50, InetAddress.getLoopbackAddress()).close();
        }
        System.out.println("hello");
    }
}
