package io.jattachstat.e2e;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first promise: for the same options, {@code jattachstat --no-attach <pid>} prints the rows the
 * real netstat prints for that process's sockets, byte for byte (timer seconds masked).
 *
 * <p>A zoo JVM (listeners on 127.0.0.1, 127.0.0.2, ::1 and the wildcard; established pairs; a
 * CLOSE_WAIT with unread bytes; a stuck writer; un-accepted connections; UDP with queued datagrams;
 * unix listeners, one path with a space) runs alone in its own network namespace, on each JDK and
 * both with dual-stack and with IPv4-only sockets; the CLI runs on the same JDK. A third zoo per JDK
 * runs with the agent ({@code -javaagent}), and the CLI asks the agent instead of reading /proc.
 */
class NetstatOracleTest {
    /** More than twenty option sets, the short, clustered and long spellings of each display. */
    static final List<String> OPTION_SETS = List.of(
            "", "-a", "-n", "-an", "-l", "-ln", "-t", "-tn", "-ta", "-tan", "-tln", "-tulnp", "-tanp",
            "-tane", "-tanep", "-tanepo", "-tae", "-taeo", "-u", "-uan", "-uanep", "-ua", "-x", "-xa", "-xap",
            "-xl", "-xlp", "-w", "-wan", "-A inet -an", "-A inet6 -an", "-A unix -a", "-A inet,unix -an",
            "--inet -a", "--ip -an", "-4 -an", "-6 -an", "--tcp --listening --numeric", "--tcp --all --numeric-hosts",
            "--tcp --all --numeric-ports", "--tcp --all --extend --numeric-users", "--all --numeric --extend --programs",
            "--udp --raw --all --timers --numeric", "--unix --all --program", "-taW", "-tanW", "-anW", "-tap",
            "-ape", "-ao", "-v -tan", "-tu", "-lp", "-ant -e -e");

    static Stream<Arguments> jvms() {
        List<Arguments> jvms = new ArrayList<>();
        for (Path jdk : Tools.jdks()) {
            jvms.add(Arguments.of(jdk, "dual-stack", List.of(), false));
            jvms.add(Arguments.of(jdk, "IPv4 only", List.of("-Djava.net.preferIPv4Stack=true"), false));
            jvms.add(Arguments.of(jdk, "-javaagent", List.of("-javaagent:" + Zoo.agentJar()), true));
        }
        return jvms.stream();
    }

    @ParameterizedTest(name = "{1} zoo on {0}")
    @MethodSource("jvms")
    void printsTheRowsNetstatPrintsForTheProcess(Path jdk, String kind, List<String> jvmOptions, boolean viaAgent)
            throws Exception {
        try (Zoo zoo = Zoo.start(jdk, jvmOptions)) {
            SoftAssertions softly = new SoftAssertions();
            int compared = 0;
            for (String optionSet : OPTION_SETS) {
                List<String> options = optionSet.isEmpty() ? List.of() : List.of(optionSet.split(" "));
                Comparison c = compare(zoo, jdk, options, viaAgent);
                softly.assertThat(c.actual).as("jattachstat --no-attach %d %s (JDK %s)\n%s", zoo.pid(), optionSet,
                        jdk, zoo.readyLine).isEqualTo(c.expected);
                softly.assertThat(c.status).as("exit status for '%s'", optionSet).isEqualTo(c.expectedStatus);
                if (viaAgent) {
                    softly.assertThat(c.err).as("stderr for '%s': the CLI must have asked the agent", optionSet)
                            .doesNotContain("reading /proc");
                }
                compared++;
            }
            softly.assertAll();
            assertThat(compared).isGreaterThanOrEqualTo(20);
        }
    }

    private record Comparison(String expected, String actual, int expectedStatus, int status, String err) {
    }

    /**
     * Live sockets move (timers, a probe count, a queue still filling), so a pair of reads may straddle
     * a change; a few attempts find a quiet moment. A real difference differs on every attempt.
     */
    private static Comparison compare(Zoo zoo, Path jdk, List<String> options, boolean viaAgent)
            throws InterruptedException {
        Comparison last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            Tools.Result mine = jattachstat(jdk, zoo.pid(), options, viaAgent);
            Tools.Result plain = zoo.netstat(options);
            Tools.Result withPrograms = zoo.netstat(NetstatOracle.withPrograms(options));
            String expected = NetstatOracle.ownedRows(plain.out(), withPrograms.out(), zoo.pid());
            last = new Comparison(expected == null ? null : NetstatOracle.maskTimers(expected),
                    NetstatOracle.maskTimers(mine.out()), plain.status(), mine.status(), mine.err());
            if (last.actual.equals(last.expected) && last.status == last.expectedStatus) {
                return last;
            }
            Thread.sleep(300);
        }
        return last;
    }

    static Tools.Result jattachstat(Path jdk, long pid, List<String> options, boolean viaAgent) {
        List<String> command = new ArrayList<>(List.of(Tools.launcher().toString(), Long.toString(pid)));
        if (!viaAgent) {
            command.add("--no-attach");
        }
        command.addAll(options);
        return Tools.run(command, Map.of("JAVA_HOME", jdk.toString(), "LC_ALL", "C"));
    }
}
