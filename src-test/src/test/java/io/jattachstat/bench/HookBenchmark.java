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
 * {@link SocketWorkload} without the agent, with the agent's defaults and with {@code stacks=always},
 * and prints the median throughput of each and its ratio to the run without the agent; then the
 * heap each tracked socket retains.
 *
 * <p>Connect/close runs in fresh JVMs per configuration. Traffic on an established connection
 * varies by ±10 % from one JVM to the next on a small VM, more than the 1 % to be shown, so it is
 * measured inside one JVM: seconds without the agent, then the agent is loaded (dynamic attach,
 * with the configuration's options) and, after a warm-up, seconds with it; the figure is the
 * median of the per-JVM ratios. Each JVM runs in a network namespace of its
 * own: a connect loop leaves tens of thousands of TIME_WAIT rows, which slow the next run's
 * connect() (port search), so a shared namespace would favour whichever configuration ran first.
 * The order of the configurations rotates from round to round, so that drift hits all alike.
 */
public final class HookBenchmark {
    private static final int ROUNDS = 5;
    private static final int TRAFFIC_ROUNDS = 3;
    /**
     * Seconds before measuring: the agent installs its hooks about a second after start, and the
     * JDK methods it retransforms run interpreted until the JIT compiles them again.
     */
    private static final String WARMUP = "10";

    public static void main(String[] args) throws Exception {
        String java = args[0];
        String agent = args[1];
        // Optional third argument: which parts to run, e.g. "retain" (default: connect,traffic,reads,retain).
        List<String> parts = List.of((args.length > 2 ? args[2] : "connect,traffic,reads,retain").split(","));
        String cp = System.getProperty("java.class.path");
        String[][] configs = {{"no agent", null}, {"agent, defaults", "-javaagent:" + agent},
            {"agent, stacks=always", "-javaagent:" + agent + "=stacks=always"}};
        System.out.println("JDK: " + java);
        if (parts.contains("connect")) {
            connect(java, cp, configs);
        }
        if (parts.contains("traffic")) {
            traffic(java, cp, agent);
        }
        if (parts.contains("reads")) {
            reads(java, cp, agent);
        }
        if (parts.contains("retain")) {
            retain(java, cp, agent);
        }
    }

    private static void connect(String java, String cp, String[][] configs) throws Exception {
        double[] medians = inFreshJvms(java, cp, configs, "connect");
        System.out.printf(Locale.ROOT, "%nconnect (loopback connect + accept + close), ops/s, median of %d JVMs x 4 s after %s s"
                + " of warm-up:%n", ROUNDS, WARMUP);
        for (int c = 0; c < configs.length; c++) {
            double m = medians[c];
            System.out.printf(Locale.ROOT, "  %-22s %10.0f  ratio %.3f  (%+.1f %%)%n", configs[c][0], m, m / medians[0],
                    (m / medians[0] - 1) * 100);
        }
    }

    /**
     * The median ops/s of {@code workload} for each configuration, each round in fresh JVMs, the
     * order rotated from round to round so that drift hits all alike.
     */
    private static double[] inFreshJvms(String java, String cp, String[][] configs, String workload) throws Exception {
        double[][] perRound = new double[configs.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < configs.length; i++) {
                int c = (i + r) % configs.length;
                perRound[c][r] = median(run(java, configs[c][1], cp, workload, WARMUP, "4"));
            }
        }
        double[] medians = new double[configs.length];
        for (int c = 0; c < configs.length; c++) {
            medians[c] = median(perRound[c]);
        }
        return medians;
    }

    /**
     * A blocking read that finds its data, with and without the wait hooks (which bracket every
     * blocking operation: the kernel blocks inside the read itself, so the time must be taken
     * before it): fresh JVMs, as for connect, with the agent without its wait hooks and with them.
     */
    private static void reads(String java, String cp, String agent) throws Exception {
        String[][] configs = {{"no agent", null}, {"agent, waits=false", "-javaagent:" + agent + "=waits=false"},
            {"agent, defaults (waits)", "-javaagent:" + agent}};
        double[] medians = inFreshJvms(java, cp, configs, "reads");
        double base = medians[0];
        System.out.printf(Locale.ROOT, "%nblocking read that finds its data (write 1 byte, read it back; one read and one"
                + " write per op), median of %d JVMs x 4 s after %s s of warm-up:%n", ROUNDS, WARMUP);
        for (int c = 0; c < configs.length; c++) {
            double m = medians[c];
            System.out.printf(Locale.ROOT, "  %-24s %10.0f ops/s  %7.1f ns/op  ratio %.3f  (%+.1f %%)%n", configs[c][0], m,
                    1e9 / m, m / base, (m / base - 1) * 100);
        }
    }

    private static void traffic(String java, String cp, String agent) throws Exception {
        System.out.printf(Locale.ROOT, "%ntraffic (64-byte request/response on one kept-alive connection), same JVM before and"
                + " after the agent is loaded, median ratio of %d JVMs:%n", TRAFFIC_ROUNDS);
        // The control loads nothing: what the method itself reads as a difference (drift, noise).
        String[][] loads = {{"nothing (A/A control)", null}, {"agent, defaults", ""}, {"agent, stacks=always", "stacks=always"}};
        double[][] ratios = new double[loads.length][TRAFFIC_ROUNDS];
        double[][] before = new double[loads.length][TRAFFIC_ROUNDS];
        double[][] agentShare = new double[loads.length][TRAFFIC_ROUNDS];
        for (int r = 0; r < TRAFFIC_ROUNDS; r++) {
            for (int i = 0; i < loads.length; i++) {
                int c = (i + r) % loads.length;
                double[] ab = beforeAndAfterLoading(java, cp, loads[c][1] == null ? null : agent, loads[c][1]);
                before[c][r] = ab[0];
                ratios[c][r] = ab[1] / ab[0];
                agentShare[c][r] = ab[2];
            }
        }
        for (int c = 0; c < loads.length; c++) {
            double m = median(ratios[c]);
            System.out.printf(Locale.ROOT, "  loading %-22s %10.0f ops/s before; after/before %.3f  (%+.1f %%)  per JVM %s%n",
                    loads[c][0], median(before[c]), m, (m - 1) * 100, Arrays.toString(round(ratios[c])));
        }
        // Throughput on a small VM is too noisy to resolve 1 %; the agent's own CPU while measuring is
        // exact, and no hook runs on the data path, so it bounds what the agent takes from the traffic.
        for (int c = 1; c < loads.length; c++) {
            System.out.printf(Locale.ROOT, "  CPU used by the agent's threads while measuring, %s: %.3f %% of the time "
                    + "(max of %d JVMs)%n", loads[c][0], max(agentShare[c]) * 100, TRAFFIC_ROUNDS);
        }
    }

    /**
     * The heap each tracked socket retains: the records, not the agent's /proc snapshot (which holds
     * every socket's row until its next refresh, whether or not origins are on). A refresh interval
     * of an hour keeps the snapshot taken at start, before the sockets exist.
     */
    private static void retain(String java, String cp, String agent) throws Exception {
        int connections = 2000;
        double plain = retained(java, null, cp, connections);
        double withAgent = retained(java, "-javaagent:" + agent + "=refresh=3600000", cp, connections);
        double always = retained(java, "-javaagent:" + agent + "=refresh=3600000,stacks=always", cp, connections);
        System.out.printf(Locale.ROOT, "%nheap per socket (%d sockets, after full GC): no agent %.0f B, agent %.0f B "
                + "(+%.0f B per tracked socket), stacks=always %.0f B (+%.0f B)%n", 2 * connections, plain, withAgent,
                withAgent - plain, always, always - plain);
    }

    /**
     * Median ops/s of the traffic workload over 6 s without the agent, then over 6 s with it; and
     * the share of those 6 s the agent's threads spent on a CPU.
     */
    private static double[] beforeAndAfterLoading(String java, String cp, String agent, String options) throws Exception {
        List<String> command = List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"",
                java, "-Xms256m", "-Xmx256m", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading",
                "-cp", cp, SocketWorkload.class.getName(), "traffic", WARMUP, "30");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            double[] before = new double[6];
            for (int i = 0; i < before.length; i++) {
                before[i] = Double.parseDouble(in.readLine().split(" ")[1]);
            }
            // sh exec's the JVM: the process is the JVM (only the network namespace is its own).
            if (agent != null) {
                com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(p.pid()));
                vm.loadAgent(agent, options);
                vm.detach();
            }
            for (int i = 0; i < 10; i++) {
                in.readLine(); // the hooks install and the retransformed classes are compiled again
            }
            double[] after = new double[6];
            long agentCpu = 0;
            for (int i = 0; i < after.length; i++) {
                String[] f = in.readLine().split(" ");
                after[i] = Double.parseDouble(f[1]);
                agentCpu += Long.parseLong(f[3]);
            }
            return new double[] {median(before), median(after), agentCpu / (after.length * 1e9)};
        } finally {
            p.destroy();
            p.waitFor();
        }
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
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"",
                java, "-Xms256m", "-Xmx256m"));
        if (agentOption != null) {
            command.add(agentOption);
        }
        command.addAll(List.of("-cp", cp, SocketWorkload.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line.startsWith("ops ") ? line.split(" ")[1] : line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("workload failed: " + command);
        }
        return lines;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double[] round(double[] ratios) {
        double[] out = new double[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            out[i] = Math.round(ratios[i] * 1000) / 1000.0;
        }
        return out;
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
