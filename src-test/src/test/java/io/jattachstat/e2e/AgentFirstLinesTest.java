package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Origins from the first line of main, as a user meets them: an application started with
 * -javaagent opens every JDK socket kind on its first lines (one in a static initialiser), without
 * waiting for anything, and each gets its exact origin frame; CLOSE_WAIT, --leaks and --closed
 * TIME_WAIT attribution for sockets made in its first moments; a channel inherited on stdin; and,
 * after a dynamic load, the first --origins, --leaks and --alerts succeed instead of failing while
 * the hooks are installed. On JDK 17 and Temurin 25.
 */
class AgentFirstLinesTest {
    static List<Path> jdks() {
        return Tools.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everySocketKindOnTheFirstLinesOfMainHasItsOriginFrame(Path jdk) throws Exception {
        // stacks=always: the stack of every close is taken (the default samples them), for --closed.
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar() + "=stacks=always"), "",
                "io.jattachstat.e2e.apps.FirstLines")) {
            assertThat(app.beforeReady).as("the app says its sockets before READY").isNotEmpty();
            Map<String, String[]> s = AgentOriginsTest.sockets(app.beforeReady);
            String view = AgentOriginsTest.cli(jdk, app.pid(), "--origins", "-tuanW").out();
            String listener = s.get("serverSocket")[1];
            assertThat(listener).as("a static initialiser's frame").contains(".<clinit>(FirstLines.java:");
            assertThat(row(view, "tcp", local(s, "serverSocket"), "LISTEN")).endsWith(" " + listener);
            assertThat(row(view, "tcp", local(s, "socket"), "ESTABLISHED")).endsWith(" " + s.get("socket")[1]);
            assertThat(row(view, "tcp", remote(s, "socket"), "ESTABLISHED")).as("accepted: its listener's origin")
                    .endsWith(" " + listener);
            assertThat(row(view, "tcp", local(s, "serverSocketChannel"), "LISTEN")).endsWith(" " + s.get("serverSocketChannel")[1]);
            assertThat(row(view, "tcp", local(s, "socketChannel"), "ESTABLISHED")).endsWith(" " + s.get("socketChannel")[1]);
            assertThat(row(view, "tcp", remote(s, "socketChannel"), "ESTABLISHED")).endsWith(" " + s.get("serverSocketChannel")[1]);
            assertThat(row(view, "tcp", local(s, "asyncServer"), "LISTEN")).endsWith(" " + s.get("asyncServer")[1]);
            assertThat(row(view, "tcp", ":" + s.get("async.port")[0] + " ", "ESTABLISHED")).endsWith(" " + s.get("async")[1]);
            assertThat(row(view, "tcp", remote(s, "async.port"), "ESTABLISHED")).as("accepted asynchronously")
                    .endsWith(" " + s.get("asyncServer")[1]);
            assertThat(row(view, "udp", local(s, "datagramSocket"), "")).endsWith(" " + s.get("datagramSocket")[1]);
            assertThat(row(view, "udp", local(s, "datagramChannel"), "")).endsWith(" " + s.get("datagramChannel")[1]);
            assertThat(row(view, "tcp", remote(s, "httpClient"), "ESTABLISHED"))
                    .as("the HTTP client's connection: the line that sent the request").endsWith(" " + s.get("httpClient")[1]);
            String unix = AgentOriginsTest.cli(jdk, app.pid(), "--origins", "-xlW").out();
            assertThat(row(unix, "unix", s.get("unixServer")[0], "LISTENING")).endsWith(" " + s.get("unixServer")[1]);

            for (int i = 0; i < 3; i++) {
                assertThat(row(view, "tcp", remote(s, "closewait" + i), "CLOSE_WAIT")).endsWith(" " + listener);
            }
            String leaks = AgentOriginsTest.cli(jdk, app.pid(), "--leaks").out();
            assertThat(leaks.lines()).as(leaks).anyMatch(l -> l.startsWith("CLOSE_WAIT ") && l.endsWith(" " + listener)
                    && l.split("\\s+")[1].equals("3"));
            String closed = AgentOriginsTest.cli(jdk, app.pid(), "--origins", "--closed", "-tanW").out();
            for (int i = 0; i < 4; i++) {
                assertThat(row(closed, "tcp", local(s, "timewait" + i), "TIME_WAIT"))
                        .endsWith(" closed by " + s.get("timewait" + i)[1]);
            }
            assertThat(AgentOriginsTest.cli(jdk, app.pid(), "--agent").out()).contains("hook:         start-up wait: ");
            assertThat(app.stderr()).as("nothing of ours in the application's log").isEmpty();
        }
    }

    /** hookWait=0: the application never waits; what it opens before the hooks are in has no origin. */
    @Test
    void withHookWaitZeroNothingWaits() throws Exception {
        Path jdk = Tools.jdks().get(0);
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar() + "=hookWait=0"), "",
                "io.jattachstat.e2e.apps.FirstLines")) {
            Map<String, String[]> s = AgentOriginsTest.sockets(app.beforeReady);
            assertThat(AgentOriginsTest.cli(jdk, app.pid(), "--agent").out())
                    .contains("hook:         start-up wait: none: no application thread waited for the hooks");
            String view = AgentOriginsTest.cli(jdk, app.pid(), "--origins", "-tlnW").out();
            assertThat(row(view, "tcp", local(s, "serverSocket"), "LISTEN")).as("opened before the hooks were in")
                    .doesNotEndWith(" " + s.get("serverSocket")[1]);
        }
    }

    /** inetd and socket activation: the parent passes a listening socket as stdin. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aChannelInheritedOnStdinHasItsOrigin(Path jdk) throws Exception {
        Tools.require(Tools.onPath("perl"), "perl");
        List<String> command = new ArrayList<>(List.of("perl", "-MIO::Socket::INET", "-e",
                "$s = IO::Socket::INET->new(Listen => 5, LocalAddr => '127.0.0.1', LocalPort => 0) or die $!;"
                        + " open(STDIN, '<&', $s) or die $!; exec @ARGV or die $!",
                jdk.resolve("bin/java").toString(), "-javaagent:" + Zoo.agentJar(), "-cp",
                Path.of("target/test-classes").toAbsolutePath().toString(), "io.jattachstat.e2e.apps.FirstLines",
                "inherited"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            List<String> said = new ArrayList<>();
            for (String line; (line = out.readLine()) != null && !line.startsWith("READY"); ) {
                said.add(line);
            }
            String[] f = AgentOriginsTest.sockets(said).get("inherited");
            assertThat(f).as("the app took its inherited channel: " + said).isNotNull();
            String view = AgentOriginsTest.cli(jdk, p.pid(), "--origins", "-tlnW").out();
            assertThat(row(view, "tcp", ":" + f[0] + " ", "LISTEN")).endsWith(" " + f[1]);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Right after the CLI loads the agent, what needs its hooks and MBeans waits for them and succeeds. */
    @Test
    void theFirstViewsAfterADynamicLoadWaitForTheHooksAndSucceed() throws Exception {
        for (Path jdk : Tools.jdks()) {
            for (List<String> first : List.of(List.of("--origins", "-tan"), List.of("--leaks"), List.of("--closed"))) {
                try (ForkedJvm app = ForkedJvm.start(jdk, List.of(), "", "io.jattachstat.e2e.apps.Idle")) {
                    Tools.Result r = AgentOriginsTest.cli(jdk, app.pid(), first.toArray(new String[0]));
                    assertThat(r.err()).as(first + " on " + jdk).doesNotContain("still being installed")
                            .doesNotContain("reading /proc");
                }
            }
            try (ForkedJvm app = ForkedJvm.start(jdk, List.of(), "", "io.jattachstat.e2e.apps.Idle")) {
                Process alerts = new ProcessBuilder(Tools.launcher().toString(), Long.toString(app.pid()), "--alerts")
                        .redirectErrorStream(true).start();
                alerts.getOutputStream().close();
                boolean ended = alerts.waitFor(8, TimeUnit.SECONDS);
                String said = ended ? new String(alerts.getInputStream().readAllBytes()) : "";
                alerts.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                assertThat(ended).as("--alerts follows the stream instead of failing: " + said).isFalse();
            }
        }
    }

    private static String local(Map<String, String[]> s, String name) {
        return ":" + s.get(name)[0] + " ";
    }

    /** The row whose foreign address has this port: the other end of a connection. */
    private static String remote(Map<String, String[]> s, String name) {
        return "->:" + s.get(name)[0] + " ";
    }

    /** The one row of {@code view} that starts with {@code proto}, has {@code where} and contains {@code text}. */
    private static String row(String view, String proto, String where, String text) {
        List<String> rows = view.lines().filter(l -> l.startsWith(proto) && has(l, where) && l.contains(text)).toList();
        assertThat(rows).as("rows with '" + where + "' and '" + text + "' in\n" + view).hasSize(1);
        return rows.get(0);
    }

    /** ":port " matches the local address column, "->:port " the foreign one, anything else the row. */
    private static boolean has(String row, String where) {
        String[] columns = row.trim().split("\\s+");
        if (row.startsWith("unix") || !where.startsWith(":") && !where.startsWith("->")) {
            return row.contains(where);
        }
        return where.startsWith("->") ? columns.length > 4 && (columns[4] + " ").endsWith(where.substring(2))
                : columns.length > 3 && (columns[3] + " ").endsWith(where);
    }
}
