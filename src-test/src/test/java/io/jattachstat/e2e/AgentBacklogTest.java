package io.jattachstat.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without TCP_INFO (Temurin 25 without native access; or jna=false) a listener's maximum backlog is
 * the one recorded when it started listening, capped by somaxconn: it must equal ss's Send-Q, for
 * TCP and unix listeners, and the application's log must stay clean (no JVM warning of ours).
 */
class AgentBacklogTest {
    static Stream<Arguments> jvms() {
        List<Path> jdks = Tools.jdks();
        return Stream.of(Arguments.of(jdks.get(0), "jna=false"), Arguments.of(jdks.get(jdks.size() - 1), ""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jvms")
    void recordsTheBacklogAtListenTime(Path jdk, String options) throws Exception {
        String agent = "-javaagent:" + Zoo.agentJar() + (options.isEmpty() ? "" : "=" + options);
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of(agent), "", "io.jattachstat.e2e.apps.Listeners")) {
            app.send("go"); // at once: the listen hooks are there from the first line of main
            String[] listening = app.readUntil("LISTENING").get(0).split(" ");
            Thread.sleep(1100); // one refresh interval: the next view takes a new snapshot
            Tools.Result view = Tools.run(List.of(Tools.launcher().toString(), Long.toString(app.pid()), "-tln"),
                    Map.of("JAVA_HOME", jdk.toString()));
            assertThat(view.out()).contains(":" + listening[1] + " ", ":" + listening[2] + " ");
            Map<String, String> ss = Map.of(
                    listening[1], sendQ("-ltnH", ":" + listening[1] + " "),
                    listening[2], sendQ("-ltnH", ":" + listening[2] + " "),
                    listening[3], sendQ("-lxH", listening[3] + " "));
            assertThat(ss.values()).containsExactlyInAnyOrder("7", "50", "5");
            String mbeans = Tools.run(List.of(AgentMBeansTest.java(), "-cp", AgentMBeansTest.testClasses(),
                    "io.jattachstat.e2e.probe.JmxProbe", Long.toString(app.pid())), Map.of()).out();
            for (Map.Entry<String, String> e : ss.entrySet()) {
                String key = e.getKey().startsWith("/") ? "path=\"" + e.getKey() + "\"|" : ",port=" + e.getKey() + "|";
                assertThat(mbeans).contains(key + "MaxBacklog=" + e.getValue(), key + "BacklogSource=bind");
            }
            assertThat(app.stderr()).as("nothing of ours in the application's log").isEmpty();

            // Closed listeners lose their MBeans (the probe takes a new snapshot first).
            app.send("close");
            app.readUntil("CLOSED");
            Thread.sleep(1100);
            String after = Tools.run(List.of(AgentMBeansTest.java(), "-cp", AgentMBeansTest.testClasses(),
                    "io.jattachstat.e2e.probe.JmxProbe", Long.toString(app.pid())), Map.of()).out();
            assertThat(after).contains("type=Listener").doesNotContain(",port=" + listening[1] + "|",
                    ",port=" + listening[2] + "|", listening[3]);
        }
    }

    /** Waits (10 s at most) until the agent's description contains {@code line}: its start is asynchronous. */
    static void awaitAgent(Path jdk, long pid, String line) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 100; i++) {
            last = Tools.run(List.of(Tools.launcher().toString(), Long.toString(pid), "--agent"),
                    Map.of("JAVA_HOME", jdk.toString())).out();
            if (last.contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent never said '" + line + "':\n" + last);
    }

    /** ss's Send-Q (a listener's maximum backlog) of the one listener whose line contains {@code match}. */
    private static String sendQ(String ssOptions, String match) {
        return Tools.run(List.of("ss", ssOptions), Map.of()).out().lines().filter(l -> l.contains(match))
                .map(l -> l.trim().split("\\s+")[ssOptions.contains("x") ? 3 : 2]).findFirst().orElse("none");
    }
}
