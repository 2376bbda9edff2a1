package io.jattachstat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
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

    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final String classPath = System.getProperty("java.class.path");
    private final Path launcher;
    private final List<Farm> helpers = new ArrayList<>();

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
        try (Farm dual = new Farm(TARGET_SOCKETS, false); Farm ipv4 = new Farm(TARGET_SOCKETS, true)) {
            System.out.println("host sockets | target   | jattachstat | netstat -tanp | ss -tanp  | lsof -i   "
                    + "| j/netstat | j/ss  | j/lsof | snapshot | cat tcp+6 | snap/cat");
            for (int size : sizes) {
                grow(size - 2 * TARGET_SOCKETS);
                int host = countHostSockets();
                int runs = host > 20000 ? 5 : 11;
                for (Farm target : List.of(dual, ipv4)) {
                    row(host, target, runs);
                }
            }
        } finally {
            for (Farm f : helpers) {
                f.close();
            }
        }
    }

    private void row(int host, Farm target, int runs) throws Exception {
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
            helpers.add(new Farm(n, true));
            have += n;
        }
    }

    private static int countHostSockets() throws IOException {
        int rows = 0;
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "unix")) {
            try (var lines = Files.lines(Path.of("/proc/net", table), StandardCharsets.ISO_8859_1)) {
                rows += (int) lines.count() - 1;
            }
        }
        return rows;
    }

    private static double medianMillis(int runs, List<String> command) throws Exception {
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

    /** A SocketFarm JVM. */
    private final class Farm implements AutoCloseable {
        final int sockets;
        final boolean ipv4;
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        Farm(int sockets, boolean ipv4) throws IOException {
            this.sockets = sockets;
            this.ipv4 = ipv4;
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC"));
            if (ipv4) {
                command.add("-Djava.net.preferIPv4Stack=true");
            }
            command.addAll(List.of("-cp", classPath, SocketFarm.class.getName(), Integer.toString(sockets)));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY")) {
                throw new IOException("socket farm did not start: " + ready);
            }
        }

        long pid() {
            return process.pid();
        }

        long snapshotMicros(int runs) throws IOException {
            in.println("snapshot " + runs);
            return Long.parseLong(out.readLine().trim());
        }

        @Override
        public void close() throws Exception {
            in.close();
            process.waitFor();
        }
    }
}
