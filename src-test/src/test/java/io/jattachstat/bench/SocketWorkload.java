package io.jattachstat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured workload in its own JVM (with or without the agent), for {@link HookBenchmark}:
 * <ul>
 *   <li>{@code connect W S}: loopback connect + accept + close in a loop; W seconds of warm-up
 *       (the agent installs its hooks in that time), then prints "ops N" per second over S seconds;</li>
 *   <li>{@code traffic W S}: request/response (64 bytes each way) on one kept-alive connection, both
 *       ends driven by one thread (loopback delivers a write into the peer's queue at once), so
 *       that the figure is the cost of the socket calls and not the scheduler's wake-up latency,
 *       which on a small VM varies by half from one JVM to the next;</li>
 *   <li>{@code reads W S}: a blocking read that finds its data, the case the wait hooks must not
 *       slow: one byte written, then read back, on one connection, by one thread (one read and one
 *       write per op, both through the hooked {@code NioSocketImpl});</li>
 *   <li>{@code retain W N}: opens N connections (2N sockets) and prints "bytes B": the heap they
 *       added after a full GC.</li>
 * </ul>
 */
public final class SocketWorkload {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.parseLong(args[1]) * 1000;
        long n = Long.parseLong(args[2]);
        try (ServerSocket server = new ServerSocket(0, 4096, LOOPBACK)) {
            switch (args[0]) {
                case "connect" -> connect(server, warmupMillis, n);
                case "traffic" -> traffic(server, warmupMillis, n);
                case "reads" -> reads(server, warmupMillis, n);
                case "retain" -> retain(server, warmupMillis, (int) n);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void connect(ServerSocket server, long warmupMillis, long seconds) throws Exception {
        Thread acceptor = daemon(() -> {
            while (true) {
                server.accept().close();
            }
        });
        acceptor.start();
        loop(warmupMillis, seconds, () -> new Socket(LOOPBACK, server.getLocalPort()).close());
    }

    private static void traffic(ServerSocket server, long warmupMillis, long seconds) throws Exception {
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket peer = server.accept()) {
            client.setTcpNoDelay(true);
            peer.setTcpNoDelay(true);
            OutputStream request = client.getOutputStream();
            InputStream requestIn = peer.getInputStream();
            OutputStream response = peer.getOutputStream();
            InputStream responseIn = client.getInputStream();
            byte[] b = new byte[64];
            loop(warmupMillis, seconds, () -> {
                request.write(b);
                requestIn.readNBytes(b, 0, 64);
                response.write(b);
                if (responseIn.readNBytes(b, 0, 64) != 64) {
                    throw new IOException("peer closed");
                }
            });
        }
    }

    private static void reads(ServerSocket server, long warmupMillis, long seconds) throws Exception {
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket peer = server.accept()) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            InputStream in = peer.getInputStream();
            loop(warmupMillis, seconds, () -> {
                out.write(1);
                if (in.read() < 0) {
                    throw new IOException("peer closed");
                }
            });
        }
    }

    private static void retain(ServerSocket server, long warmupMillis, int connections) throws Exception {
        Thread.sleep(warmupMillis);
        List<Socket> keep = new ArrayList<>();
        long before = usedAfterGc();
        for (int i = 0; i < connections; i++) {
            keep.add(new Socket(LOOPBACK, server.getLocalPort()));
            keep.add(server.accept());
        }
        long after = usedAfterGc();
        System.out.println("bytes " + (after - before) + " sockets " + keep.size());
        for (Socket s : keep) {
            s.close();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private interface Op {
        void run() throws Exception;
    }

    private static void loop(long warmupMillis, long seconds, Op op) throws Exception {
        long warmEnd = System.nanoTime() + warmupMillis * 1_000_000;
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long s = 0; s < seconds; s++) {
            long end = System.nanoTime() + 1_000_000_000L;
            long agentCpu = agentCpuNanos(threads);
            long ops = 0;
            while (System.nanoTime() < end) {
                op.run();
                ops++;
            }
            // Throughput, and the CPU time the agent's own threads used in that second.
            System.out.println("ops " + ops + " agentCpuNanos " + (agentCpuNanos(threads) - agentCpu));
        }
    }

    /** CPU time used so far by the agent's threads (all named "jattachstat-..."). */
    private static long agentCpuNanos(java.lang.management.ThreadMXBean threads) {
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("jattachstat")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread daemon(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                // the workload ends by exiting; the server thread just stops
            }
        });
        t.setDaemon(true);
        return t;
    }
}
