package io.jattachstat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/socket-bench.sh}: on a host (a private network namespace) filled with about 1k, 10k,
 * 50k and 100k loopback sockets, times {@code jattachstat --no-attach <pid> -tanp} against
 * {@code netstat -tanp}, {@code ss -tanp} and {@code lsof -nP -a -p <pid> -i} for a JVM owning 1k
 * sockets, and the JVM's warm in-process snapshot against {@code cat} of its tcp and tcp6 tables.
 *
 * <p>Helper JVMs (IPv4 sockets, so they fill /proc/net/tcp) hold the bulk, at most 18000 sockets
 * each because of the per-process fd limit. Two targets: a default dual-stack JVM (its sockets in
 * tcp6, like most JVMs) and one with -Djava.net.preferIPv4Stack=true (its sockets among the
 * helpers' in tcp: the reader cannot skip that table).
 */
public final class SocketBenchmark {
    private static final int TARGET_SOCKETS = 1000;
    private static final int PER_HELPER = 18000;

    private final Path java = FarmJvm.JAVA;
    private final String classPath = FarmJvm.CLASS_PATH;
    private final Path launcher;
    private final List<FarmJvm> helpers = new ArrayList<>();

    private SocketBenchmark(Path launcher) {
        this.launcher = launcher;
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        int[] sizes = Arrays.stream(args.length > 1 ? args[1].split(",") : new String[] {"1000", "10000", "50000", "100000"})
                .mapToInt(Integer::parseInt).toArray();
        new SocketBenchmark(launcher).run(sizes);
    }

    private void run(int[] sizes) throws Exception {
        System.out.printf(Locale.ROOT, "hello-world JVM start (launcher's flags): %.1f ms (median of 11)%n%n",
                medianMillis(11, List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-XX:-UsePerfData", "-Xshare:auto", "-cp", classPath, Hello.class.getName())));
        try (FarmJvm dual = new FarmJvm(TARGET_SOCKETS, false, List.of()); FarmJvm ipv4 = new FarmJvm(TARGET_SOCKETS, true, List.of())) {
            System.out.println("host sockets | target   | jattachstat | netstat -tanp | ss -tanp  | lsof -i   "
                    + "| j/netstat | j/ss  | j/lsof | snapshot | cat tcp+6 | snap/cat");
            for (int size : sizes) {
                grow(size - 2 * TARGET_SOCKETS);
                int host = countHostSockets();
                int runs = host > 20000 ? 5 : 11;
                for (FarmJvm target : List.of(dual, ipv4)) {
                    row(host, target, runs);
                }
            }
        } finally {
            for (FarmJvm f : helpers) {
                f.close();
            }
        }
    }

    private void row(int host, FarmJvm target, int runs) throws Exception {
        String pid = Long.toString(target.pid());
        double mine = medianMillis(runs, List.of(launcher.toString(), "--no-attach", pid, "-tanp"));
        double netstat = medianMillis(runs, List.of("netstat", "-tanp"));
        double ss = medianMillis(runs, List.of("ss", "-tanp"));
        double lsof = medianMillis(runs, List.of("lsof", "-nP", "-a", "-p", pid, "-i"));
        double snapshot = target.snapshotMicros(Math.max(runs, 15)) / 1000.0;
        double cat = medianMillis(Math.max(runs, 15), List.of("cat", "/proc/" + pid + "/net/tcp", "/proc/" + pid + "/net/tcp6"));
        System.out.printf(Locale.ROOT, "%12d | %-8s | %8.1f ms | %10.1f ms | %6.1f ms | %6.1f ms | %9.3f | %5.2f | %6.2f | %5.1f ms | %6.1f ms | %8.2f%n",
                host, target.ipv4 ? "IPv4" : "dual", mine, netstat, ss, lsof, mine / netstat, mine / ss, mine / lsof,
                snapshot, cat, snapshot / cat);
    }

    private void grow(int helperSockets) throws Exception {
        int have = helpers.stream().mapToInt(f -> f.sockets).sum();
        while (have < helperSockets) {
            int n = Math.min(PER_HELPER, helperSockets - have);
            helpers.add(new FarmJvm(n, true, List.of()));
            have += n;
        }
    }

    static int countHostSockets() throws IOException {
        int rows = 0;
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "unix")) {
            try (var lines = Files.lines(Path.of("/proc/net", table), StandardCharsets.ISO_8859_1)) {
                rows += (int) lines.count() - 1;
            }
        }
        return rows;
    }

    /** The median wall time of {@code runs} runs of {@code command}, output discarded. */
    static double medianMillis(int runs, List<String> command) throws Exception {
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }
}
