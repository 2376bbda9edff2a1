package io.jattachstat.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --blocked}, on JDK 17 and Temurin 25: each stuck thread with what it waits for, its timeout
 * and its socket as netstat shows it; a thread that stops blocking disappears.
 * <ul>
 *   <li>From the kernel's side (/proc/<pid>/task/<tid>/syscall and the pollfd in the process's
 *       memory), with --no-attach and through an agent loaded after the threads blocked;</li>
 *   <li>from the agent's wait hooks, with -javaagent: the exact time waited, the time left, the
 *       socket's origin, a virtual thread (Temurin 25), and the blocked alert raised and cleared.</li>
 * </ul>
 */
class BlockedThreadsTest {
    static List<Path> jdks() {
        return Tools.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void listsEachThreadStuckOnASocketWithItsTimeoutAndSocket(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of(), "", "io.jattachstat.e2e.apps.BlockedThreads")) {
            Map<String, String[]> s = AgentOriginsTest.sockets(app.beforeReady);
            for (String how : List.of("--no-attach", "through the agent")) {
                String view = blocked(jdk, app.pid(), how.equals("--no-attach"));
                assertThat(row(view, "read-no-timeout")).as(view).contains(" read ", " none ")
                        .contains(":" + s.get("read-no-timeout")[0] + " ").endsWith("ESTABLISHED");
                assertThat(row(view, "read-1h")).contains(" read ", " 3600 s ")
                        .contains(":" + s.get("read-1h")[0] + " ");
                assertThat(row(view, "accept")).contains(" accept ", " none ").contains(":" + s.get("accept")[0] + " ")
                        .contains("LISTEN");
                assertThat(row(view, "accept-1h")).as("a timed accept polls for readable").contains(" accept ", " 3600 s ")
                        .contains(":" + s.get("accept-1h")[0] + " ").contains("LISTEN");
                assertThat(row(view, "connect-1h")).as("a timed connect polls for writable").contains(" connect ")
                        .contains(" 3600 s ").endsWith("SYN_SENT   ").contains(":" + s.get("connect-1h")[0] + " ");
                assertThat(row(view, "channel-read")).contains(" read ", " none ")
                        .contains(":" + s.get("channel-read")[0] + " ");
                assertThat(row(view, "connect-full")).contains(" connect ", " none ").endsWith("SYN_SENT   ")
                        .contains(":" + s.get("connect-full")[0] + " ");
                assertThat(view).contains("\n2 threads waiting on 127.0.0.1:" + s.get("connect-full")[0] + ", 1 with no timeout\n")
                        .containsPattern("\\n1 thread accepting on 127\\.0\\.0\\.1:" + s.get("accept")[0] + ", 1 with no timeout\\n");
                String json = how.equals("--no-attach") ? AgentOriginsTest.cli(jdk, app.pid(), "--no-attach", "--blocked",
                        "--json").out() : AgentOriginsTest.cli(jdk, app.pid(), "--blocked", "--json").out();
                assertThat(json).startsWith("{\"view\":\"blocked\",\"pid\":" + app.pid() + ",");
                // What is left of the timeout when the JDK polls: the hour, or a millisecond or two less.
                java.util.regex.Matcher hour = java.util.regex.Pattern.compile(
                        "\\{\"thread\":\"read-1h\",[^}]*\"op\":\"read\",\"waitedMillis\":null,\"seenBlockedMillis\":[^,]*,\"timeoutMillis\":(\\d+),").matcher(json);
                assertThat(hour.find()).as(json).isTrue();
                assertThat(Long.parseLong(hour.group(1))).isBetween(3_590_000L, 3_600_000L);
            }
            // The agent remembers since when it has seen each wait: asked again a second later, at least that.
            AgentOriginsTest.cli(jdk, app.pid(), "--blocked");
            Thread.sleep(1100);
            assertThat(row(AgentOriginsTest.cli(jdk, app.pid(), "--blocked").out(), "read-1h")).containsPattern(" >=[1-9][0-9]*s ");
            assertThat(AgentOriginsTest.jmx(app.pid(), "Sockets", "blocked")).as("the Sockets MBean's blocked()")
                    .startsWith("Threads blocked on sockets").contains("\nread-1h ", "\naccept-1h ");
            app.send("release");
            app.readUntil("RELEASED");
            assertThat(blocked(jdk, app.pid(), true)).as("the reader got its byte").doesNotContain("read-no-timeout");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void withTheAgentFromTheStartEachWaitIsExactAndTheLongOnesRaiseAnAlert(Path jdk) throws Exception {
        String agent = "-javaagent:" + Zoo.agentJar() + "=alertBlocked=2,refresh=200,check=200";
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of(agent), "", "io.jattachstat.e2e.apps.BlockedThreads")) {
            Map<String, String[]> s = AgentOriginsTest.sockets(app.beforeReady);
            boolean virtual = s.containsKey("virtual-read");
            assertThat(virtual).as("a virtual thread on JDK 21+").isEqualTo(!jdk.equals(Tools.jdk17()));
            String view = blocked(jdk, app.pid(), false);
            assertThat(view.lines().skip(1).findFirst().orElseThrow()).as(view).endsWith(" State       Origin");
            String origin = " io.jattachstat.e2e.apps.BlockedThreads.";
            assertThat(row(view, "read-no-timeout")).as(view).containsPattern(" read +\\d+\\.\\ds +none +- +tcp")
                    .contains(":" + s.get("read-no-timeout")[0] + " ", "ESTABLISHED" + origin);
            assertThat(row(view, "read-1h")).containsPattern(" read +\\d+\\.\\ds +3600 s +(3600|3599|3598|3597|3596) s +tcp")
                    .contains(":" + s.get("read-1h")[0] + " ", origin);
            assertThat(row(view, "accept")).containsPattern(" accept +\\d+\\.\\ds +none ").contains("LISTEN     " + origin)
                    .contains(":" + s.get("accept")[0] + " ");
            assertThat(row(view, "accept-1h")).containsPattern(" accept +\\d+\\.\\ds +3600 s ")
                    .contains(":" + s.get("accept-1h")[0] + " ");
            assertThat(row(view, "channel-read")).containsPattern(" read +\\d+\\.\\ds +none ")
                    .contains(":" + s.get("channel-read")[0] + " ");
            assertThat(row(view, "connect-1h")).containsPattern(" connect +\\d+\\.\\ds +3600 s ").contains("SYN_SENT    ")
                    .contains(":" + s.get("connect-1h")[0] + " ");
            assertThat(row(view, "connect-full")).containsPattern(" connect +\\d+\\.\\ds +none ").contains("SYN_SENT    ")
                    .contains(":" + s.get("connect-full")[0] + " ");
            String json = AgentOriginsTest.cli(jdk, app.pid(), "--blocked", "--json").out();
            assertThat(json).containsPattern("\\{\"thread\":\"read-no-timeout\",\"tid\":null,\"javaThreadId\":\\d+,"
                    + "\"virtual\":false,\"javaState\":\"RUNNABLE\",\"op\":\"read\",\"waitedMillis\":\\d+,");
            if (virtual) {
                // Parked, in no system call: only the agent sees it; /proc shows the carrier threads idle.
                String virtualName = view.lines().filter(l -> l.startsWith("virtual-read@virtual#")).findFirst()
                        .map(l -> l.substring(0, l.indexOf(' '))).orElse("virtual-read@virtual#?");
                assertThat(row(view, virtualName)).containsPattern(" read +\\d+\\.\\ds +none ")
                        .contains(":" + s.get("virtual-read")[0] + " ", "ESTABLISHED" + origin);
                assertThat(json).containsPattern("\"thread\":\"virtual-read\",\"tid\":null,\"javaThreadId\":\\d+,"
                        + "\"virtual\":true,");
                assertThat(blocked(jdk, app.pid(), true)).doesNotContain("virtual-read");
            }
            // The console's row for the reader's socket, and its details, name the thread blocked on it.
            java.util.regex.Matcher fd = java.util.regex.Pattern.compile(
                    "\\{\"thread\":\"read-no-timeout\",[^}]*\"fd\":(\\d+),").matcher(json);
            assertThat(fd.find()).as(json).isTrue();
            assertThat(AgentOriginsTest.jmx(app.pid(), "Sockets", "describe", fd.group(1)))
                    .containsPattern("\n  blocked: thread \"read-no-timeout\" read, waited \\d+\\.\\ds, no timeout\n");
            assertThat(consoleRows(app.pid())).filteredOn(l -> l.contains("\tlocal=127.0.0.1:" + s.get("read-no-timeout")[0] + "\t"))
                    .singleElement().asString()
                    .containsPattern("\tblocked=thread \"read-no-timeout\" read, waited \\d+\\.\\ds, no timeout\t");
            // Waits with no timeout beyond 2 s raise the blocked alert; the reader's clears when it gets its byte.
            try (AgentAlertsTest.Lines alerts = AgentAlertsTest.Lines.of(List.of(Tools.launcher().toString(),
                    Long.toString(app.pid()), "--alerts"), Map.of("JAVA_HOME", jdk.toString()))) {
                String reader = "thread \"read-no-timeout\" #\\d+ read from 127\\.0\\.0\\.1:\\d+";
                assertThat(nextMatching(alerts, "blocked raised: " + reader
                        + " has waited \\d+ s with no timeout \\(threshold 2\\)")).isNotNull();
                app.send("release");
                app.readUntil("RELEASED");
                assertThat(nextMatching(alerts, "blocked cleared: " + reader + " stopped waiting")).isNotNull();
            }
            assertThat(AgentOriginsTest.cli(jdk, app.pid(), "--blocked").out()).as("the reader got its byte")
                    .doesNotContain("read-no-timeout").contains("read-1h");
            assertThat(app.stderr()).isEmpty();
        }
    }

    /** Any process, not only a JVM: a perl listener stuck in accept, from its /proc. */
    @org.junit.jupiter.api.Test
    void aProcessThatIsNoJvm() throws Exception {
        Tools.require(Tools.onPath("perl"), "perl");
        Process perl = new ProcessBuilder("perl", "-MIO::Socket::INET", "-e", "$s = IO::Socket::INET->new(Listen => 5,"
                + " LocalAddr => '127.0.0.1', LocalPort => 0) or die; $| = 1; print $s->sockport, qq(\\n); $s->accept;")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String port = new java.io.BufferedReader(new java.io.InputStreamReader(perl.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            String view = "";
            for (int i = 0; i < 50 && !view.contains("\nperl "); i++) {
                view = AgentOriginsTest.cli(Tools.jdks().get(0), perl.pid(), "--no-attach", "--blocked").out();
                Thread.sleep(100);
            }
            assertThat(row(view, "perl")).as(view).contains(" accept ", " none ", " 127.0.0.1:" + port + " ")
                    .endsWith("LISTEN     ");
            assertThat(view).contains("\n1 thread accepting on 127.0.0.1:" + port + ", 1 with no timeout\n");
        } finally {
            perl.destroy();
            perl.waitFor();
        }
    }

    /** A JVM in its own pid, network and mount namespaces, seen from the host both ways. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aContainedJvmFromTheHost(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.startContained(jdk, List.of("-javaagent:" + Zoo.agentJar()),
                "io.jattachstat.e2e.apps.BlockedThreads")) {
            assertThat(app.readyLine).as("pid 1 in its own pid namespace").isEqualTo("READY 1");
            Map<String, String[]> s = AgentOriginsTest.sockets(app.beforeReady);
            String fromProc = blocked(jdk, app.pid(), true);
            assertThat(row(fromProc, "read-no-timeout")).as(fromProc).contains(" read ", " none ")
                    .contains("127.0.0.1:" + s.get("read-no-timeout")[0] + " ");
            assertThat(row(fromProc, "connect-1h")).contains(" connect ", " 3600 s ");
            String fromAgent = blocked(jdk, app.pid(), false);
            assertThat(row(fromAgent, "read-no-timeout")).as(fromAgent).containsPattern(" read +\\d+\\.\\ds +none ")
                    .contains("127.0.0.1:" + s.get("read-no-timeout")[0] + " ");
            assertThat(row(fromAgent, "accept-1h")).containsPattern(" accept +\\d+\\.\\ds +3600 s ");
        }
    }

    /** The socket rows of the Sockets MBean's consoleSnapshot(), as the JConsole plugin gets them. */
    private static List<String> consoleRows(long pid) throws Exception {
        Process probe = new ProcessBuilder(AgentMBeansTest.java(), "-cp", AgentMBeansTest.testClasses(),
                "io.jattachstat.e2e.probe.ConsoleProbe", Long.toString(pid))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(probe.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            List<String> rows = new java.util.ArrayList<>();
            for (String line; (line = r.readLine()) != null && !line.equals("END"); ) {
                if (line.startsWith("sockets\t")) {
                    rows.add(line);
                }
            }
            return rows;
        } finally {
            probe.destroy();
            probe.waitFor();
        }
    }

    /** The first line of the stream, within 15 s each, whose message (after the time) matches. */
    private static String nextMatching(AgentAlertsTest.Lines lines, String regex) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String l = lines.next();
            seen.add(l);
            if (l.substring(l.indexOf(' ') + 1).matches(regex)) {
                return l;
            }
        }
        throw new AssertionError("no line matching " + regex + " in " + seen);
    }

    private static String blocked(Path jdk, long pid, boolean noAttach) throws InterruptedException {
        String view = "";
        for (int i = 0; i < 50; i++) { // the threads block a moment after READY
            view = noAttach ? AgentOriginsTest.cli(jdk, pid, "--no-attach", "--blocked").out()
                    : AgentOriginsTest.cli(jdk, pid, "--blocked").out();
            if (view.contains("connect-full") && view.contains("connect-1h") && view.contains("channel-read")) {
                break;
            }
            Thread.sleep(100);
        }
        return view;
    }

    private static String row(String view, String thread) {
        List<String> rows = view.lines().filter(l -> l.startsWith(thread + " ")).toList();
        assertThat(rows).as(thread + " in\n" + view).hasSize(1);
        return rows.get(0);
    }
}
