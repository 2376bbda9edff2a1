package io.jattachstat.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each alert crosses and clears on a real JVM — CLOSE_WAIT sockets, a listener's accept queue, file
 * descriptors against a limit lowered with prlimit — and both a JMX client (as JConsole subscribes)
 * and {@code jattachstat <pid> --alerts} receive exactly one notification per crossing.
 */
class AgentAlertsTest {
    static List<Path> jdks() {
        return Tools.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachThresholdRaisesOnceAndClearsOnce(Path jdk) throws Exception {
        Tools.require(Tools.onPath("prlimit"), "prlimit (util-linux)");
        String agent = "-javaagent:" + Zoo.agentJar() + "=refresh=100,check=200,alertCloseWait=5,alertAcceptQueue=0.8";
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of(agent), AgentMetricsTest.micrometerClassPath(),
                "io.jattachstat.e2e.apps.MetricsApp", "no-registry");
             Lines jmx = Lines.of(List.of(AgentMBeansTest.java(), "-cp", AgentMBeansTest.testClasses(),
                     "io.jattachstat.e2e.probe.JmxAlerts", Long.toString(app.pid())))) {
            String pid = Long.toString(app.pid());
            int backlogged = Integer.parseInt(app.readyLine.split(" ")[2]);
            assertThat(jmx.next()).isEqualTo("SUBSCRIBED");

            // The zoo has 3 CLOSE_WAIT sockets; 2 more reach the threshold of 5.
            command(app, "closewait 2");
            assertThat(jmx.next()).isEqualTo("NOTIFICATION jattachstat.close-wait.raised raised "
                    + "close-wait raised: 5 sockets in CLOSE_WAIT (threshold 5)");

            // The CLI, arriving now, prints the raised alert first (with the time it was raised), then follows.
            try (Lines cli = Lines.of(List.of(Tools.launcher().toString(), pid, "--alerts"),
                    Map.of("JAVA_HOME", jdk.toString()))) {
                List<String> seen = new ArrayList<>();
                seen.add(cli.next());
                command(app, "closewait 3");
                command(app, "release"); // 8 → 0, below 4: cleared
                assertThat(jmx.next()).isEqualTo("NOTIFICATION jattachstat.close-wait.cleared cleared "
                        + "close-wait cleared: 0 sockets in CLOSE_WAIT (clears below 4)");
                seen.add(cli.next());

                command(app, "fill"); // 3 of 5 waiting become 5 of 5
                String full = "accept-queue raised: tcp 127.0.0.1:" + backlogged
                        + " has 5 of 5 connections waiting to be accepted (100%) (threshold 80%)";
                assertThat(jmx.next()).isEqualTo("NOTIFICATION jattachstat.accept-queue.raised raised " + full);
                seen.add(cli.next());
                command(app, "drain");
                assertThat(jmx.next()).isEqualTo("NOTIFICATION jattachstat.accept-queue.cleared cleared "
                        + "accept-queue cleared: tcp 127.0.0.1:" + backlogged
                        + " has 0 of 5 connections waiting to be accepted (0%) (clears below 64%)");
                seen.add(cli.next());

                // File descriptors: a limit of 256, then open files up to just past 90 % of it.
                assertThat(Tools.run(List.of("prlimit", "--pid", pid, "--nofile=256:256"), Map.of()).status()).isZero();
                command(app, "fds-to 232"); // counted in the app: the agent's own come and go as it works
                String raised = jmx.next();
                assertThat(raised).startsWith("NOTIFICATION jattachstat.fds.raised raised fds raised: ")
                        .containsPattern(" of 256 file descriptors open \\(9[01]%\\) \\(threshold 90%\\)$");
                seen.add(cli.next());
                command(app, "unfds");
                assertThat(jmx.next()).startsWith("NOTIFICATION jattachstat.fds.cleared cleared fds cleared: ");
                seen.add(cli.next());

                // The CLI printed the same six alerts, each once, with the time first.
                List<String> cliMessages = seen.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
                assertThat(seen).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z .*"));
                assertThat(cliMessages.get(0)).isEqualTo("close-wait raised: 5 sockets in CLOSE_WAIT (threshold 5)");
                assertThat(cliMessages.get(2)).isEqualTo(full);
                assertThat(cliMessages.get(4)).isEqualTo(raised.substring(raised.indexOf("fds raised")));
                assertThat(jmx.poll(1)).as("no second notification for any crossing").isNull();
                assertThat(cli.poll(0)).isNull();
            }
            assertThat(app.stderr()).isEmpty();
        }
    }

    private static void command(ForkedJvm app, String line) throws IOException {
        app.send(line);
        assertThat(app.readUntil("DONE")).last().isEqualTo("DONE " + line);
    }

    /** A child process's stdout, line by line, read on a thread of its own; closing it kills the process. */
    static final class Lines implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Lines(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException ended) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Lines of(List<String> command) throws IOException {
            return of(command, Map.of());
        }

        static Lines of(List<String> command, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(env);
            return new Lines(pb.start());
        }

        /** The next line, within 15 s. */
        String next() throws InterruptedException {
            String l = lines.poll(15, TimeUnit.SECONDS);
            assertThat(l).as("a line within 15 s").isNotNull();
            return l;
        }

        String poll(int seconds) throws InterruptedException {
            return lines.poll(seconds, TimeUnit.SECONDS);
        }

        /** Kills the process and its children (the launcher's first run on a JDK runs java as a child). */
        @Override
        public void close() throws Exception {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
