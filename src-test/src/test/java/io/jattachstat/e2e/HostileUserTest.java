package io.jattachstat.e2e;

import io.jattachstat.e2e.apps.PlantedAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI runs as root against other users' JVMs. Here another local user, real and unprivileged,
 * tries to steer it: plants agent jars and sockets where it might look, and a container's root
 * points its socket path elsewhere with a symbolic link. Also: concurrent CLIs, a pid reused after
 * SIGKILL, an idle client, a lying agent, and other people's bytes on a terminal.
 */
class HostileUserTest {
    private static final String JEP_451_WARNING = "A Java agent has been loaded dynamically";

    static List<Path> jdks() {
        return Tools.jdks();
    }

    /** A jar another user put at every name the CLI ever wrote or locked, and one shaped like today's. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aJarPlantedByAnotherUserIsNeverRun(Path jdk) throws Exception {
        Users.ensure(Users.VICTIM);
        int attacker = Users.ensure(Users.ATTACKER);
        Files.deleteIfExists(PlantedAgent.MARK);
        Path evil = plantedJar();
        int victimUid = Users.ensure(Users.VICTIM);
        String oldName = "/tmp/jattachstat-agent-" + "0.1.0" + "-" + crc32(Zoo.agentJar()) + ".jar";
        String lockDir = "/tmp/.jattachstat-load-" + victimUid;
        String shaped = "/tmp/.jattachstat-jar-planted";
        Tools.run(List.of("rm", "-rf", oldName, lockDir, shaped), Map.of()); // the attacker comes first
        asAttacker("cp " + evil + " " + oldName + " && mkdir -m 0777 " + lockDir + " " + shaped
                + " && cp " + evil + " " + lockDir + "/jattachstat-agent.jar && cp " + evil + " " + shaped
                + "/jattachstat-agent.jar && touch " + lockDir + "/load.lock");
        try (Zoo zoo = Zoo.startAs(Users.VICTIM, jdk, List.of())) {
            Tools.Result r = NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEqualTo("jattachstat: loading the agent without the lock: /proc/" + zoo.pid()
                    + "/root" + lockDir + " belongs to uid " + attacker + "\n");
            assertThat(r.status()).isZero();
            assertThat(r.out()).isEqualTo(NetstatOracle.ownedRows(zoo.netstat(List.of("-tln")).out(),
                    zoo.netstat(List.of("-tlnp")).out(), zoo.pid()));
            assertThat(cli(jdk, Long.toString(zoo.pid()), "--agent").out()).contains("loaded by:    dynamic attach");
            assertThat(PlantedAgent.MARK).as("the planted agent ran").doesNotExist();
            assertThat(zoo.stderr()).doesNotContain("planted");
            try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
                assertThat(tmp.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(".jattachstat-jar-") && !n.endsWith("planted")))
                        .as("the jar the CLI wrote is removed once the agent runs").isEmpty();
            }
        } finally {
            Tools.run(List.of("rm", "-rf", oldName, lockDir, shaped), Map.of());
        }
    }

    /** Sockets another user made, in the JVM's own network namespace, at the old name and at a new-shaped one. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSocketAnotherUserMadeIsNotBelieved(Path jdk) throws Exception {
        Users.ensure(Users.ATTACKER);
        try (Zoo zoo = Zoo.startAs(Users.VICTIM, jdk, List.of())) {
            Path attackerDir = attackerDir();
            String oldName = "/tmp/.jattachstat-" + zoo.pid() + ".sock";
            String shapedDir = "/tmp/.jattachstat-" + zoo.pid() + "-planted00";
            asAttacker("mkdir -m 0700 " + shapedDir);
            byte[] fake = fakeAnswer("\u001b[2J\u001b[Htcp6 0 0 6.6.6.6:666 fake\n");
            try (FakeServer a = FakeServer.start(Users.as(Users.ATTACKER), zoo.pid(), oldName, fake, attackerDir);
                 FakeServer b = FakeServer.start(Users.as(Users.ATTACKER), zoo.pid(), shapedDir + "/control.sock", fake,
                         attackerDir)) {
                Tools.Result r = NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tln"), true);
                assertThat(r.err()).isEmpty();
                assertThat(r.out()).doesNotContain("fake", "\u001b").isEqualTo(NetstatOracle.ownedRows(
                        zoo.netstat(List.of("-tln")).out(), zoo.netstat(List.of("-tlnp")).out(), zoo.pid()));
                assertThat(a.connections() + b.connections()).as("connections to the planted sockets").isZero();
                assertThat(Tools.agentSocket(zoo.pid())).as("the agent bound its own socket")
                        .startsWith("/tmp/.jattachstat-" + zoo.pid() + "-").doesNotContain("planted");
            } finally {
                Tools.run(List.of("rm", "-rf", oldName, shapedDir, attackerDir.toString()), Map.of());
            }
        }
    }

    /**
     * Inside a container, its root turns the agent's socket directory into an absolute symbolic link:
     * followed from the host, it would lead to a socket of the host's, here a fake one of root's.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSymbolicLinkInAContainersSocketPathIsRefused(Path jdk) throws Exception {
        Path agent = Users.readableCopy(Zoo.agentJar());
        Path decoy = Files.createTempDirectory(Path.of("/tmp"), "jattachstat-decoy");
        try (Zoo zoo = Zoo.startContained(jdk, List.of("-javaagent:" + agent), "mount -t tmpfs tmpfs /tmp && ");
             FakeServer fake = FakeServer.start(List.of(), 0, decoy + "/control.sock", fakeAnswer("fake\n"), decoy)) {
            String bound = awaitAgentSocket(zoo.pid());
            String dirName = Path.of(bound).getParent().getFileName().toString();
            Tools.Result swap = Tools.run(List.of("nsenter", "-t", Long.toString(zoo.pid()), "-m", "--", "sh", "-c",
                    "cd /tmp && mv " + dirName + " moved && ln -s " + decoy + " " + dirName), Map.of());
            assertThat(swap.status()).as(swap.err()).isZero();

            Tools.Result r = NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tln"), true);
            assertThat(r.err()).isEqualTo("jattachstat: the agent's socket /proc/" + zoo.pid() + "/root" + bound
                    + " is refused: its directory is a symbolic link, not the target user's own; reading /proc/"
                    + zoo.pid() + " directly\n");
            assertThat(r.out()).isEqualTo(NetstatOracle.ownedRows(zoo.netstat(List.of("-tln")).out(),
                    zoo.netstat(List.of("-tlnp")).out(), zoo.pid()));
            assertThat(fake.connections()).as("connections to the host's socket").isZero();
        } finally {
            Tools.run(List.of("rm", "-rf", decoy.toString()), Map.of());
        }
    }

    static Stream<Arguments> concurrentClis() {
        return Stream.of(Arguments.of(Tools.jdk25(), 2), Arguments.of(Tools.jdk25(), 5), Arguments.of(Tools.jdk17(), 5));
    }

    /** Several CLIs at once: the agent is loaded once, JEP 451 warns once, and no thread dump appears. */
    @ParameterizedTest
    @MethodSource("concurrentClis")
    void concurrentClisLoadTheAgentOnce(Path jdk, int clis) throws Exception {
        try (Zoo zoo = Zoo.start(jdk, List.of())) {
            List<CompletableFuture<Tools.Result>> runs = new ArrayList<>();
            for (int i = 0; i < clis; i++) {
                runs.add(CompletableFuture.supplyAsync(
                        () -> NetstatOracleTest.jattachstat(jdk, zoo.pid(), List.of("-tln"), true)));
            }
            String netstat = NetstatOracle.ownedRows(zoo.netstat(List.of("-tln")).out(),
                    zoo.netstat(List.of("-tlnp")).out(), zoo.pid());
            for (CompletableFuture<Tools.Result> run : runs) {
                Tools.Result r = run.join();
                assertThat(r.err()).isEmpty();
                assertThat(r.out()).isEqualTo(netstat);
            }
            int warnings = zoo.stderr().split(JEP_451_WARNING, -1).length - 1;
            assertThat(warnings).as("JEP 451 warnings").isEqualTo(jdk.equals(Tools.jdk17()) ? 0 : 1);
            assertThat(zoo.stderr()).doesNotContain("agent already loaded");
            assertThat(zoo.stdout()).doesNotContain("Full thread dump");
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its socket behind; a new JVM with the same pid (pid 1 of a
     * container sharing the host's /tmp) is not taken for it, gets the agent, and its agent clears
     * the leftover away.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aJvmReusingAKilledJvmsPidGetsItsOwnAgent(Path jdk) throws Exception {
        String stale;
        try (Zoo first = Zoo.startContained(jdk, List.of(), "")) {
            assertThat(NetstatOracleTest.jattachstat(jdk, first.pid(), List.of("-tln"), true).err()).isEmpty();
            stale = Tools.agentSocket(first.pid());
            assertThat(stale).startsWith("/tmp/.jattachstat-1-");
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            awaitGone(first.pid());
            assertThat(Path.of(stale)).as("left by the killed JVM").exists();
        }
        try (Zoo second = Zoo.startContained(jdk, List.of(), "")) {
            List<String> inside = List.of("nsenter", "-t", Long.toString(second.pid()), "-p", "-m", "-n", "--",
                    Tools.launcher().toString());
            Tools.Result list = Tools.run(inside, Map.of("JAVA_HOME", jdk.toString()));
            assertThat(list.out()).contains("1 io.jattachstat.cli.demo.SocketZoo\n");
            List<String> view = new ArrayList<>(inside);
            view.addAll(List.of("1", "-tln"));
            Tools.Result r = Tools.run(view, Map.of("JAVA_HOME", jdk.toString()));
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).contains("LISTEN");
            List<String> agent = new ArrayList<>(inside);
            agent.addAll(List.of("1", "--agent"));
            assertThat(Tools.run(agent, Map.of("JAVA_HOME", jdk.toString())).out()).contains("loaded by:    dynamic attach");
            assertThat(Tools.run(inside, Map.of("JAVA_HOME", jdk.toString())).out())
                    .contains("1 io.jattachstat.cli.demo.SocketZoo [agent]\n");
            assertThat(Path.of(stale).getParent()).as("the leftover, cleared by the new agent").doesNotExist();
        }
    }

    /** A client of the JVM's own user that connects and says nothing delays nobody. */
    @ParameterizedTest
    @MethodSource("jdks")
    void anIdleClientDelaysNobody(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), "",
                "io.jattachstat.e2e.apps.Idle")) {
            Path socket = Path.of(awaitAgentSocket(app.pid()));
            long alone = timed(() -> cli(jdk, Long.toString(app.pid()), "-xl"));
            List<SocketChannel> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    idle.add(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
                }
                long withIdle = timed(() -> assertThat(cli(jdk, Long.toString(app.pid()), "-xl").err()).isEmpty());
                assertThat(withIdle - alone).as("ms added by 3 idle clients").isLessThan(1000);
                for (SocketChannel c : idle) {
                    assertThat(c.read(ByteBuffer.allocate(16))).as("the agent hangs up on a silent client").isEqualTo(-1);
                }
            } finally {
                for (SocketChannel c : idle) {
                    c.close();
                }
            }
            assertThat(app.stderr()).isEmpty();
            assertThat(cli(jdk, Long.toString(app.pid()), "--agent").out())
                    .containsPattern("errors: +3 \\(last: control socket: no request in time\\)");
        }
    }

    /** An agent (here a fake one, listening where the agent would) that answers nonsense: one line, then /proc. */
    @ParameterizedTest
    @ValueSource(strings = {"", "JATTACHSTAT1 x 0 0\n", "JATTACHSTAT1 0 0 -5\n", "JATTACHSTAT1 0 0 99999999999\n",
            "JATTACHSTAT1 0 5 0\nab", "JATTACHSTAT1 0 0 2\nabcdef", "\u001b[2J\u001b[Hhello\n"})
    void malformedAnswersGiveOneLineAndTheProcView(String answer) throws Exception {
        String hex = HexFormat.of().formatHex(answer.getBytes(StandardCharsets.ISO_8859_1));
        try (ForkedJvm fake = ForkedJvm.start(Tools.jdk17(), List.of(), "", "io.jattachstat.e2e.apps.FakeAgent", hex)) {
            String pid = Long.toString(fake.pid());
            Tools.Result r = cli(Tools.jdk17(), pid, "-xl");
            assertThat(r.err()).matches("jattachstat: the agent in " + pid + " did not answer \\(the agent('s answer"
                    + " [a-z ]+| closed the connection without answering)\\); reading /proc/" + pid + " directly\n");
            assertThat(r.status()).isZero();
            assertThat(r.out()).isEqualTo(cli(Tools.jdk17(), "--no-attach", pid, "-xl").out());
            Tools.Result agentOnly = cli(Tools.jdk17(), pid, "--agent");
            assertThat(agentOnly.status()).isEqualTo(1);
            assertThat(agentOnly.err()).startsWith("jattachstat: the agent in " + pid + " did not answer (the agent")
                    .doesNotContain("Exception", "\tat ").hasLineCount(1);
        }
    }

    /** Escape sequences in socket paths: escaped on a terminal (through a real pty), byte for byte through a pipe. */
    @ParameterizedTest
    @MethodSource("jdks")
    void controlCharactersReachATerminalEscapedAndAPipeUnchanged(Path jdk) throws Exception {
        Tools.require(Tools.onPath("script"), "script (util-linux)");
        Path dir = Files.createTempDirectory("jattachstat-odd");
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), "",
                "io.jattachstat.e2e.apps.OddNames", dir.toString())) {
            String pid = Long.toString(app.pid());
            awaitAgentSocket(app.pid());
            String netstat = NetstatOracle.ownedRows(Tools.run(List.of("netstat", "-xl"), Map.of()).out(),
                    Tools.run(List.of("netstat", "-xlp"), Map.of()).out(), app.pid());
            assertThat(netstat).contains("\u001b[2J", "\u0007");
            assertThat(cli(jdk, pid, "-xl").out()).as("through the agent, piped").isEqualTo(netstat);
            assertThat(cli(jdk, "--no-attach", pid, "-xl").out()).as("from /proc, piped").isEqualTo(netstat);
            for (String view : List.of(pid + " -xl", "--no-attach " + pid + " -xl")) {
                Tools.Result tty = Tools.run(List.of("script", "-qec", Tools.launcher() + " " + view, "/dev/null"),
                        Map.of("JAVA_HOME", jdk.toString()));
                assertThat(tty.out()).as(view + " on a terminal")
                        .contains(dir + "/esc\\e[2J\\e[H\\e[31mred.sock\r\n", dir + "/bell\\a.sock\r\n")
                        .doesNotContain("\u001b", "\u0007");
            }
        } finally {
            Tools.run(List.of("rm", "-rf", dir.toString()), Map.of());
        }
    }

    /**
     * Another user's socket path holding a newline and then a made-up row with our listener's inode:
     * netstat prints the made-up row and the real one, and so must jattachstat.
     */
    @Test
    void aMadeUpRowInAnotherUsersPathDoesNotHideTheRealOne() throws Exception {
        Users.ensure(Users.ATTACKER);
        Path dir = Files.createTempDirectory("jattachstat-odd");
        Path attackerDir = attackerDir();
        try (ForkedJvm app = ForkedJvm.start(Tools.jdk17(), List.of(), "", "io.jattachstat.e2e.apps.OddNames", dir.toString())) {
            String pid = Long.toString(app.pid());
            String real = cli(Tools.jdk17(), "--no-attach", pid, "-xl").out();
            String inode = real.lines().filter(l -> l.contains("bell")).findFirst().orElseThrow().split(" +")[7];
            String path = attackerDir + "/x\n0000000000000000: 00000002 00000000 00010000 0001 01 " + inode + " fake";
            try (FakeServer injected = FakeServer.start(Users.as(Users.ATTACKER), 0, path, new byte[0], attackerDir)) {
                String netstat = NetstatOracle.ownedRows(Tools.run(List.of("netstat", "-xl"), Map.of()).out(),
                        Tools.run(List.of("netstat", "-xlp"), Map.of()).out(), app.pid());
                assertThat(netstat).contains(" fake\n", "bell\u0007.sock\n");
                assertThat(cli(Tools.jdk17(), "--no-attach", pid, "-xl").out()).isEqualTo(netstat);
            }
        } finally {
            Tools.run(List.of("rm", "-rf", dir.toString(), attackerDir.toString()), Map.of());
        }
    }

    // ---- helpers

    private static Tools.Result cli(Path jdk, String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.launcher().toString()));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
    }

    private static void asAttacker(String shellCommand) {
        Tools.Result r = Tools.run(Users.as(Users.ATTACKER, List.of("sh", "-c", shellCommand)), Map.of());
        assertThat(r.status()).as(shellCommand + ": " + r.err()).isZero();
    }

    /** A directory of the attacker's, for its sockets and logs. */
    private static Path attackerDir() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jsa"); // short: a unix socket path has 108 bytes
        Users.giveTo(dir, Users.ATTACKER);
        return dir;
    }

    /** A well-formed answer carrying {@code out}: what a fake agent would like printed. */
    private static byte[] fakeAnswer(String out) {
        return ("JATTACHSTAT1 0 0 " + out.length() + "\n" + out).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A jar whose agent leaves {@link PlantedAgent#MARK} if it ever runs, readable by everyone, and
     * exactly as long as the real agent jar (the CLI once reused a jar of the right name and size).
     */
    private static Path plantedJar() throws IOException {
        Path jar = Users.readableCopy(Files.createTempFile("jattachstat-planted", ".jar"));
        long size = Files.size(Zoo.agentJar());
        writePlantedJar(jar, 0);
        writePlantedJar(jar, (int) (size - Files.size(jar)));
        assertThat(Files.size(jar)).isEqualTo(size);
        return jar;
    }

    private static void writePlantedJar(Path jar, int padding) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", PlantedAgent.class.getName());
        manifest.getMainAttributes().putValue("Premain-Class", PlantedAgent.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            String entry = PlantedAgent.class.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(Path.of("target/test-classes").resolve(entry)));
            out.closeEntry();
            byte[] filler = new byte[padding];
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(filler);
            JarEntry pad = new JarEntry("padding");
            pad.setMethod(JarEntry.STORED);
            pad.setSize(padding);
            pad.setCompressedSize(padding);
            pad.setCrc(crc.getValue());
            out.putNextEntry(pad);
            out.write(filler);
            out.closeEntry();
        }
    }

    private static String crc32(Path file) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(Files.readAllBytes(file));
        return Long.toHexString(crc.getValue());
    }

    private static String awaitAgentSocket(long pid) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String socket = Tools.agentSocket(pid);
            if (socket != null) {
                return socket;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the agent in " + pid + " bound no control socket");
    }

    private static void awaitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(25);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * A unix socket server in perl, run with {@code prefix} (as another user, say) in {@code pid}'s
     * network namespace (ours for 0): answers every connection with {@code answer} and counts them.
     */
    private static final class FakeServer implements AutoCloseable {
        private static final String SCRIPT = "use strict; use Socket; use IO::Socket::UNIX;"
                + "my ($path, $hex, $log) = @ARGV; $| = 1;"
                + "my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 5) or die \"bind: $!\";"
                + "print \"READY\\n\";"
                + "while (my $c = $s->accept) { open(my $l, '>>', $log); print $l \"connected\\n\"; close $l;"
                + " my $r = <$c>; print $c pack('H*', $hex); close $c; }";
        private final Process process;
        private final Path log;

        private FakeServer(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static FakeServer start(List<String> prefix, long pid, String path, byte[] answer, Path logDir) throws IOException {
            List<String> command = new ArrayList<>();
            if (pid != 0) {
                command.addAll(List.of("nsenter", "-t", Long.toString(pid), "-n", "--"));
            }
            command.addAll(prefix);
            Path log = logDir.resolve("connections-" + System.nanoTime());
            command.addAll(List.of("perl", "-e", SCRIPT, path, HexFormat.of().formatHex(answer), log.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"READY".equals(ready)) {
                p.destroyForcibly();
                throw new IOException("fake server did not start: " + ready);
            }
            return new FakeServer(p, log);
        }

        long connections() throws IOException {
            return Files.exists(log) ? Files.readAllLines(log).size() : 0;
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor();
        }
    }
}
