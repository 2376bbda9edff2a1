package io.jattachstat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jattachstat's own long options take GNU's unambiguous prefixes, as netstat's do, with the same
 * effect as the whole word: each pair below is one command typed twice, and must end the same way
 * (the messages name the options in full, so they show which option a prefix was taken for).
 */
class CliOptionsTest {
    @TempDir
    Path proc;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), proc, false).run(List.of(args));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void sameAsWhole(List<String> whole, List<String> abbreviated, String expectedError) {
        Run w = run(whole.toArray(new String[0]));
        Run a = run(abbreviated.toArray(new String[0]));
        assertThat(a).as(abbreviated.toString()).isEqualTo(w);
        assertThat(w.err()).contains(expectedError);
        assertThat(w.status()).isNotZero();
    }

    @Test
    void prefixesOfTheViewOptionsAreThoseOptions() {
        sameAsWhole(List.of("--origins", "--leaks", "1"), List.of("--orig", "--lea", "1"),
                "--origins and --leaks do not go together");
        sameAsWhole(List.of("--agent", "--alerts", "1"), List.of("--ag", "--ale", "1"),
                "--agent and --alerts do not go together");
        sameAsWhole(List.of("--closed", "--agent", "1"), List.of("--clo", "--agen", "1"),
                "--closed goes with --origins or --leaks, not --agent");
        sameAsWhole(List.of("--resolve-timeout", "soon", "1"), List.of("--resol", "soon", "1"),
                "--resolve-timeout takes milliseconds, not 'soon'");
    }

    @Test
    void aPrefixOfNoAttachIsNoAttach() throws IOException {
        Files.createDirectory(proc.resolve("1"));
        sameAsWhole(List.of("--no-attach", "--origins", "1"), List.of("--no-a", "--or", "1"),
                "--origins asks the agent; it cannot go with --no-attach");
    }

    @Test
    void anAmbiguousPrefixIsAUsageError() {
        Run r = run("--a", "1"); // --agent, --alerts, --all
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("is ambiguous");
    }
}
