package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who can load the agent, how often, and what the CLI does when it cannot. */
class AgentLoadingTest {
    private static final String JEP_451_WARNING = "A Java agent has been loaded dynamically";

    static List<Path> jdks() {
        return Tools.jdks();
    }

    /** The CLI loads the agent once; later calls ask it, and no second JEP 451 warning appears. */
    @ParameterizedTest
    @MethodSource("jdks")
    void theCliLoadsTheAgentOnceAndThenAsksIt(Path jdk) throws Exception {
        try (Zoo zoo = Zoo.start(jdk, List.of())) {
            for (int i = 0; i < 3; i++) {
                Tools.Result r = NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tln"), true);
                assertThat(r.err()).as("call %d", i).isEmpty();
                assertThat(r.out()).contains("LISTEN");
            }
            AgentBacklogTest.awaitAgent(jdk, zoo.pid(), "mbeans: yes");
            Tools.Result info = cli(jdk, Long.toString(zoo.pid()), "--agent");
            assertThat(info.out()).contains("loaded by:    dynamic attach");
            int warnings = zoo.stderr().split(JEP_451_WARNING, -1).length - 1;
            assertThat(warnings).as("JEP 451 warnings in the target's log").isEqualTo(jdk.equals(Tools.jdk17()) ? 0 : 1);
            assertThat(cli(jdk).out()).contains(zoo.pid() + " io.jattachstat.cli.demo.SocketZoo [agent]");
        }
    }

    /** Asked while its -javaagent is still starting, the CLI waits for it rather than load it again. */
    @Test
    void aJvmStartedWithTheAgentIsNeverLoadedAgain() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(Tools.jdk25(), List.of("-javaagent:" + Zoo.agentJar()), "",
                "io.jattachstat.e2e.apps.Idle")) {
            Tools.Result r = cli(Tools.jdk25(), Long.toString(app.pid()), "-xl");
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).containsPattern("/tmp/\\.jattachstat-" + app.pid() + "-[a-z0-9]+/control\\.sock");
            assertThat(app.stderr()).as("no dynamic load, no JEP 451 warning").isEmpty();
        }
    }

    @Test
    void jcmdLoadsItAndASecondLoadDoesNothing() throws Exception {
        Path jcmd = Tools.jdk17().resolve("bin/jcmd");
        Tools.require(Files.isExecutable(jcmd), "jcmd");
        try (Zoo zoo = Zoo.start(Tools.jdk17(), List.of("-javaagent:" + Zoo.agentJar()))) {
            Tools.Result load = Tools.run(List.of(jcmd.toString(), Long.toString(zoo.pid()), "JVMTI.agent_load",
                    Zoo.agentJar().toString()), Map.of());
            assertThat(load.status()).as(load.out() + load.err()).isZero();
            waitFor(() -> zoo.stderr().contains("agent already loaded"));
            assertThat(zoo.stderr()).contains("jattachstat: agent already loaded (0.1.0 (-javaagent");
            assertThat(cli(Tools.jdk17(), Long.toString(zoo.pid()), "--agent").out()).contains("loaded by:    -javaagent");
        }
        try (Zoo zoo = Zoo.start(Tools.jdk17(), List.of())) {
            Tools.Result load = Tools.run(List.of(jcmd.toString(), Long.toString(zoo.pid()), "JVMTI.agent_load",
                    Zoo.agentJar().toString()), Map.of());
            assertThat(load.status()).as(load.out() + load.err()).isZero();
            Tools.Result r = NetstatOracleTest.jattachstat(Tools.jdk17(), zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEmpty();
            assertThat(cli(Tools.jdk17(), Long.toString(zoo.pid()), "--agent").out()).contains("loaded by:    dynamic attach");
        }
    }

    @Test
    void debiansJattachLoadsIt() throws Exception {
        Tools.require(Tools.onPath("jattach"), "jattach (Debian package jattach)");
        try (Zoo zoo = Zoo.start(Tools.jdk25(), List.of())) {
            Tools.Result load = Tools.run(List.of("jattach", Long.toString(zoo.pid()), "load", "instrument", "false",
                    Zoo.agentJar().toString()), Map.of());
            assertThat(load.status()).as(load.out() + load.err()).isZero();
            Tools.Result r = NetstatOracleTest.jattachstat(Tools.jdk25(), zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEmpty();
            assertThat(cli(Tools.jdk25(), Long.toString(zoo.pid()), "--agent").out()).contains("loaded by:    dynamic attach");
        }
    }

    /** A container-like target: its own pid, network and mount namespaces, a private /tmp. */
    @ParameterizedTest
    @MethodSource("jdks")
    void reachesAContainedJvmThroughProcRoot(Path jdk) throws Exception {
        try (Zoo zoo = Zoo.startContained(jdk, List.of(), "mount -t tmpfs tmpfs /tmp && ")) {
            Tools.Result r = NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEmpty();
            // Inside, the JVM is pid 1: its agent names the socket's directory so, in its own /tmp.
            String bound = Tools.agentSocket(zoo.pid());
            assertThat(bound).startsWith("/tmp/.jattachstat-1-");
            assertThat(Path.of("/proc/" + zoo.pid() + "/root" + bound)).exists();
            assertThat(Path.of(bound)).as("not in our /tmp").doesNotExist();
            String netstat = NetstatOracle.ownedRows(zoo.netstat(List.of("-tln")).out(),
                    zoo.netstat(List.of("-tlnp")).out(), zoo.pid());
            assertThat(r.out()).isEqualTo(netstat);
        }
    }

    @Test
    void fallsBackWithOneLineWhenAttachIsDisabled() throws Exception {
        try (Zoo zoo = Zoo.start(Tools.jdk17(), List.of("-XX:+DisableAttachMechanism"))) {
            Tools.Result r = NetstatOracleTest.jattachstat(Tools.jdk17(), zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEqualTo("jattachstat: cannot attach to " + zoo.pid()
                    + " (attach is disabled: -XX:+DisableAttachMechanism); reading /proc/" + zoo.pid() + " directly\n");
            assertThat(r.out()).isEqualTo(NetstatOracleTest.jattachstat(Tools.jdk17(), zoo.pid(), List.of("-tln"), false).out());
        }
    }

    @Test
    void fallsBackWithOneLineWhenDynamicAgentsAreForbidden() throws Exception {
        try (Zoo zoo = Zoo.start(Tools.jdk25(), List.of("-XX:-EnableDynamicAgentLoading"))) {
            Tools.Result r = NetstatOracleTest.jattachstat(Tools.jdk25(), zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEqualTo("jattachstat: the JVM forbids dynamic agents (-XX:-EnableDynamicAgentLoading);"
                    + " start it with -javaagent for more; reading /proc/" + zoo.pid() + " directly\n");
            assertThat(r.out()).contains("LISTEN");
        }
    }

    @Test
    void fallsBackWithOneLineForANonJvm() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Tools.Result r = cli(Tools.jdk17(), Long.toString(sleeper.pid()), "-an");
            assertThat(r.err()).isEqualTo("jattachstat: " + sleeper.pid() + " is not a JVM; reading /proc/" + sleeper.pid()
                    + " directly\n");
            assertThat(r.out()).startsWith("Active Internet connections");
            assertThat(r.status()).isZero();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void anotherUsersJvmSaysToRunAsThatUser() throws Exception {
        Tools.require(Tools.isRoot() && Tools.onPath("runuser"), "root and runuser");
        try (Zoo zoo = Zoo.start(Tools.jdk17(), List.of())) {
            Tools.Result r = Tools.run(List.of("runuser", "-u", "nobody", "--", Tools.launcher().toString(),
                    Long.toString(zoo.pid()), "-tln"), Map.of("JAVA_HOME", Tools.jdk17().toString()));
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("jattachstat: process " + zoo.pid()
                    + " belongs to another user (root, uid 0); run as that user or as root\n");
        }
    }

    private static Tools.Result cli(Path jdk, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.launcher().toString()));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        for (int i = 0; i < 100 && !check.holds(); i++) {
            Thread.sleep(50);
        }
    }
}
