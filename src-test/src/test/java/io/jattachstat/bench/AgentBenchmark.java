package io.jattachstat.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/agent-bench.sh}: what the agent costs. Medians of
 * (1) a hello-world JVM's whole run with {@code -javaagent} against without it;
 * (2) {@code jattachstat <pid> -tan} on a JVM that already has the agent, against
 *     {@code jcmd <pid> VM.version} (the cheapest thing another attach tool does);
 * (3) the first {@code jattachstat <pid> -tan} on a JVM without the agent (it loads it).
 * Run per JDK given on the command line.
 */
public final class AgentBenchmark {
    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path agent = Path.of(args[1]).toAbsolutePath();
        String classPath = System.getProperty("java.class.path");
        for (int i = 2; i < args.length; i++) {
            Path jdk = Path.of(args[i]);
            String java = jdk.resolve("bin/java").toString();
            System.out.println("== " + jdk);
            double plain = median(21, List.of(java, "-cp", classPath, Hello.class.getName()), jdk);
            double withAgent = median(21, List.of(java, "-javaagent:" + agent, "-cp", classPath, Hello.class.getName()), jdk);
            System.out.printf(Locale.ROOT, "hello world: %.1f ms, with -javaagent %.1f ms: +%.1f ms%n", plain, withAgent,
                    withAgent - plain);
            // With -javaagent, the first socket class waits for the hooks (origins from the first line).
            double plainSocket = median(11, List.of(java, "-cp", classPath, Hello.class.getName(), "socket"), jdk);
            double agentSocket = median(11, List.of(java, "-javaagent:" + agent, "-cp", classPath, Hello.class.getName(),
                    "socket"), jdk);
            System.out.printf(Locale.ROOT, "a ServerSocket on main's first line: %.1f ms, with -javaagent %.1f ms: +%.1f ms"
                    + " (the first socket waits for the hooks)%n", plainSocket, agentSocket, agentSocket - plainSocket);
            try (Target target = new Target(java, classPath, "-javaagent:" + agent)) {
                Thread.sleep(3000); // the agent's start is asynchronous: let it finish
                double mine = median(21, List.of(launcher.toString(), target.pid(), "-tan"), jdk);
                double jcmd = median(21, List.of(jdk.resolve("bin/jcmd").toString(), target.pid(), "VM.version"), jdk);
                System.out.printf(Locale.ROOT, "jattachstat <pid> -tan through the agent: %.1f ms; jcmd <pid> VM.version:"
                        + " %.1f ms; ratio %.2f%n", mine, jcmd, mine / jcmd);
            }
            double[] first = new double[7];
            for (int r = 0; r < first.length; r++) {
                try (Target target = new Target(java, classPath, null)) {
                    first[r] = time(List.of(launcher.toString(), target.pid(), "-tan"), jdk);
                }
            }
            Arrays.sort(first);
            System.out.printf(Locale.ROOT, "first jattachstat <pid> -tan, loading the agent: %.1f ms (median of %d)%n%n",
                    first[first.length / 2], first.length);
        }
    }

    private static double median(int runs, List<String> command, Path jdk) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ms[i] = time(command, jdk);
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static double time(List<String> command, Path jdk) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", jdk.toString());
        long start = System.nanoTime();
        pb.start().waitFor();
        return (System.nanoTime() - start) / 1e6;
    }

    /** A JVM holding 1000 loopback sockets, with or without the agent. */
    private static final class Target implements AutoCloseable {
        private final Process process;

        Target(String java, String classPath, String agent) throws Exception {
            List<String> command = new ArrayList<>(List.of(java));
            if (agent != null) {
                command.add(agent);
            }
            command.addAll(List.of("-cp", classPath, SocketFarm.class.getName(), "1000"));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (ready == null || !ready.startsWith("READY")) {
                throw new IllegalStateException("target did not start");
            }
        }

        String pid() {
            return Long.toString(process.pid());
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            process.waitFor();
        }
    }
}
