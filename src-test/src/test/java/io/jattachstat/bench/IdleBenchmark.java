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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/idle-bench.sh}: the CPU the agent's own threads use in a JVM nobody asks anything
 * (its unasked checks: listeners, alerts, meters), on a host (a private network namespace) holding
 * 100k and 200k loopback TCP sockets, for an IPv4-only target JVM owning 1000 of them (its rows
 * among the host's in /proc/net/tcp): the agent's defaults, which ask the kernel per fd, against
 * {@code jna=false}, which reads /proc as the netstat views do. CPU is read from the agent threads'
 * {@code /proc/<pid>/task/<tid>/stat} (clock ticks) over the measured seconds (the per-fd target
 * has {@code refresh=100}, so that each view asked of it reads its sockets again; the unasked checks
 * still come every 5 s). Then: how long the agent's per-fd read of the JVM's sockets takes (it keeps its last read
 * times, shown by --agent), and {@code jattachstat <pid> --summary} through the agent against
 * {@code lsof -nP -a -p <pid> -i}, which reads the host's whole TCP tables to find the JVM's sockets.
 */
public final class IdleBenchmark {
    private static final int TARGET_SOCKETS = 1000;
    private static final int PER_HELPER = 18000;
    private static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux
    private static final Pattern PER_FD_READ = Pattern.compile("per-fd reads: median ([0-9.]+) ms");

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        Path launcher = Path.of(args[1]);
        int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "100000,200000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        List<FarmJvm> helpers = new ArrayList<>();
        int held = 0;
        try {
            System.out.printf(Locale.ROOT, "An IPv4-only JVM owning %d sockets; agent threads' CPU while idle, %% of one core"
                    + " over %d s (check every 5 s); the agent's per-fd read of its sockets (median of its last"
                    + " reads: at rest, by the checks; asked, by 15 --summary in a row); jattachstat <pid>"
                    + " --summary through the agent (15 runs) against lsof -nP -a -p <pid> -i (7), median wall"
                    + " times:%n", TARGET_SOCKETS, seconds);
            System.out.println("host sockets | per fd (default) | /proc (jna=false) | per fd / proc | per-fd read"
                    + " at rest | asked    | --summary | lsof -i  | summary / lsof");
            for (int size : sizes) {
                while (held < size - TARGET_SOCKETS) {
                    int n = Math.min(PER_HELPER, size - TARGET_SOCKETS - held);
                    helpers.add(new FarmJvm(n, true, List.of()));
                    held += n;
                }
                int host = SocketBenchmark.countHostSockets();
                Look perFd = look(agent, "=refresh=100", seconds, launcher);
                Look proc = look(agent, "=jna=false", seconds, null);
                System.out.printf(Locale.ROOT, "%12d | %14.3f %% | %15.3f %% | %13.2f | %11.2f ms | %5.2f ms | %6.1f ms |"
                                + " %5.1f ms | %14.2f%n", host + TARGET_SOCKETS, perFd.idlePercent, proc.idlePercent,
                        perFd.idlePercent / proc.idlePercent, perFd.readAtRestMillis, perFd.readAskedMillis,
                        perFd.summaryMillis, perFd.lsofMillis, perFd.summaryMillis / perFd.lsofMillis);
            }
        } finally {
            for (FarmJvm f : helpers) {
                f.close();
            }
        }
    }

    /** One target's figures; all but the first only when asked for (NaN otherwise). */
    private record Look(double idlePercent, double readAtRestMillis, double readAskedMillis, double summaryMillis,
                        double lsofMillis) {
    }

    /**
     * A fresh IPv4-only target with the agent: its agent threads' CPU over {@code seconds}, after a
     * warm-up; with a {@code launcher}, then also the agent's per-fd read time (from --agent) and
     * --summary through it against lsof, asked after the CPU was measured so as not to add to it.
     */
    private static Look look(String agent, String options, int seconds, Path launcher) throws Exception {
        try (FarmJvm target = new FarmJvm(TARGET_SOCKETS, true, List.of("-javaagent:" + agent + options))) {
            // The agent starts, installs its hooks, and makes its first checks (every 5 s), the JIT
            // compiling what each check runs: a long-running service's steady state is measured.
            Thread.sleep(40_000);
            long before = agentTicks(target.pid());
            Thread.sleep(seconds * 1000L);
            long used = agentTicks(target.pid()) - before;
            double idle = used * TICK_MILLIS * 100.0 / (seconds * 1000.0);
            if (launcher == null) {
                return new Look(idle, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            String pid = Long.toString(target.pid());
            double atRest = perFdReadMillis(launcher, pid);
            // Each --summary reads the sockets again (refresh=100): the reads of a JVM being asked.
            double summary = SocketBenchmark.medianMillis(15, List.of(launcher.toString(), pid, "--summary"));
            double asked = perFdReadMillis(launcher, pid);
            double lsof = SocketBenchmark.medianMillis(7, List.of("lsof", "-nP", "-a", "-p", pid, "-i"));
            return new Look(idle, atRest, asked, summary, lsof);
        }
    }

    /** The median of the agent's last per-fd reads, as --agent shows it. */
    private static double perFdReadMillis(Path launcher, String pid) throws Exception {
        Process p = new ProcessBuilder(launcher.toString(), pid, "--agent").redirectErrorStream(true).start();
        Matcher read = PER_FD_READ.matcher(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return read.find() ? Double.parseDouble(read.group(1)) : Double.NaN;
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
