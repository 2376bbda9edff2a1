package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher as a user meets it: bad input, other users, non-JVMs, the JVM list, help, the demo. */
class CliTest {
    static List<Path> jdks() {
        return Tools.jdks();
    }

    private static Tools.Result cli(Path jdk, String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.launcher().toString()));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
    }

    private static void assertOneLineError(Tools.Result r, int status, String line) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.out()).as("nothing on stdout").isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void badPidsGetOneClearLine(Path jdk) {
        assertOneLineError(cli(jdk, "--no-attach", "abc", "-tan"), 1, "jattachstat: not a process id: 'abc'");
        assertOneLineError(cli(jdk, "-tan", "0"), 1, "jattachstat: not a process id: '0'");
        assertOneLineError(cli(jdk, "2147483646", "--no-attach"), 1, "jattachstat: no such process: 2147483646");
        assertOneLineError(cli(jdk, "-tan"), 3,
                "jattachstat: which process? Give a PID (run jattachstat alone to list JVMs).");
    }

    /** One view per command; jattachstat's own options take GNU prefixes like netstat's (--dem, --summ). */
    @Test
    void oneViewPerCommandAndPrefixesOfOurOwnOptions() {
        Path jdk = Tools.jdk17();
        assertOneLineError(cli(jdk, "1", "--leaks", "--origins"), 3, "jattachstat: --leaks and --origins do not go together");
        assertOneLineError(cli(jdk, "1", "--agent", "--closed"), 3,
                "jattachstat: --closed goes with --origins or --leaks, not --agent");
        Tools.Result demo = cli(jdk, "--dem", "-tln");
        assertThat(demo.status()).as(demo.err()).isZero();
        assertThat(demo.out()).containsPattern("# jattachstat --no-attach \\d+ -tln\nActive Internet connections \\(only servers\\)\n");
    }

    @Test
    void anotherUsersProcessSaysWhoseItIs() {
        Tools.require(Tools.isRoot() && Tools.onPath("runuser"), "root and runuser");
        Path jdk = Tools.jdks().get(0);
        Tools.Result r = Tools.run(List.of("runuser", "-u", "nobody", "--", Tools.launcher().toString(), "--no-attach",
                "1", "-tan"), Map.of("JAVA_HOME", jdk.toString()));
        assertOneLineError(r, 1,
                "jattachstat: process 1 belongs to another user (root, uid 0); run as that user or as root");
    }

    /** Usage errors: netstat's message (with our name), the usage text, exit status 3, as netstat. */
    @ParameterizedTest
    @MethodSource("jdks")
    void usageErrorsBehaveLikeNetstats(Path jdk) {
        Tools.require(Tools.onPath("netstat"), "netstat");
        for (List<String> bad : List.of(List.of("-Q"), List.of("--foo"), List.of("--num"), List.of("-tan", "-A"),
                List.of("--protocol"), List.of("-s", "-r"), List.of("-A", "foo"), List.of("--tcp=1"), List.of("-Z"))) {
            List<String> netstatCommand = new ArrayList<>(List.of("netstat"));
            netstatCommand.addAll(bad);
            Tools.Result netstat = Tools.run(netstatCommand, Map.of("LC_ALL", "C"));
            List<String> args = new ArrayList<>(List.of("--no-attach", "1"));
            args.addAll(bad);
            Tools.Result mine = cli(jdk, args.toArray(String[]::new));
            assertThat(mine.status()).as("status for %s", bad).isEqualTo(netstat.status());
            assertThat(mine.out()).as("stdout for %s", bad).isEmpty();
            String netstatFirst = netstat.err().lines().findFirst().orElse("");
            String mineFirst = mine.err().lines().findFirst().orElse("");
            if (netstatFirst.startsWith("usage: netstat")) {
                assertThat(mineFirst).as("first stderr line for %s", bad).startsWith("usage: jattachstat");
            } else {
                assertThat(mineFirst).as("first stderr line for %s", bad)
                        .isEqualTo(netstatFirst.replace("netstat: ", "jattachstat: "));
            }
            assertThat(mine.err().contains("usage: jattachstat")).as("usage shown for %s", bad)
                    .isEqualTo(netstat.err().contains("usage: netstat"));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void helpAndVersionGoToStdout(Path jdk) {
        Tools.Result help = cli(jdk, "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("usage: jattachstat").contains("--no-attach", "-W, --wide");
        Tools.Result version = cli(jdk, "-V");
        assertThat(version.status()).isZero();
        assertThat(version.out()).matches("jattachstat \\d+\\.\\d+\\.\\d+.*\n");
    }

    /** --no-attach works for any process: a perl listener, compared with netstat in its namespace. */
    @Test
    void readsANonJvmProcessLikeNetstat() throws Exception {
        Tools.require(Tools.isRoot() && Tools.onPath("unshare") && Tools.onPath("nsenter") && Tools.onPath("perl"),
                "root, unshare, nsenter, perl");
        Process perl = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh",
                "perl", "-MIO::Socket::INET", "-e",
                "$l=IO::Socket::INET->new(LocalAddr=>'127.0.0.1',LocalPort=>0,Listen=>5) or die;"
                        + "$c=IO::Socket::INET->new(PeerAddr=>'127.0.0.1',PeerPort=>$l->sockport) or die;"
                        + "$a=$l->accept; $|=1; print qq(READY\\n); <STDIN>;")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(perl.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ready).isEqualTo("READY");
            String pid = Long.toString(perl.pid());
            for (String options : List.of("-tanp", "-tlnep", "-an")) {
                List<String> opts = List.of(options.split(" "));
                List<String> ns = new ArrayList<>(List.of("nsenter", "-t", pid, "-n", "--", "netstat"));
                ns.addAll(opts);
                Tools.Result plain = Tools.run(ns, Map.of("LC_ALL", "C"));
                ns.add("-p");
                Tools.Result programs = Tools.run(ns, Map.of("LC_ALL", "C"));
                List<String> args = new ArrayList<>(List.of("--no-attach", pid));
                args.addAll(opts);
                Tools.Result mine = cli(Tools.jdks().get(0), args.toArray(String[]::new));
                assertThat(mine.out()).as(options)
                        .isEqualTo(NetstatOracle.ownedRows(plain.out(), programs.out(), perl.pid()))
                        .contains("127.0.0.1");
            }
        } finally {
            perl.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aloneItListsTheJvmsWithTheirMainClass() throws Exception {
        try (Zoo zoo = Zoo.start(Tools.jdks().get(0), List.of())) {
            Tools.Result r = Tools.run(List.of(Tools.launcher().toString()), Map.of());
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains(zoo.pid() + " io.jattachstat.cli.demo.SocketZoo\n");
            assertThat(r.err()).startsWith("usage: jattachstat");
        }
    }

    @Test
    void continuousRepeatsTheViewEverySecond() throws Exception {
        try (Zoo zoo = Zoo.start(Tools.jdks().get(0), List.of())) {
            Path output = java.nio.file.Files.createTempFile("jattachstat-c", ".txt");
            Process p = new ProcessBuilder(Tools.launcher().toString(), "--no-attach", Long.toString(zoo.pid()), "-tlnc")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            Thread.sleep(2500);
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
            String out = java.nio.file.Files.readString(output, StandardCharsets.ISO_8859_1);
            java.nio.file.Files.delete(output);
            assertThat(out.split("Active Internet connections \\(only servers\\)", -1).length - 1).isBetween(2, 4);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void demoShowsAZooAndStopsIt(Path jdk) {
        Tools.Result r = cli(jdk, "--demo");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("LISTEN", "CLOSE_WAIT", "ESTABLISHED", "LISTENING", "/java");
        assertThat(r.err()).as("nothing from the CLI or the demo JVM's agent on stderr").isEmpty();
        // The agent, given with -javaagent, saw every socket the zoo opened: each has its origin.
        String origins = r.out().substring(r.out().indexOf("--origins"));
        assertThat(origins.lines().filter(l -> l.startsWith("tcp")))
                .as(r.out())
                .isNotEmpty()
                .allMatch(l -> l.contains(" io.jattachstat.cli.demo.SocketZoo."), "names the zoo's code");
        String leaks = r.out().substring(r.out().indexOf("--leaks"));
        assertThat(leaks.lines().skip(3).findFirst().orElseThrow()).startsWith("CLOSE_WAIT")
                .contains("io.jattachstat.cli.demo.SocketZoo.");
        assertThat(r.out().substring(r.out().indexOf("--summary"))).contains("Sockets of process ", "close-wait 1",
                "Remote hosts by connections (top 5)", "Listening ports by established connections (top 5)");
        String pid = r.out().replaceAll("(?s).*pid (\\d+)\\).*", "$1");
        assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
                .as("the demo JVM is stopped").isFalse();
    }
}
