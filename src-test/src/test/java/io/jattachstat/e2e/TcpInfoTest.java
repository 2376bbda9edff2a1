package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --tcp-info} on the zoo (alone in its network namespace, so ss there sees only its sockets):
 * every TCP row the CLI prints is followed by ss's line for it, and the fields that stay put on an
 * idle connection (congestion algorithm, wscale, rto, mss, cwnd) are the very values {@code ss -tin}
 * prints for the same connection; through the agent and with --no-attach (pidfd_getfd, as root), on
 * JDK 17 and Temurin 25.
 */
class TcpInfoTest {
    private static final Pattern STABLE = Pattern.compile("^(wscale|rto|mss|cwnd):");

    static Stream<Path> jdks() {
        return Tools.jdks().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everyTcpRowCarriesTheLineSsPrintsForIt(Path jdk) throws Exception {
        try (Zoo zoo = Zoo.start(jdk, Zoo.withAgent(jdk))) {
            for (boolean noAttach : new boolean[] {false, true}) {
                Map<String, List<String>> ours = Map.of();
                Map<String, List<String>> ss = Map.of();
                // A connection may change between the two reads (a probe, a delayed ACK): look again.
                for (int attempt = 0; attempt < 3 && (attempt == 0 || !ours.equals(ss)); attempt++) {
                    String view = noAttach ? AgentOriginsTest.cli(jdk, zoo.pid(), "--no-attach", "-tan", "--tcp-info").out()
                            : AgentOriginsTest.cli(jdk, zoo.pid(), "-tan", "--tcp-info").out();
                    ours = fromCli(view);
                    ss = fromSs(Tools.run(List.of("nsenter", "-t", Long.toString(zoo.pid()), "-n", "--", "ss",
                            "-tainpH"), Map.of()).out(), zoo.pid());
                }
                assertThat(ours).as(noAttach ? "--no-attach" : "through the agent").isNotEmpty().isEqualTo(ss);
            }
            String json = AgentOriginsTest.cli(jdk, zoo.pid(), "-tan", "--tcp-info", "--json").out();
            assertThat(json.lines().filter(l -> l.contains("\"transport\":\"tcp\""))).isNotEmpty()
                    .allMatch(l -> l.matches(".*\"tcpInfo\":\\{\"congestion\":\"[a-z0-9_]+\".*\"cwnd\":[1-9].*"));
            Matcher established = Pattern.compile("\"state\":\"ESTABLISHED\".*\"fd\":(\\d+)").matcher(json);
            assertThat(established.find()).isTrue();
            assertThat(AgentOriginsTest.jmxInNamespaceOf(zoo.pid(), "Sockets", "describe", established.group(1)))
                    .containsPattern("\n  tcp-info: [a-z0-9_]+ .*cwnd:[1-9]");
        }
    }

    @Test
    void withoutNativeAccessTheAgentSaysWhyAndPrintsTheRows() throws Exception {
        Path jdk = Tools.jdk25();
        try (Zoo zoo = Zoo.start(jdk, List.of("-javaagent:" + Zoo.agentJar()))) {
            Tools.Result r = AgentOriginsTest.cli(jdk, zoo.pid(), "-tan", "--tcp-info");
            assertThat(r.err()).startsWith("jattachstat: no TCP_INFO: JNA not loaded: on JDK 25")
                    .contains("--enable-native-access").hasLineCount(1);
            assertThat(r.out()).contains("ESTABLISHED").doesNotContain("\t");
            assertThat(zoo.stderr()).as("no native-access warning in the application's log")
                    .doesNotContain("WARNING");
        }
    }

    @Test
    void optionsItDoesNotGoWith() {
        Tools.Result r = Tools.run(List.of(Tools.launcher().toString(), "1", "-s", "--tcp-info"), Map.of());
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("jattachstat: --tcp-info goes with the socket views (-t, -a, -l, ...), not"
                + " with --summary, -s, -r, -i or -M\n");
    }

    /** Each TCP row's "local remote" and the stable fields of the line under it. */
    private static Map<String, List<String>> fromCli(String view) {
        Map<String, List<String>> rows = new TreeMap<>();
        List<String> lines = view.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("tcp")) {
                String[] f = lines.get(i).trim().split("\\s+");
                String info = i + 1 < lines.size() && lines.get(i + 1).startsWith("\t ") ? lines.get(i + 1) : "(none)";
                add(rows, endpoint(f[3]) + " " + endpoint(f[4]), info);
            }
        }
        return rows;
    }

    /** The same from ss's rows of {@code pid} (ss -tainpH: a row, then its info line). */
    private static Map<String, List<String>> fromSs(String out, long pid) {
        Map<String, List<String>> rows = new TreeMap<>();
        List<String> lines = out.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).startsWith("\t") && lines.get(i).contains("pid=" + pid + ",")) {
                String[] f = lines.get(i).trim().split("\\s+");
                add(rows, endpoint(f[3]) + " " + endpoint(f[4]), lines.get(i + 1));
            }
        }
        return rows;
    }

    private static void add(Map<String, List<String>> rows, String key, String info) {
        String[] words = info.trim().split("\\s+");
        List<String> stable = new ArrayList<>(List.of(words[0])); // the congestion algorithm
        Stream.of(words).filter(w -> STABLE.matcher(w).find()).forEach(stable::add);
        rows.computeIfAbsent(key, k -> new ArrayList<>()).add(String.join(" ", stable));
        rows.get(key).sort(null);
    }

    /** An address as both print it: "127.0.0.1:80", a wildcard host "*", no port "*". */
    private static String endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon).replace("[", "").replace("]", "").replace("::ffff:", "");
        String port = text.substring(colon + 1);
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() || host.equals("*")) {
            host = "*";
        }
        return host + ":" + (port.equals("0") ? "*" : port);
    }
}
