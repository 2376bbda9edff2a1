package io.jattachstat.cli;

import io.jattachstat.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The man page, {@code docs/jattachstat.1}, made from the option table that --help prints:
 * {@code ManPageTest} fails when the file in docs/ is not what this makes, and
 * {@code java -cp attach-cli/target/jattachstat.jar io.jattachstat.cli.ManPage docs/jattachstat.1}
 * writes it again.
 */
public final class ManPage {
    private ManPage() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), render(OptionTable.load()), StandardCharsets.UTF_8);
    }

    static String render(OptionTable table) {
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Made by io.jattachstat.cli.ManPage from the CLI's option table; do not edit.\n");
        b.append(".TH JATTACHSTAT 1 \"\" \"jattachstat ").append(Version.get()).append("\" \"User Commands\"\n");
        b.append(".SH NAME\njattachstat \\- netstat, seen from inside a JVM\n");
        b.append(".SH SYNOPSIS\n.nf\n");
        table.usage().forEach(line -> b.append(escape(line)).append('\n'));
        b.append(".fi\n");
        b.append(".SH DESCRIPTION\n");
        paragraph(b, "jattachstat prints netstat's views of one JVM's sockets: for the same options, the rows GNU"
                + " netstat prints for that JVM's sockets, byte for byte. It asks the jattachstat agent in the"
                + " JVM (loading it if the JVM has none), which sees what netstat cannot: the Java code and"
                + " thread that opened each socket, a listener's accept queue against its real backlog, the"
                + " threads blocked on sockets. With --no-attach it reads /proc/<pid> itself, for any process.");
        paragraph(b, "Run alone, it lists the JVMs you can see. The same program is in the agent jar:"
                + " java -jar jattachstat-agent.jar <pid> [options].");
        b.append(".SH OPTIONS\n");
        for (OptionTable.Section s : table.sections()) {
            if (!s.heading().isEmpty()) {
                b.append(".SS ").append(escape(s.heading().replaceAll(":$", ""))).append('\n');
            }
            for (OptionTable.Option o : s.options()) {
                if (o != null) {
                    b.append(".TP\n.B ").append(escape(o.words())).append('\n')
                            .append(escape(String.join(" ", o.description()))).append('\n');
                }
            }
        }
        b.append(".PP\n.nf\n");
        table.trailer().forEach(line -> b.append(escape(line)).append('\n'));
        b.append(".fi\n");
        b.append(".SH EXIT STATUS\n");
        paragraph(b, "0 when the view was printed; 1 when it could not be (no such process, another user's"
                + " process, a view only an agent gives and no agent), with one line on stderr saying why; for"
                + " options it does not take, netstat's own message and status.");
        b.append(".SH FILES\n");
        paragraph(b, "/tmp/.jattachstat-<pid>-*/control.sock, the agent's control socket in the JVM's /tmp;"
                + " ${XDG_CACHE_HOME:-~/.cache}/jattachstat, the launcher's class-data archives.");
        b.append(".SH SEE ALSO\nnetstat(8), ss(8), lsof(8), jconsole(1)\n");
        return b.toString();
    }

    private static void paragraph(StringBuilder b, String text) {
        b.append(".PP\n").append(escape(text)).append('\n');
    }

    /** Text as troff prints it: backslashes and hyphens escaped, no line taken for a request. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }
}
