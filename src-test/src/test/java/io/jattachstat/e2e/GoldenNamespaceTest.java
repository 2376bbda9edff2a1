package io.jattachstat.e2e;

import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.proc.NetFiles;
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
 * The namespace-wide views (-s) against the real netstat over the same files (netstat-reference §7):
 * a tmpfs over {@code /proc} in a private mount namespace holds this machine's own counter files
 * three ways — as they are, every counter zero, and every counter non-zero with a value of its own
 * (so that every sentence, every raw name and every histogram shows) — and jattachstat renders the
 * same files through {@code /proc/<pid>/net}.
 */
class GoldenNamespaceTest {
    static final List<String> STATISTICS = List.of("-s", "-st", "-su", "-sw", "-stu", "-s6", "-s -A inet6", "-st6",
            "-su6", "-sw6", "-s -A unix", "-sx", "-s46", "-s -A ip", "-s -A appletalk", "-sv", "-se", "-sn", "-s -4 -t",
            "--statistics --tcp", "-s -A inet6,inet");
    private static final List<String> COUNTER_FILES = List.of("snmp", "netstat", "snmp6");

    @TempDir
    Path dir;

    @Test
    void statisticsMatchNetstatOnLiveZeroAndDistinctCounters() throws Exception {
        Tools.require(Tools.isRoot(), "root (for unshare -m)");
        Tools.require(Tools.onPath("netstat") && Tools.onPath("unshare"), "netstat and unshare");
        SoftAssertions softly = new SoftAssertions();
        for (String variant : List.of("live", "zero", "distinct")) {
            Path proc = dir.resolve(variant);
            Path net = Files.createDirectories(proc.resolve("net"));
            long next = 1001;
            for (String file : COUNTER_FILES) {
                String live = Files.readString(Path.of("/proc/net", file), StandardCharsets.ISO_8859_1);
                String text = switch (variant) {
                    case "zero" -> CounterFiles.renumber(live, -1);
                    case "distinct" -> CounterFiles.renumber(live, next);
                    default -> live;
                };
                next += 1000;
                Files.writeString(net.resolve(file), text, StandardCharsets.ISO_8859_1);
            }
            Files.createDirectories(proc.resolve("4242"));
            Files.createSymbolicLink(proc.resolve("4242/net"), Path.of("../net"));
            compare(softly, variant, proc, STATISTICS);
        }
        softly.assertAll();
    }

    /** Runs netstat with each option set over {@code proc} and jattachstat over the same files. */
    private void compare(SoftAssertions softly, String variant, Path proc, List<String> optionSets) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results-" + variant));
        StringBuilder script = new StringBuilder("set -e\nmount -t tmpfs none /proc\ncp -a " + proc + "/. /proc/\nset +e\n");
        for (int i = 0; i < optionSets.size(); i++) {
            String base = results.resolve(Integer.toString(i)).toString();
            script.append("LC_ALL=C netstat ").append(optionSets.get(i)).append(" >").append(base).append(".out 2>")
                    .append(base).append(".err; echo $? >").append(base).append(".rc\n");
        }
        Tools.Result run = Tools.run(List.of("unshare", "-m", "sh", "-c", script.append("exit 0\n").toString()), Map.of());
        assertThat(run.status()).as("netstat over the fixture: %s", run.err()).isZero();
        NetstatView view = new NetstatView(Path.of("/etc"), Duration.ZERO, new NetFiles(proc, "4242"));
        SocketTable none = SocketTable.builder(4242).build();
        for (int i = 0; i < optionSets.size(); i++) {
            String options = optionSets.get(i);
            NetstatView.Result ours = view.render(none, NetstatOptionParser.words(options));
            String label = variant + ": netstat " + options;
            softly.assertThat(ours.out()).as(label).isEqualTo(read(results, i, "out").replace("netstat: ", "jattachstat: "));
            softly.assertThat(ours.err()).as("stderr of " + label).isEqualTo(read(results, i, "err").replace("netstat: ", "jattachstat: "));
            softly.assertThat(ours.status()).as("status of " + label).isEqualTo(Integer.parseInt(read(results, i, "rc").trim()));
        }
    }

    private static String read(Path results, int i, String kind) throws Exception {
        return Files.readString(results.resolve(i + "." + kind), StandardCharsets.ISO_8859_1);
    }
}
