package io.jattachstat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/idle-bench.sh}: the CPU the agent's own threads use in a JVM nobody asks anything
 * (its unasked checks: listeners, alerts, meters), on a host (a private network namespace) holding
 * 100k and 200k loopback TCP sockets, for an IPv4-only target JVM owning 1000 of them (its rows
 * among the host's in /proc/net/tcp): the agent's defaults, which ask the kernel per fd, against
 * {@code jna=false}, which reads /proc as the netstat views do. CPU is read from the agent threads'
 * {@code /proc/<pid>/task/<tid>/stat} (clock ticks) over the measured seconds.
 */
public final class IdleBenchmark {
    private static final int TARGET_SOCKETS = 1000;
    private static final int PER_HELPER = 18000;
    private static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "100000,200000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        List<FarmJvm> helpers = new ArrayList<>();
        int held = 0;
        try {
            System.out.printf(Locale.ROOT, "agent threads' CPU while idle, %% of one core over %d s (check every 5 s):%n",
                    seconds);
            System.out.println("host sockets | per fd (defaults) | /proc (jna=false) | per fd / proc");
            for (int size : sizes) {
                while (held < size - TARGET_SOCKETS) {
                    int n = Math.min(PER_HELPER, size - TARGET_SOCKETS - held);
                    helpers.add(new FarmJvm(n, true, List.of()));
                    held += n;
                }
                int host = SocketBenchmark.countHostSockets();
                double perFd = idlePercent(agent, "", seconds);
                double proc = idlePercent(agent, "=jna=false", seconds);
                System.out.printf(Locale.ROOT, "%12d | %15.3f %% | %15.3f %% | %.2f%n", host + TARGET_SOCKETS, perFd, proc,
                        perFd / proc);
            }
        } finally {
            for (FarmJvm f : helpers) {
                f.close();
            }
        }
    }

    /** A fresh IPv4-only target with the agent: its agent threads' CPU over {@code seconds}, after a warm-up. */
    private static double idlePercent(String agent, String options, int seconds) throws Exception {
        try (FarmJvm target = new FarmJvm(TARGET_SOCKETS, true, List.of("-javaagent:" + agent + options))) {
            // The agent starts, installs its hooks, and makes its first checks (every 5 s), the JIT
            // compiling what each check runs: a long-running service's steady state is measured.
            Thread.sleep(40_000);
            long before = agentTicks(target.pid());
            Thread.sleep(seconds * 1000L);
            long used = agentTicks(target.pid()) - before;
            return used * TICK_MILLIS * 100.0 / (seconds * 1000.0);
        }
    }

    /** utime + stime of the threads named jattachstat-*, in clock ticks. */
    private static long agentTicks(long pid) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (!stat.substring(open + 1, close).startsWith("jattachstat")) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" "); // fields from 3 (state) on
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
            }
        }
        return ticks;
    }
}
