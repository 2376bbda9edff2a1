package io.jattachstat.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own (older) JNA, Byte Buddy and Micrometer runs unchanged with the agent:
 * it gets its own copies, and the agent its own (JNA 5.19.1, loaded for TCP_INFO in the same JVM).
 */
class AgentIsolationTest {
    @ParameterizedTest(name = "with agent: {0}")
    @ValueSource(booleans = {false, true})
    void theApplicationSeesItsOwnLibraries(boolean withAgent) throws Exception {
        Path jdk = Tools.jdks().get(0);
        Path libs = Path.of(System.getProperty("jattachstat.isolationLibs", "target/isolation-libs"));
        String classPath;
        try (Stream<Path> jars = Files.list(libs)) {
            classPath = jars.map(Path::toString).sorted().collect(Collectors.joining(":"));
        }
        List<String> options = withAgent ? List.of("-javaagent:" + Zoo.agentJar()) : List.of();
        try (ForkedJvm app = ForkedJvm.start(jdk, options, classPath, "io.jattachstat.e2e.apps.IsolationApp")) {
            if (withAgent) {
                // Past one refresh interval (1 s), a view makes the agent take a new snapshot, see the
                // application's listener and load its own JNA for TCP_INFO.
                Thread.sleep(1100);
                Tools.Result view = Tools.run(List.of(Tools.launcher().toString(), Long.toString(app.pid()), "-tln"),
                        Map.of("JAVA_HOME", jdk.toString()));
                assertThat(view.err()).isEmpty();
                Tools.Result info = Tools.run(List.of(Tools.launcher().toString(), Long.toString(app.pid()), "--agent"),
                        Map.of("JAVA_HOME", jdk.toString()));
                // No OpenTelemetry here: the binding waits for one, with no error.
                assertThat(info.out()).contains("jna: yes (JNA 5.19.1)")
                        .contains("opentelemetry: not on the application's class path (yet)\n")
                        .contains("errors:       0\n");
            }
            app.send("go");
            String out = String.join("\n", app.readUntil("DONE"));
            assertThat(out).contains("jna=5.12.1 " + libs.resolve("jna-5.12.1.jar"))
                    .contains("getpid=" + app.pid())
                    .contains("bytebuddy=io.jattachstat.e2e.apps.Made " + libs.resolve("byte-buddy-1.18.12.jar"))
                    .contains("micrometer=1.0 " + libs.resolve("micrometer-core-1.16.0.jar"))
                    .contains(withAgent ? "agent=0.1.0 (-javaagent" : "agent=null");
            assertThat(app.stderr()).doesNotContain("Exception");
        }
    }
}
