package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent never harms its host: whatever fails, the application keeps running, the agent logs one
 * line and the Agent MBean (shown by {@code jattachstat <pid> --agent}) says what is missing.
 */
class AgentSafetyTest {
    private static final Path JDK = Tools.jdks().get(0);

    private static Tools.Result cli(long pid, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.launcher().toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of("JAVA_HOME", JDK.toString()));
    }

    private static String agent(String options) {
        return "-javaagent:" + Zoo.agentJar() + (options.isEmpty() ? "" : "=" + options);
    }

    @Test
    void badOptionsAreReportedOnceAndTheirDefaultsUsed() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(JDK, List.of(agent("refresh=abc,bogus=1,refresh=50")), "",
                "io.jattachstat.e2e.apps.Idle")) {
            Tools.Result info = cli(app.pid(), "--agent");
            assertThat(info.out()).contains("options:      refresh=1000,control=true",
                    "option error: bad value 'abc' for agent option 'refresh'; using 1000",
                    "option error: unknown agent option 'bogus'",
                    "option error: bad value '50' for agent option 'refresh'; using 1000");
            String stderr = app.stderr();
            assertThat(stderr.split("unknown agent option 'bogus'", -1)).hasSize(2);
            assertThat(stderr.lines().filter(l -> l.startsWith("jattachstat: ")).count()).isEqualTo(3);
        }
    }

    @Test
    void anUnreadableProcLeavesTheApplicationRunning() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(JDK, List.of(agent("proc=/nonexistent")), "",
                "io.jattachstat.e2e.apps.Idle")) {
            Tools.Result info = cli(app.pid(), "--agent");
            assertThat(info.out()).contains("proc: no: cannot read /nonexistent/self/net/tcp6");
            Tools.Result view = cli(app.pid(), "-tan");
            assertThat(view.out()).isEqualTo("Active Internet connections (servers and established)\n"
                    + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n");
            assertThat(app.stderr().lines().filter(l -> l.contains("cannot read /nonexistent")).count()).isEqualTo(1);
        }
    }

    @Test
    void jnaThatCannotLoadLeavesBacklogsUnknown() throws Exception {
        try (Zoo zoo = Zoo.start(JDK, List.of("-Djna.nounpack=true", "-Djna.nosys=true", agent("")))) {
            AgentBacklogTest.awaitAgent(JDK, zoo.pid(), "mbeans: yes");
            Thread.sleep(1100); // past one refresh interval, a view makes the listeners ask for TCP_INFO
            assertThat(cli(zoo.pid(), "-tln").out()).contains("LISTEN");
            Tools.Result info = cli(zoo.pid(), "--agent");
            assertThat(info.out()).contains("jna: no: ").doesNotContain("errors:       0");
            assertThat(zoo.stderr().lines().filter(l -> l.startsWith("jattachstat: jna: cannot load JNA")).count())
                    .isEqualTo(1);
        }
    }

    @Test
    void anMBeanNameTakenByTheApplicationLeavesItRunning() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(JDK, List.of(agent("mbeanDelay=1000")), "",
                "io.jattachstat.e2e.apps.Idle", "squat")) {
            AgentBacklogTest.awaitAgent(JDK, app.pid(), "mbeans: ");
            Tools.Result info = cli(app.pid(), "--agent");
            assertThat(info.out()).contains("mbeans: no: javax.management.InstanceAlreadyExistsException");
            assertThat(app.stderr()).contains("jattachstat: mbeans: javax.management.InstanceAlreadyExistsException");
            assertThat(cli(app.pid(), "-xl").out()).as("the control socket still answers").contains("LISTENING");
        }
    }

    @Test
    void opensNoTcpOrUdpPort() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(JDK, List.of(agent("")), "", "io.jattachstat.e2e.apps.Idle")) {
            AgentBacklogTest.awaitAgent(JDK, app.pid(), "mbeans: yes"); // the agent's start is done
            Tools.Result inet = cli(app.pid(), "--no-attach", "-tuwan");
            assertThat(inet.out()).isEqualTo("Active Internet connections (servers and established)\n"
                    + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n");
            assertThat(cli(app.pid(), "--no-attach", "-xlp").out())
                    .containsPattern("/tmp/\\.jattachstat-" + app.pid() + "-[a-z0-9]+/control\\.sock\n").hasLineCount(3);
        }
    }

    @Test
    void noAgentThreadKeepsTheJvmAlive() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(JDK, List.of(agent("")), "", "io.jattachstat.e2e.apps.Idle", "exit")) {
            assertThat(app.awaitExit(20)).as("the JVM ended when main returned").isZero();
        }
    }
}
