package io.jattachstat.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket origins on JDK 17 and Temurin 25, against a forked JVM ({@code OriginsApp}) that opens one
 * socket of each kind from a method of its own and reports the frame that did it: the agent must
 * name exactly that frame, for accepted sockets the listener's, and "unknown" for sockets that
 * predate a dynamic load. The kernel's rows are the oracle for what exists (the plain view is
 * netstat's, checked byte for byte by NetstatOracleTest); the CLI and the MBeans are the views.
 */
class AgentOriginsTest {
    @BeforeAll
    static void tools() {
        Tools.require(Tools.onPath("ss"), "ss");
    }

    static List<Path> jdks() {
        return Tools.jdks();
    }

    /** What the app said: name to {where, origin}. */
    /** "SOCKET name where origin" lines, by name: {where, origin}. */
    static Map<String, String[]> sockets(List<String> lines) {
        Map<String, String[]> out = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("SOCKET ")) {
                String[] f = line.split(" ", 4);
                out.put(f[1], new String[] {f[2], f[3]});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void namesTheMethodThatOpenedEachSocket(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), "",
                "io.jattachstat.e2e.apps.OriginsApp")) {
            app.send("open");
            Map<String, String[]> s = sockets(app.readUntil("DONE open"));
            Thread.sleep(1100); // a new snapshot

            String view = cli(jdk, app.pid(), "--origins", "-anW").out();
            String listenerOrigin = s.get("serverSocket")[1];
            assertThat(row(view, "tcp", ":" + s.get("serverSocket")[0] + " ", "LISTEN")).endsWith(" " + listenerOrigin);
            assertThat(row(view, "tcp", ":" + s.get("socket")[0] + " ", "ESTABLISHED")).endsWith(" " + s.get("socket")[1]);
            String[] accepted = s.get("accepted")[0].split(">");
            assertThat(row(view, "tcp", ":" + accepted[0] + " ", ":" + accepted[1] + " "))
                    .as("an accepted socket carries its listener's origin").endsWith(" " + listenerOrigin);

            String channelOrigin = s.get("serverSocketChannel")[1];
            assertThat(row(view, "tcp", ":" + s.get("serverSocketChannel.port")[0] + " ", "LISTEN")).endsWith(" " + channelOrigin);
            assertThat(row(view, "tcp", ":" + s.get("socketChannel")[0] + " ", "ESTABLISHED"))
                    .endsWith(" " + s.get("socketChannel")[1]);
            String[] acceptedChannel = s.get("acceptedChannel")[0].split(">");
            assertThat(row(view, "tcp", ":" + acceptedChannel[0] + " ", ":" + acceptedChannel[1] + " "))
                    .endsWith(" " + channelOrigin);

            assertThat(row(view, "udp", ":" + s.get("datagramSocket")[0] + " ", "")).endsWith(" " + s.get("datagramSocket")[1]);
            assertThat(row(view, "udp", ":" + s.get("datagramChannel.port")[0] + " ", ""))
                    .endsWith(" " + s.get("datagramChannel")[1]);

            String unixPath = s.get("unixServer")[0];
            assertThat(row(view, "unix", "LISTENING", unixPath + " ")).endsWith(" " + s.get("unixServer")[1]);
            assertThat(view.lines().filter(l -> l.startsWith("unix") && l.endsWith(" " + s.get("unixClient")[1])))
                    .hasSize(1);

            if (!s.get("virtual")[0].equals("none")) {
                assertThat(row(view, "tcp", ":" + s.get("virtual")[0] + " ", "ESTABLISHED")).endsWith(" " + s.get("virtual")[1]);
                String verbose = cli(jdk, app.pid(), "--origins", "-tanv").out();
                assertThat(verbose).contains("opened").contains("by virtual thread");
            }

            // The origins view is the plain view (netstat's rows) with one column appended.
            List<String> plain = cli(jdk, app.pid(), "-an").out().lines().toList();
            List<String> withOrigins = cli(jdk, app.pid(), "--origins", "-an").out().lines().toList();
            assertThat(withOrigins).hasSameSizeAs(plain);
            for (int i = 0; i < plain.size(); i++) {
                if (plain.get(i).startsWith("Active ")) {
                    assertThat(withOrigins.get(i)).isEqualTo(plain.get(i));
                } else {
                    assertThat(withOrigins.get(i)).startsWith(plain.get(i) + " ");
                }
            }

            // The MBean operations say the same.
            String listening = jmx(app.pid(), "Sockets", "origins", "LISTEN", "10");
            assertThat(listening).contains("1  " + listenerOrigin, "1  " + channelOrigin);
            int fd = fdOf(app.pid(), row(cli(jdk, app.pid(), "-tane").out(), "tcp", ":" + s.get("serverSocket")[0] + " ", "LISTEN"));
            assertThat(jmx(app.pid(), "Sockets", "describe", Integer.toString(fd)))
                    .contains("fd " + fd + ": tcp6", "origin: " + listenerOrigin, "as ServerSocket by thread \"main\"",
                            "at> " + listenerOrigin);
            assertThat(app.stderr()).as("nothing of ours in the application's log").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attributesClosesTimeWaitAndTheGcCleaner(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar() + "=stacks=always"), "",
                "io.jattachstat.e2e.apps.OriginsApp")) {
            app.send("open");
            Map<String, String[]> s = sockets(app.readUntil("DONE open"));
            String records = agentLine(jdk, app.pid(), "socket records: ");
            app.send("close");
            app.readUntil("DONE close");
            assertThat(count(agentLine(jdk, app.pid(), "socket records: ")))
                    .as("closing a socket retires its record").isEqualTo(count(records) - 1);

            app.send("timewait");
            s.putAll(sockets(app.readUntil("DONE timewait")));
            app.send("leak");
            s.putAll(sockets(app.readUntil("DONE leak")));
            Thread.sleep(1100);

            String port = ":" + s.get("timewait")[0] + " ";
            assertThat(ssHas("TIME-WAIT", port)).as("the kernel keeps the row").isTrue();
            assertThat(cli(jdk, app.pid(), "--origins", "-tan").out()).doesNotContain(port);
            String closed = cli(jdk, app.pid(), "--origins", "-tan", "--closed").out();
            assertThat(row(closed, "tcp", port, "TIME_WAIT")).endsWith(" closed by " + s.get("timewait")[1]);

            // --summary counts the connection the JVM closed as its own: netstat -p would show it as nobody's.
            String summary = cli(jdk, app.pid(), "--summary").out();
            assertThat(summary).containsPattern("TCP:\\s+\\d+ \\([^)]*time-wait [1-9]");
            assertThat(summary).containsPattern("TIME_WAIT by remote host \\(top 20\\)\n\\s+TIME_WAIT  Remote host\n\\s+[1-9]\\d*  127\\.0\\.0\\.1\n");
            assertThat(cli(jdk, app.pid(), "--summ").out()).as("a GNU prefix of --summary, through the agent")
                    .containsPattern("TCP:\\s+\\d+ \\([^)]*time-wait [1-9]");

            String leakPort = ":" + s.get("leak")[0] + " ";
            assertThat(row(closed, "tcp", leakPort, "FIN_WAIT2")).endsWith(" closed by GC cleaner (nobody closed it)");
            String leaks = cli(jdk, app.pid(), "--leaks").out();
            assertThat(leaks).containsPattern("\\s+1\\s+1\\s+" + java.util.regex.Pattern.quote(s.get("leak")[1]));

            // Stack mode is switchable at run time.
            jmx(app.pid(), "Agent", "set", "StackMode", "off");
            assertThat(cli(jdk, app.pid(), "--agent").out()).contains("stack mode:   off");
        }
    }

    /**
     * Sampled mode walks at most walksPerSecond stacks a second: past that, sockets are recorded with
     * "(not sampled)" and counted; with stacks off, nothing is walked at all.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sampledModeKeepsToItsWalkBudgetAndOffWalksNothing(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar() + "=walksPerSecond=2"), "",
                "io.jattachstat.e2e.apps.OriginsApp")) {
            app.send("open");
            app.readUntil("DONE open");
            String view = cli(jdk, app.pid(), "--origins", "-tanu").out();
            assertThat(view).contains(" (not sampled)").contains(" io.jattachstat.e2e.apps.OriginsApp.");
            assertThat(agentLine(jdk, app.pid(), "stack walks: ")).doesNotEndWith("not walked since start: 0");

            jmx(app.pid(), "Agent", "set", "StackMode", "off");
            app.send("closewait");
            Map<String, String[]> s = sockets(app.readUntil("DONE closewait"));
            assertThat(row(cli(jdk, app.pid(), "--origins", "-tan").out(), "tcp", ":" + s.get("closewait")[0] + " ", "CLOSE_WAIT"))
                    .endsWith(" (stacks off)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void socketsFromBeforeADynamicLoadAreUnknown(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of(), "", "io.jattachstat.e2e.apps.OriginsApp")) {
            app.send("open");
            Map<String, String[]> s = sockets(app.readUntil("DONE open"));
            cli(jdk, app.pid(), "--origins", "-an"); // loads the agent, and waits for its hooks to answer
            app.send("closewait");
            s.putAll(sockets(app.readUntil("DONE closewait")));
            Thread.sleep(1100);
            String view = cli(jdk, app.pid(), "--origins", "-an").out();
            // No stack is kept of them; the kind, the JDK's cleaner still knows.
            assertThat(row(view, "tcp", ":" + s.get("socket")[0] + " ", "ESTABLISHED"))
                    .endsWith(" unknown (java.net.Socket, opened before the agent)");
            assertThat(row(view, "tcp", ":" + s.get("serverSocket")[0] + " ", "LISTEN"))
                    .endsWith(" unknown (java.net.ServerSocket, opened before the agent)");
            assertThat(row(view, "tcp", ":" + s.get("serverSocketChannel.port")[0] + " ", "LISTEN"))
                    .as("a channel registers no cleaner").endsWith(" unknown (opened before the agent)");
            assertThat(row(view, "tcp", ":" + s.get("closewait")[0] + " ", "CLOSE_WAIT")).endsWith(" " + s.get("closewait")[1]);
            String leaks = cli(jdk, app.pid(), "--leaks").out();
            assertThat(leaks.lines().skip(2).findFirst().orElseThrow())
                    .as("CLOSE_WAIT first").startsWith("CLOSE_WAIT").endsWith(s.get("closewait")[1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aHookThatThrowsLeavesSocketCallsWorking(Path jdk) throws Exception {
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-Djattachstat.test.hookFault=true",
                "-javaagent:" + Zoo.agentJar()), "", "io.jattachstat.e2e.apps.OriginsApp")) {
            app.send("fault");
            List<String> lines = app.readUntil("DONE fault");
            assertThat(lines).anyMatch(l -> l.startsWith("SOCKET fault 42,7,"));
            assertThat(app.stderr()).isEmpty();
        }
    }

    /**
     * Netty's native epoll transport makes its sockets in C: the hooks on Netty's unix Socket and
     * FileDescriptor classes must still name the application code that opened the server and the
     * client, give the accepted connection its listener's origin, and retire the client's record
     * when it is closed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void nettyEpollSocketsHaveTheirOrigins(Path jdk) throws Exception {
        String netty = nettyClassPath();
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar() + "=stacks=always"), netty,
                "io.jattachstat.e2e.apps.NettyApp")) {
            app.send("open");
            List<String> said = app.readUntil("DONE open");
            assertThat(said).noneMatch(l -> l.startsWith("NO-EPOLL"));
            Map<String, String[]> s = sockets(said);
            assertThat(cli(jdk, app.pid(), "--agent").out())
                    .contains("open: Netty native socket: installed: Socket.<init>")
                    .contains("accept: Netty native socket: installed: Socket.accept")
                    .contains("close: Netty native socket: installed: FileDescriptor.close");
            Thread.sleep(1100);
            String view = cli(jdk, app.pid(), "--origins", "-tanW").out();
            String server = s.get("server")[1];
            String serverPort = s.get("server.port")[0];
            String clientPort = s.get("client.port")[0];
            assertThat(row(view, "tcp", ":" + serverPort + " ", "LISTEN")).endsWith(" " + server);
            assertThat(row(view, "tcp", ":" + clientPort + " ", "ESTABLISHED")).endsWith(" " + s.get("client")[1]);
            assertThat(row(view, "tcp", ":" + serverPort + " ", ":" + clientPort + " ")).endsWith(" " + server);

            app.send("close");
            s.putAll(sockets(app.readUntil("DONE close")));
            Thread.sleep(1100);
            // Netty closes on its event loop, where no application frame is on the stack: the row
            // names the closing frame and, with -v, the code that opened the connection.
            String closed = cli(jdk, app.pid(), "--origins", "-tanv", "--closed").out();
            String row = row(closed, "tcp", ":" + clientPort + " ", "_WAIT");
            assertThat(row).contains(" closed by io.netty.");
            assertThat(closed.substring(closed.indexOf(row))).contains("opened by: " + s.get("client")[1]);
        }
    }

    /** The fd through which {@code pid} holds the socket of a {@code -e} row (its inode is the last column). */
    private static int fdOf(long pid, String extendedRow) throws IOException {
        String[] columns = extendedRow.trim().split("\\s+");
        String link = "socket:[" + columns[columns.length - 1] + "]";
        try (var fds = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (java.nio.file.Files.readSymbolicLink(fd).toString().equals(link)) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // not ours
                }
            }
        }
        throw new AssertionError("no fd of " + pid + " holds " + link);
    }

    private static String nettyClassPath() throws IOException {
        Path libs = Path.of(System.getProperty("jattachstat.nettyLibs", "target/netty-libs"));
        try (var jars = java.nio.file.Files.list(libs)) {
            return String.join(":", jars.map(Path::toString).sorted().toList());
        }
    }

    /** The launcher's answer for {@code pid}, which must have succeeded. */
    static Tools.Result cli(Path jdk, long pid, String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.launcher().toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Tools.Result r = Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
        assertThat(r.status()).as(String.join(" ", command) + ": " + r.err()).isZero();
        return r;
    }

    /** One MBean call in a JVM with nothing of ours on its class path; what it printed. */
    static String jmx(long pid, String type, String... call) {
        return jmx(List.of(), pid, type, call);
    }

    /**
     * The same for a JVM in a network namespace of its own (the zoo): the call is made from inside it,
     * where the JDK's local JMX connector listens.
     */
    static String jmxInNamespaceOf(long pid, String type, String... call) {
        return jmx(List.of("nsenter", "-t", Long.toString(pid), "-n", "--"), pid, type, call);
    }

    private static String jmx(List<String> prefix, long pid, String type, String... call) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(AgentMBeansTest.java(), "-cp", AgentMBeansTest.testClasses(),
                "io.jattachstat.e2e.probe.JmxCall", Long.toString(pid), type));
        command.addAll(List.of(call));
        Tools.Result r = Tools.run(command, Map.of());
        assertThat(r.status()).as(r.err()).isZero();
        return r.out();
    }

    /**
     * The one row of {@code view} that starts with {@code proto} and contains both fragments; a
     * fragment ":port " must be the row's local address (for inet rows).
     */
    private static String row(String view, String proto, String a, String b) {
        List<String> rows = view.lines().filter(l -> l.startsWith(proto) && has(l, a) && l.contains(b)).toList();
        assertThat(rows).as("rows with '" + a + "' and '" + b + "' in\n" + view).hasSize(1);
        return rows.get(0);
    }

    private static boolean has(String row, String fragment) {
        if (row.startsWith("unix") || !fragment.startsWith(":")) {
            return row.contains(fragment);
        }
        String[] columns = row.trim().split("\\s+");
        return columns.length > 3 && (columns[3] + " ").endsWith(fragment);
    }

    private static String agentLine(Path jdk, long pid, String prefix) {
        return cli(jdk, pid, "--agent").out().lines().filter(l -> l.contains(prefix)).findFirst().orElseThrow();
    }

    /** The first number after "socket records: ". */
    private static int count(String line) {
        String rest = line.substring(line.indexOf("socket records: ") + 16);
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
    }

    private static boolean ssHas(String state, String port) throws IOException {
        return Tools.run(List.of("ss", "-tanH"), Map.of()).out().lines().anyMatch(l -> l.startsWith(state) && l.contains(port));
    }
}
