package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the agent may not ask the kernel per fd (Temurin 25 without native access: JNA refused), its
 * unasked looks read /proc, whose cost follows the host's sockets: with 16k of them on the host and
 * the check option at its minimum (100 ms), the interval stretches so that the looks stay within
 * 0.5 % of one core, as the kernel counts the check thread's CPU time (schedstat), and --agent says
 * the interval in force and why.
 */
class CheckBudgetTest {
    private static final Pattern CHECK = Pattern.compile("(?m)^check: +every (\\d+) ms: (.*)$");
    private static final long WINDOW_MILLIS = 15_000;

    @Test
    void withoutNativeAccessTheChecksStretchToStayWithinTheirBudget() throws Exception {
        Path jdk = Tools.jdk25();
        try (ForkedJvm farm = ForkedJvm.start(Tools.jdk17(), List.of(), Tools.cliJar().toString(),
                     "io.jattachstat.bench.SocketFarm", "16000");
             ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar() + "=check=100,refresh=100"),
                     "", "io.jattachstat.e2e.apps.Idle")) {
            Matcher check = CHECK.matcher("");
            long deadline = System.currentTimeMillis() + 20_000;
            do {
                Thread.sleep(500);
                check = CHECK.matcher(AgentOriginsTest.cli(jdk, app.pid(), "--agent").out());
            } while ((!check.find() || Long.parseLong(check.group(1)) == 100) && System.currentTimeMillis() < deadline);
            assertThat(check.group(2)).as(check.group())
                    .startsWith("stretched from 100 ms (check option) to keep under 0.5 % of one core: a look costs")
                    .contains("reading the sockets from /proc, as the netstat views (per-fd reading unavailable:"
                            + " JNA not loaded: on JDK 25");
            long interval = Long.parseLong(check.group(1));
            assertThat(interval).isGreaterThan(100);

            Path thread = checkThread(app.pid());
            long before = cpuNanos(thread);
            Thread.sleep(WINDOW_MILLIS);
            double percent = (cpuNanos(thread) - before) / 1e6 * 100 / WINDOW_MILLIS;
            // At most the budget, give or take one look falling into the window or out of it.
            double oneLook = 100.0 * interval * 0.005 / WINDOW_MILLIS;
            assertThat(percent).as("the check thread's share of one core, looking every %d ms", interval)
                    .isLessThanOrEqualTo(0.5 + oneLook);
            assertThat(farm.readyLine).isNotEmpty();
        }
    }

    /** The agent's check thread, whose name the kernel cuts to 15 characters. */
    private static Path checkThread(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).trim().equals("jattachstat-che");
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
    }

    /** The time the thread has spent on a CPU, in ns (schedstat's first field). */
    private static long cpuNanos(Path thread) throws IOException {
        return Long.parseLong(Files.readString(thread.resolve("schedstat")).trim().split(" ")[0]);
    }
}
