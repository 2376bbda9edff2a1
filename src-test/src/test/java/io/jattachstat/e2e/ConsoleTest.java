package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JConsole plugin in a real JConsole under Xvfb: with the agent in the target, the Sockets tab
 * shows every socket the JVM holds (the plugin reports its row count) and a screenshot is kept in
 * target/; without it, the tab says how to add the agent, and JConsole keeps running.
 */
class ConsoleTest {
    private static final Pattern ROWS = Pattern.compile("agent=yes rows=(\\d+) shown=(\\d+) listeners=(\\d+) edtMillis=([\\d.]+)");

    @Test
    void theSocketsTabShowsTheTargetsSockets() throws Exception {
        Path jdk = Tools.jdks().get(0);
        Path screenshot = Path.of("target/console-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        try (ForkedJvm zoo = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), Tools.cliJar().toString(),
                "io.jattachstat.cli.demo.SocketZoo")) {
            int before = socketsOf(jdk, zoo.pid()); // before JConsole adds its JMX connection's
            try (JConsoleSession console = JConsoleSession.start(jdk, zoo.pid(), screenshot)) {
                assertShowsEverySocketOfTheZoo(console.awaitReport("agent=yes"), before);
                Path png = console.awaitScreenshot();
                assertThat(Files.size(png)).as("a real rendering of the tab").isGreaterThan(10_000);
            }
        }
    }

    @Test
    void theAgentJarIsThePluginToo() throws Exception {
        Path jdk = Tools.jdks().get(0);
        try (ForkedJvm zoo = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), Tools.cliJar().toString(),
                "io.jattachstat.cli.demo.SocketZoo");
             JConsoleSession console = JConsoleSession.start(jdk, zoo.pid(), null, Zoo.agentJar())) {
            Matcher m = ROWS.matcher(console.awaitReport("agent=yes"));
            assertThat(m.find()).isTrue();
            assertThat(Integer.parseInt(m.group(3))).as("the zoo's listeners").isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void withoutTheAgentTheTabSaysHowToAddIt() throws Exception {
        Path jdk = Tools.jdks().get(0);
        try (ForkedJvm plain = ForkedJvm.start(jdk, List.of(), "", "io.jattachstat.e2e.apps.Idle");
             JConsoleSession console = JConsoleSession.start(jdk, plain.pid(), null)) {
            assertThat(console.awaitReport("agent=no")).isEqualTo("agent=no");
        }
    }

    /** The sockets {@code pid} holds, as netstat -an's rows (every line but the section titles and headers). */
    static int socketsOf(Path jdk, long pid) {
        return (int) Tools.run(List.of(Tools.launcher().toString(), "--no-attach", Long.toString(pid), "-tuwxan"),
                Map.of("JAVA_HOME", jdk.toString())).out().lines().filter(l -> !NetstatOracle.isHeading(l)).count();
    }

    /** The tab's report: at least the zoo's {@code before} sockets (and the console's own), all shown, its listeners. */
    static void assertShowsEverySocketOfTheZoo(String report, int before) {
        Matcher m = ROWS.matcher(report);
        assertThat(m.find()).as(report).isTrue();
        int shown = Integer.parseInt(m.group(1));
        assertThat(shown).as("every socket the zoo holds, and the console's connection").isGreaterThanOrEqualTo(before);
        assertThat(Integer.parseInt(m.group(2))).as("no filter: all rows shown").isEqualTo(shown);
        assertThat(Integer.parseInt(m.group(3))).as("the zoo's listeners").isGreaterThanOrEqualTo(5);
    }
}
