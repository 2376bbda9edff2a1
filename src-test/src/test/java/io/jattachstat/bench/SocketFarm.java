package io.jattachstat.bench;

import io.jattachstat.model.Protocol;
import io.jattachstat.proc.SocketTableReader;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A JVM holding {@code N} loopback TCP sockets (N/2 connections, both ends kept). Prints
 * {@code READY <pid>}, then answers {@code snapshot K} on stdin with the median time, in
 * microseconds, of K warm in-process snapshots of its own tcp and tcp6 sockets; exits at EOF.
 */
public final class SocketFarm {
    private static final Set<Protocol> TCP = EnumSet.of(Protocol.TCP, Protocol.TCP6);

    public static void main(String[] args) throws Exception {
        int sockets = Integer.parseInt(args[0]);
        List<SocketChannel> held = new ArrayList<>();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(loopback, 0), 4096);
            for (int i = 0; i < sockets / 2; i++) {
                held.add(SocketChannel.open(listener.getLocalAddress()));
                held.add(listener.accept());
            }
        }
        System.out.println("READY " + ProcessHandle.current().pid() + " " + held.size());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("snapshot ")) {
                System.out.println(medianSnapshotMicros(Integer.parseInt(line.substring(9))));
                System.out.flush();
            }
        }
        java.lang.ref.Reference.reachabilityFence(held); // unreachable sockets may be closed by the GC
    }

    private static long medianSnapshotMicros(int runs) throws Exception {
        SocketTableReader reader = SocketTableReader.live();
        for (int i = 0; i < 10; i++) {
            reader.read("self", TCP); // warm-up: the JVM is long-running, so measure it warm
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            int rows = reader.read("self", TCP).inet(Protocol.TCP6).size();
            micros[i] = (System.nanoTime() - start) / 1000 + (rows < 0 ? 1 : 0);
        }
        Arrays.sort(micros);
        return micros[runs / 2];
    }
}
