package io.jattachstat.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OptionTableTest {
    private final OptionTable table = OptionTable.load();

    @Test
    void helpLaysTheTableOutAsNetstatDoes() {
        String help = table.help();
        assertThat(help).startsWith("usage: jattachstat                                   list the JVMs you can see\n"
                + "       jattachstat [--no-attach] <pid> [netstat options]\n");
        assertThat(help).contains("\n        --no-attach              read /proc/<pid> directly instead of asking an agent\n",
                "\n        --origins                netstat's rows plus an Origin column: the code that opened each socket\n"
                        + "                                 (with -v: the thread, age and stack under each row)\n",
                "\nnetstat options (GNU net-tools 2.10's; the rows are netstat's, byte for byte):\n"
                        + "        -r, --route              display routing table\n",
                "\n  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n");
        assertThat(help).doesNotContain("\t", "[netstat]", "# ");
    }

    /** Every option the table names is one the CLI takes: none is a usage error. */
    @Test
    void everyOptionInTheTableIsOneTheCliTakes() {
        List<String> names = table.names();
        assertThat(names).contains("--no-attach", "--tcp-info", "--completion", "-v", "--verbose", "--state",
                "--resolve-timeout=", "-r", "--route", "-Z");
        for (String name : names) {
            List<String> args = switch (name) {
                case "--state" -> List.of(name, "listen");
                case "--port", "--top" -> List.of(name, "80");
                case "--local", "--remote" -> List.of(name, "127.0.0.1");
                case "--completion" -> List.of(name, "bash");
                case "--resolve-timeout=" -> List.of(name + "100");
                default -> List.of(name);
            };
            // -Z is refused as netstat refuses it here (no SELinux), with status 1: taken, not a usage error.
            assertThat(Cli.usageProblem(args)).as(String.join(" ", args)).satisfiesAnyOf(
                    problem -> assertThat(problem).isNull(), problem -> assertThat(problem).startsWith("1: "));
        }
    }

    @Test
    void theManPageInDocsIsTheOneTheTableMakes() throws Exception {
        Path page = Path.of("../../docs/jattachstat.1");
        assertThat(Files.readString(page)).as("docs/jattachstat.1 is stale: java -cp attach-cli/target/jattachstat.jar"
                + " io.jattachstat.cli.ManPage docs/jattachstat.1").isEqualTo(ManPage.render(table));
    }

    @Test
    void theManPageEscapesWhatTroffWouldTakeForItsOwn() {
        assertThat(ManPage.escape("--state S")).isEqualTo("\\-\\-state S");
        assertThat(ManPage.escape(".TH")).isEqualTo("\\&.TH");
        assertThat(ManPage.escape("a\\b")).isEqualTo("a\\eb");
    }
}
