package io.jattachstat.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --blocked} from the kernel's side (/proc/<pid>/task/<tid>/syscall and the pollfd in the
 * process's memory): each stuck thread with what it waits for, its timeout and its socket as netstat
 * shows it, with --no-attach and through the agent, on JDK 17 and Temurin 25; a thread that stops
 * blocking disappears.
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
