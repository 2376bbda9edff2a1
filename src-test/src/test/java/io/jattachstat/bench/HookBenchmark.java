package io.jattachstat.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/hook-bench.sh}: what the socket hooks cost the application. Runs each
 * {@link SocketWorkload} in fresh JVMs without the agent, with the agent's defaults and with
 * {@code stacks=always}, rounds interleaved so that drift in the machine hits all three alike, and
 * prints the median throughput of each and its ratio to the run without the agent. Then the heap
 * each tracked socket retains.
 */
public final class HookBenchmark {
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        String java = args[0];
        String agent = args[1];
        String cp = System.getProperty("java.class.path");
        String[][] configs = {{"no agent", null}, {"agent, defaults", "-javaagent:" + agent},
            {"agent, stacks=always", "-javaagent:" + agent + "=stacks=always"}};
        System.out.println("JDK: " + java);
        for (String workload : List.of("connect", "traffic")) {
            double[][] perRound = new double[configs.length][ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                for (int c = 0; c < configs.length; c++) {
                    perRound[c][r] = median(run(java, configs[c][1], cp, workload, "4", "5"));
                }
            }
            double base = median(perRound[0]);
            System.out.printf(Locale.ROOT, "%n%s (%s), ops/s, median of %d JVMs x 5 s:%n", workload,
                    workload.equals("connect") ? "loopback connect + accept + close" : "64-byte request/response, kept alive",
                    ROUNDS);
            for (int c = 0; c < configs.length; c++) {
                double m = median(perRound[c]);
                System.out.printf(Locale.ROOT, "  %-22s %10.0f  ratio %.3f  (%+.1f %%)%n", configs[c][0], m, m / base,
                        (m / base - 1) * 100);
            }
        }
        int connections = 2000;
        double plain = retained(java, null, cp, connections);
        double withAgent = retained(java, "-javaagent:" + agent, cp, connections);
        double always = retained(java, "-javaagent:" + agent + "=stacks=always", cp, connections);
        System.out.printf(Locale.ROOT, "%nheap per socket (%d sockets, after full GC): no agent %.0f B, agent %.0f B "
                + "(+%.0f B per tracked socket), stacks=always %.0f B (+%.0f B)%n", 2 * connections, plain, withAgent,
                withAgent - plain, always, always - plain);
    }

    private static double retained(String java, String agentOption, String cp, int connections) throws Exception {
        double[] perSocket = new double[3];
        for (int i = 0; i < perSocket.length; i++) {
            List<String> out = run(java, agentOption, cp, "retain", "4", Integer.toString(connections));
            String[] f = out.get(0).split(" ");
            perSocket[i] = Double.parseDouble(f[1]) / Double.parseDouble(f[3]);
        }
        return median(perSocket);
    }

    private static List<String> run(String java, String agentOption, String cp, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m"));
        if (agentOption != null) {
            command.add(agentOption);
        }
        command.addAll(List.of("-cp", cp, SocketWorkload.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line.startsWith("ops ") ? line.substring(4) : line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("workload failed: " + command);
        }
        return lines;
    }

    private static double median(List<String> values) {
        return median(values.stream().mapToDouble(Double::parseDouble).toArray());
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
