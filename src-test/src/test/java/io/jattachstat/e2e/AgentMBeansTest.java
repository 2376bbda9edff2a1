package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's MBeans, read by a plain JMX client in its own JVM with no project class on its class
 * path ({@code JmxProbe}), against what netstat and ss say of the same zoo JVM in its own network
 * namespace. Loaded with -javaagent and dynamically, on JDK 17 and Temurin 25.
 */
class AgentMBeansTest {
    static Stream<Arguments> loadings() {
        List<Arguments> all = new ArrayList<>();
        for (Path jdk : Tools.jdks()) {
            boolean modern = !jdk.equals(Tools.jdks().get(0));
            all.add(Arguments.of(jdk, "-javaagent", modern ? List.of("--enable-native-access=ALL-UNNAMED") : List.of()));
            all.add(Arguments.of(jdk, "dynamic", List.of()));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("loadings")
    void mbeansAgreeWithNetstatAndSs(Path jdk, String loading, List<String> extraOptions) throws Exception {
        List<String> options = new ArrayList<>(extraOptions);
        if (loading.equals("-javaagent")) {
            options.add("-javaagent:" + Zoo.agentJar());
        }
        try (Zoo zoo = Zoo.start(jdk, options)) {
            if (loading.equals("dynamic")) {
                Tools.Result load = NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tn"), true);
                assertThat(load.err()).as("the CLI loaded the agent").doesNotContain("reading /proc");
            }
            Process probe = startProbe(zoo.pid());
            try {
                Map<String, String> mbeans = readProbe(probe);
                // The JMX connection is still open: netstat sees the same sockets the snapshot saw.
                String netstat = NetstatOracle.ownedRows(zoo.netstat(List.of("-anp")).out(),
                        zoo.netstat(List.of("-anp")).out(), zoo.pid());
                assertThat(mbeans.get("jattachstat:type=Agent|LoadedBy"))
                        .isEqualTo(loading.equals("dynamic") ? "dynamic attach" : "-javaagent");
                assertCountsAgree(mbeans, netstat);
                assertListenersAgreeWithSs(zoo, mbeans, jdk, loading);
            } finally {
                probe.getOutputStream().close();
                probe.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void pollingEveryAttributeReadsProcAtMostOncePerInterval() throws Exception {
        try (Zoo zoo = Zoo.start(Tools.jdks().get(0), List.of("-javaagent:" + Zoo.agentJar() + "=refresh=60000"))) {
            Tools.Result r = Tools.run(probeCommand(zoo.pid(), "poll"), Map.of());
            assertThat(r.out()).as(r.err()).contains("procReadsDuringPoll=0");
        }
    }

    /**
     * The console's one call per refresh: open data a client with no class of ours reads, whose rows
     * carry, each beside its socket's fields, the very line netstat -an prints for that socket.
     */
    @Test
    void theConsoleSnapshotCarriesNetstatsRowForEachSocket() throws Exception {
        try (Zoo zoo = Zoo.start(Tools.jdks().get(0), List.of("-javaagent:" + Zoo.agentJar()))) {
            Process probe = new ProcessBuilder("nsenter", "-t", Long.toString(zoo.pid()), "-n", "--", java(), "-cp",
                    testClasses(), "io.jattachstat.e2e.probe.ConsoleProbe", Long.toString(zoo.pid()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                for (String line; (line = r.readLine()) != null && !line.equals("END"); ) {
                    lines.add(line);
                }
                // The probe's connection is still open: netstat sees the sockets the snapshot saw.
                String owned = NetstatOracle.ownedRows(zoo.netstat(List.of("-an")).out(),
                        zoo.netstat(List.of("-anp")).out(), zoo.pid());
                assertThat(owned).as("netstat's two runs saw the same sockets").isNotNull();
                assertThat(lines).anyMatch(l -> l.startsWith("originsTracked=")).anyMatch(l -> l.startsWith("listeners\t"));
                List<String> consoleRows = lines.stream().filter(l -> l.startsWith("sockets\t"))
                        .map(l -> l.substring(l.indexOf("\tnetstatLine=") + "\tnetstatLine=".length()))
                        .map(l -> l.contains("\t") ? l.substring(0, l.indexOf('\t')) : l).sorted().toList();
                List<String> netstatRows = owned.lines().filter(l -> !NetstatOracle.isHeading(l)).sorted().toList();
                assertThat(consoleRows).hasSizeGreaterThan(10).isEqualTo(netstatRows);
            } finally {
                probe.getOutputStream().close();
                probe.waitFor(10, TimeUnit.SECONDS);
                probe.destroyForcibly();
            }
        }
    }

    private static void assertCountsAgree(Map<String, String> mbeans, String netstatRows) {
        Map<String, Integer> expected = new HashMap<>();
        for (String row : netstatRows.lines().filter(l -> !NetstatOracle.isHeading(l)).toList()) {
            String[] f = row.trim().split("\\s+");
            String proto = f[0].startsWith("tcp") ? "Tcp" : f[0].startsWith("udp") ? "Udp" : f[0].startsWith("raw") ? "Raw" : "Unix";
            expected.merge(proto, 1, Integer::sum);
            if (proto.equals("Tcp")) {
                expected.merge("Tcp" + f[5], 1, Integer::sum);
            }
        }
        String s = "jattachstat:type=Sockets|";
        assertThat(Integer.parseInt(mbeans.get(s + "Tcp"))).as("Tcp").isEqualTo(expected.getOrDefault("Tcp", 0));
        assertThat(Integer.parseInt(mbeans.get(s + "Udp"))).as("Udp").isEqualTo(expected.getOrDefault("Udp", 0));
        assertThat(Integer.parseInt(mbeans.get(s + "Unix"))).as("Unix").isEqualTo(expected.getOrDefault("Unix", 0));
        assertThat(Integer.parseInt(mbeans.get(s + "TcpListen"))).isEqualTo(expected.getOrDefault("TcpLISTEN", 0));
        assertThat(Integer.parseInt(mbeans.get(s + "TcpEstablished"))).isEqualTo(expected.getOrDefault("TcpESTABLISHED", 0));
        assertThat(Integer.parseInt(mbeans.get(s + "TcpCloseWait"))).isEqualTo(1);
        assertThat(Long.parseLong(mbeans.get(s + "ReceiveQueueBytes"))).as("zoo's queued bytes").isGreaterThan(2496);
        assertThat(mbeans.get(s + "Netstat")).startsWith("Active Internet connections (servers and established)");
        assertThat(mbeans.get("netstat(-tln)")).contains("LISTEN");
    }

    /** ss shows a listener's accept queue as Recv-Q and its maximum backlog as Send-Q. */
    private static void assertListenersAgreeWithSs(Zoo zoo, Map<String, String> mbeans, Path jdk, String loading) {
        Tools.Result ss = Tools.run(List.of("nsenter", "-t", Long.toString(zoo.pid()), "-n", "--", "ss", "-ltnH"), Map.of());
        boolean jnaRefused = !jdk.equals(Tools.jdks().get(0)) && loading.equals("dynamic");
        int checked = 0;
        for (String line : ss.out().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            String port = f[3].substring(f[3].lastIndexOf(':') + 1);
            String prefix = mbeans.keySet().stream().filter(k -> k.contains("type=Listener") && k.contains(",port=" + port + "|"))
                    .map(k -> k.substring(0, k.indexOf('|') + 1)).findFirst().orElse(null);
            assertThat(prefix).as("a Listener MBean for %s", line).isNotNull();
            assertThat(mbeans.get(prefix + "AcceptQueue")).as("accept queue of %s", line).isEqualTo(f[1]);
            if (jnaRefused) {
                assertThat(mbeans.get(prefix + "BacklogSource")).isEqualTo("unknown");
                assertThat(mbeans.get(prefix + "MaxBacklog")).isEqualTo("-1");
            } else {
                assertThat(mbeans.get(prefix + "BacklogSource")).isEqualTo("TCP_INFO");
                assertThat(mbeans.get(prefix + "MaxBacklog")).as("backlog of %s", line).isEqualTo(f[2]);
            }
            checked++;
        }
        assertThat(checked).as("the zoo's TCP listeners").isGreaterThanOrEqualTo(4);
        if (jnaRefused) {
            assertThat(mbeans.get("jattachstat:type=Agent|Capabilities")).contains("jna: no:", "JEP 472");
        }
    }

    private static Process startProbe(long pid) throws Exception {
        return new ProcessBuilder(probeCommand(pid, "hold")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * The probe runs in the zoo's network namespace: the JDK's local JMX connector listens on the
     * target's own loopback, which no other namespace can reach (the reason the CLI uses a unix socket).
     */
    private static List<String> probeCommand(long pid, String mode) {
        return List.of("nsenter", "-t", Long.toString(pid), "-n", "--", java(), "-cp", testClasses(),
                "io.jattachstat.e2e.probe.JmxProbe", Long.toString(pid), "-tln", mode);
    }

    /** Reads "name|attribute=value" lines up to END; the netstat(...) result is stored under its call. */
    private static Map<String, String> readProbe(Process probe) throws Exception {
        Map<String, String> values = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        String call = null;
        StringBuilder result = new StringBuilder();
        for (String line; (line = r.readLine()) != null && !line.equals("END"); ) {
            if (line.startsWith("netstat(")) {
                call = line.substring(0, line.indexOf(")=") + 1);
            } else if (call != null) {
                result.append(line).append('\n');
            } else {
                int bar = line.indexOf('|');
                int eq = line.indexOf('=', bar);
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (call != null) {
            values.put(call, result.toString());
        }
        assertThat(values).as("the probe read the MBeans").isNotEmpty();
        return values;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Only the test classes: the probe sees no project class (they are in other jars). */
    static String testClasses() {
        return Path.of("target/test-classes").toAbsolutePath().toString();
    }
}
