package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a shell user expects of a command: bash completion ({@code jattachstat --completion bash},
 * run by a real bash: options, --state's states, and the pids of the JVMs jattachstat lists), and a
 * man page that groff formats without a warning.
 */
class ShellHabitsTest {
    @Test
    void bashCompletesOptionsStatesAndTheJvmsPids() throws Exception {
        Tools.require(Tools.onPath("bash"), "bash");
        assertThat(complete("--sta")).containsExactlyInAnyOrder("--state", "--statistics");
        assertThat(complete("--state", "clos")).containsExactlyInAnyOrder("close", "close-wait", "closing");
        assertThat(complete("--tcp-")).containsExactly("--tcp-info");
        try (ForkedJvm jvm = ForkedJvm.start(Tools.jdk17(), List.of(), "", "io.jattachstat.e2e.apps.Idle")) {
            String pid = Long.toString(jvm.pid());
            assertThat(complete(pid.substring(0, 1))).contains(pid).allMatch(p -> p.matches("\\d+"));
            assertThat(complete(pid, "--")).as("after the pid, options only").contains("--no-attach")
                    .noneMatch(p -> p.matches("\\d+"));
            assertThat(complete(pid, "")).as("no second pid").isEmpty();
        }
        Tools.Result other = Tools.run(List.of(Tools.launcher().toString(), "--completion", "zsh"), Map.of());
        assertThat(other.status()).isEqualTo(3);
        assertThat(other.err()).isEqualTo("jattachstat: --completion knows bash, not 'zsh'\n");
    }

    @Test
    void theManPageFormatsCleanly() {
        Tools.require(Tools.onPath("groff"), "groff (Debian package groff-base)");
        Path page = Tools.launcher().getParent().getParent().getParent().resolve("docs/jattachstat.1");
        // -P-cbou: plain text, no bold by overstriking, so the test reads words as they are.
        Tools.Result r = Tools.run(List.of("groff", "-man", "-Tutf8", "-ww", "-P-cbou", page.toString()), Map.of());
        assertThat(r.err()).as("groff's warnings").isEmpty();
        assertThat(r.out()).contains("JATTACHSTAT(1)", "--no-attach", "--tcp-info", "--route", "SEE ALSO");
    }

    /** What bash's completion offers after {@code jattachstat <words>} (the last word the one being typed). */
    private static List<String> complete(String... words) {
        StringBuilder line = new StringBuilder("COMP_WORDS=(jattachstat");
        for (String w : words) {
            line.append(" '").append(w).append('\'');
        }
        line.append("); COMP_CWORD=").append(words.length).append("; _jattachstat; printf '%s\\n' \"${COMPREPLY[@]}\"");
        String launcher = Tools.launcher().toString();
        Tools.Result r = Tools.run(List.of("bash", "-c", "eval \"$(" + launcher + " --completion bash)\"; "
                + "jattachstat() { " + launcher + " \"$@\"; }; " + line), Map.of("PATH", System.getenv("PATH")));
        assertThat(r.status()).as(r.err()).isZero();
        return r.out().lines().filter(l -> !l.isEmpty()).toList();
    }
}
