package io.jattachstat.e2e;

import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NetstatFormatter;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.SystemNameResolver;
import io.jattachstat.proc.SocketTableReader;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden technique of the netstat reference (§7): the real netstat reads a generated
 * {@code /proc} (a tmpfs mounted over {@code /proc} in a private mount namespace), the formatter reads
 * the same files, and for the generated process's rows the outputs must be equal. Name lookups use a
 * bind-mounted hosts file (long names for truncation) and services file (a port listed twice) with
 * "files" only in nsswitch.conf, and no network, so neither side can ask DNS.
 */
class GoldenProcTest {
    static final List<String> OPTION_SETS = List.of(
            "", "-a", "-an", "-l", "-ln", "-ae", "-aen", "-anW", "-aW", "-tanepo", "-taeo", "-taeoW", "-tap",
            "-uaneo", "-uaeo", "-Uan", "-Ua", "-waneo", "-wae", "-xa", "-xap", "-xln", "-x", "-A inet6 -an",
            "-A inet -ae", "-6 -tl", "--numeric-hosts -a", "--numeric-ports -a", "--numeric-users -aeo",
            "-tuwxaeWop", "-S -an", "-v -an", "-A ipx -an", "-A inet,ax25 -an");

    @TempDir
    Path dir;

    @Test
    void formatterMatchesNetstatOnGeneratedTables() throws Exception {
        Tools.require(Tools.isRoot(), "root (for unshare -m)");
        Tools.require(Tools.onPath("netstat") && Tools.onPath("unshare"), "netstat and unshare");
        Path proc = dir.resolve("proc");
        new GeneratedProc().write(proc);
        Path etc = writeEtc(dir.resolve("etc"));
        Path results = Files.createDirectories(dir.resolve("results"));
        runNetstatOverFixture(proc, etc, results);

        SoftAssertions softly = new SoftAssertions();
        SocketTableReader reader = new SocketTableReader(proc);
        SystemNameResolver names = new SystemNameResolver(etc, Duration.ZERO, false);
        for (int i = 0; i < OPTION_SETS.size(); i++) {
            String optionSet = OPTION_SETS.get(i);
            NetstatOptions options = NetstatOptionParser.parse(optionSet);
            SocketTable table = reader.read(Integer.toString(GeneratedProc.OWNER), options.tables());
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            int status = new NetstatFormatter(names).format(table, options, out, err);

            String plain = read(results, i, "plain");
            String expected = NetstatOracle.ownedRows(plain, read(results, i, "prog"), GeneratedProc.OWNER);
            softly.assertThat(out.toString()).as("netstat %s", optionSet).isEqualTo(expected);
            softly.assertThat(status).as("status of netstat %s", optionSet)
                    .isEqualTo(Integer.parseInt(read(results, i, "rc").trim()));
            softly.assertThat(err.toString()).as("stderr of netstat %s", optionSet)
                    .isEqualTo(read(results, i, "err").replace("netstat: ", "")
                            .replaceAll("(?m)^warning, got bogus \\w+ line\\.\n", ""));
            if (i == 1) {
                softly.assertThat(plain).as("the generated tables hold rows nobody owns")
                        .hasSizeGreaterThan(out.length());
            }
        }
        softly.assertAll();
        int withTimers = OPTION_SETS.indexOf("-tanepo");
        assertThat(read(results, withTimers, "plain")).as("the generated rows cover rare states and timers")
                .contains("FIN_WAIT1", "TIME_WAIT", "CLOSING", "LAST_ACK", "unkn-5", "probe (", "42949672.95");
        assertThat(read(results, OPTION_SETS.indexOf("-xa"), "plain")).contains("[ ACC W N ]", "UNKNOWN", "@jvm-abstract@");
    }

    private static Path writeEtc(Path etc) throws Exception {
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("hosts"), """
                127.0.0.1 localhost
                127.0.0.2 a-very-long-hostname-for-truncation.test
                10.1.2.3 db-primary.example.internal
                ::1 localhost ip6-localhost ip6-loopback
                2001:db8::7 v6-host.example
                """);
        Files.writeString(etc.resolve("services"), Files.readString(Path.of("/etc/services"), StandardCharsets.ISO_8859_1)
                + "dup-first 5999/tcp\ndup-second 5999/tcp\n", StandardCharsets.ISO_8859_1);
        Files.copy(Path.of("/etc/protocols"), etc.resolve("protocols"));
        Files.copy(Path.of("/etc/passwd"), etc.resolve("passwd"));
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\nhosts: files\nservices: files\nprotocols: files\n");
        return etc;
    }

    /** One namespace for all runs: bind the /etc files first (mount reads /proc), then cover /proc. */
    private static void runNetstatOverFixture(Path proc, Path etc, Path results) throws Exception {
        StringBuilder script = new StringBuilder("set -e\n");
        for (String f : List.of("hosts", "services", "nsswitch.conf")) {
            script.append("mount --bind ").append(etc.resolve(f)).append(" /etc/").append(f).append('\n');
        }
        script.append("mount -t tmpfs none /proc\ncp -a ").append(proc).append("/. /proc/\nset +e\n");
        for (int i = 0; i < OPTION_SETS.size(); i++) {
            String o = OPTION_SETS.get(i);
            String base = results.resolve(Integer.toString(i)).toString();
            script.append("LC_ALL=C netstat ").append(o).append(" >").append(base).append(".plain 2>").append(base)
                    .append(".err; echo $? >").append(base).append(".rc\n");
            script.append("LC_ALL=C netstat ").append(o).append(" -p >").append(base).append(".prog 2>/dev/null\n");
        }
        script.append("exit 0\n");
        Tools.Result r = Tools.run(List.of("unshare", "-mn", "sh", "-c", script.toString()), Map.of());
        assertThat(r.status()).as("fixture run failed: %s", r.err()).isZero();
    }

    private static String read(Path results, int i, String kind) throws Exception {
        return Files.readString(results.resolve(i + "." + kind), StandardCharsets.ISO_8859_1);
    }
}
