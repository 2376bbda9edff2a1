package io.jattachstat.e2e;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views incident responders type after netstat, on the zoo JVM in a namespace of its own (with
 * the agent, and with --no-attach): filtered rows against the real netstat's rows for the JVM
 * filtered the same way; --summary against ss's count of the JVM's sockets; every --json view
 * through jq (a real JSON parser) against the schema in docs/json.md and the text views.
 */
class FiltersSummaryJsonTest {
    private static Zoo zoo;
    private static String pid;

    @BeforeAll
    static void startZoo() throws Exception {
        zoo = Zoo.start(Tools.jdks().get(0), List.of("-javaagent:" + Zoo.agentJar()));
        pid = Long.toString(zoo.pid());
        // The agent may have read its first snapshot while the zoo was still opening sockets, and its
        // answers may be one refresh interval (1 s) old: let that snapshot expire.
        Thread.sleep(1100);
    }

    @AfterAll
    static void stopZoo() throws Exception {
        if (zoo != null) {
            zoo.close();
        }
    }

    private static Tools.Result jattachstat(String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.launcher().toString(), pid));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of("JAVA_HOME", Tools.jdks().get(0).toString()));
    }

    /** netstat's rows of the zoo (with its headings), then only those that pass {@code keep}. */
    private static String netstatRows(String options, Predicate<String[]> keep) {
        String plain = zoo.netstat(List.of(options.split(" "))).out();
        String owned = NetstatOracle.ownedRows(plain, zoo.netstat(List.of((options + " -p").split(" "))).out(),
                zoo.pid());
        assertThat(owned).as("the namespace changed between two netstat runs").isNotNull();
        StringBuilder b = new StringBuilder();
        for (String line : owned.lines().toList()) {
            if (NetstatOracle.isHeading(line) || keep.test(line.trim().split("\\s+"))) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1).replace("*", "0"));
    }

    @Test
    void filteredRowsAreNetstatsRowsFilteredTheSameWay() {
        // The zoo's listener with connections nobody accepted; the port of its CLOSE_WAIT connection.
        String listenLine = netstatRows("-tln", f -> f[1].equals("3")).lines().filter(l -> l.startsWith("tcp"))
                .findFirst().orElseThrow();
        int backlogged = port(listenLine.trim().split("\\s+")[3]);
        SoftAssertions softly = new SoftAssertions();
        Map<List<String>, String> cases = new HashMap<>();
        cases.put(List.of("-tan", "--state", "close-wait,LISTEN"),
                netstatRows("-tan", f -> f[5].equals("CLOSE_WAIT") || f[5].equals("LISTEN")));
        cases.put(List.of("-tan", "--state=ESTAB"), netstatRows("-tan", f -> f[5].equals("ESTABLISHED")));
        cases.put(List.of("-tuan", "--port", Integer.toString(backlogged)),
                netstatRows("-tuan", f -> port(f[3]) == backlogged || port(f[4]) == backlogged));
        cases.put(List.of("-tan", "--remote", "127.0.0.1:" + backlogged),
                netstatRows("-tan", f -> f[4].equals("127.0.0.1:" + backlogged)));
        cases.put(List.of("-tan", "--local", "[::1]"), netstatRows("-tan", f -> f[3].startsWith("::1:")));
        cases.put(List.of("-uan", "--state", "unconn"), netstatRows("-uan", f -> f.length == 5));
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            for (boolean noAttach : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(c.getKey());
                if (noAttach) {
                    args.add(0, "--no-attach");
                }
                Tools.Result ours = jattachstat(args.toArray(new String[0]));
                softly.assertThat(ours.out()).as(String.join(" ", args)).isEqualTo(c.getValue());
                softly.assertThat(ours.status()).as(String.join(" ", args)).isZero();
            }
        }
        softly.assertAll();
        assertThat(cases.get(List.of("-tan", "--state=ESTAB"))).as("the filters have rows to keep").contains("ESTABLISHED");
    }

    @Test
    void summaryCountsTheJvmsSocketsAsSsDoes() {
        SsSockets ss = SsSockets.inNamespaceOf(zoo.pid());
        // Through the agent, the connections the JVM closed (the zoo is its namespace's only process:
        // the rows of nobody there) count as its own, as netstat -p cannot count them.
        SsSockets closed = SsSockets.closedInNamespaceOf(zoo.pid());
        for (boolean noAttach : new boolean[] {false, true}) {
            Map<String, Integer> expected = new HashMap<>(ss.counts());
            List<SsSockets.Row> rows = new ArrayList<>(ss.rows);
            if (!noAttach) {
                closed.counts().forEach((k, v) -> expected.merge(k, v, Integer::sum));
                rows.addAll(closed.rows);
            }
            String json = (noAttach ? jattachstat("--no-attach", "--summary", "--json") : jattachstat("--summary", "--json")).out();
            String states = jq(json, "-r", ".states | to_entries[] | .key as $t | .value | to_entries[] | \"\\($t) \\(.key) \\(.value)\"");
            Map<String, Integer> ours = new HashMap<>();
            for (String line : states.lines().toList()) {
                String[] f = line.split(" ");
                if (!f[2].equals("0")) {
                    ours.put(f[0] + " " + f[1], Integer.parseInt(f[2]));
                }
            }
            assertThat(ours).as("states, " + (noAttach ? "--no-attach" : "through the agent")).isEqualTo(expected);
            assertThat(jq(json, ".total").trim()).isEqualTo(Integer.toString(rows.size()));
            assertThat(jq(json, "-r", ".remoteHosts[0].host").trim()).isEqualTo("127.0.0.1");
            assertThat(jq(json, ".remoteHosts[0].count").trim()).isEqualTo(Long.toString(rows.stream()
                    .filter(r -> r.transport().equals("tcp") && !r.state().equals("listen")).count()));
        }
        String text = jattachstat("--summary", "--top", "1").out(); // through the agent: the closed rows too
        assertThat(text).startsWith("Sockets of process " + pid + " (java): " + (ss.rows.size() + closed.rows.size()) + "\n")
                .contains("TCP:   " + (ss.rows.stream().filter(r -> r.transport().equals("tcp")).count() + closed.rows.size())
                        + " (")
                .contains("Remote hosts by connections (top 1)\n");
    }

    @Test
    void everyJsonViewParsesAndMatchesTheSchemaAndTheTextView() {
        String sockets = jattachstat("-tuwxan", "--json").out();
        List<String> lines = sockets.lines().toList();
        String text = jattachstat("-tuwxan").out();
        long textRows = text.lines().filter(l -> !NetstatOracle.isHeading(l)).count();
        assertThat(lines).hasSize((int) textRows);
        String inetKeys = "[\"family\",\"fd\",\"inode\",\"local\",\"pid\",\"program\",\"proto\",\"recvQ\",\"remote\","
                + "\"sendQ\",\"state\",\"timer\",\"transport\",\"uid\"]";
        String unixKeys = "[\"family\",\"fd\",\"flags\",\"inode\",\"path\",\"pid\",\"program\",\"proto\",\"refCount\","
                + "\"state\",\"transport\",\"type\"]";
        assertThat(jq(sockets, "-c", "-s", "map(select(.proto!=\"unix\") | keys) | unique").trim()).isEqualTo("[" + inetKeys + "]");
        assertThat(jq(sockets, "-c", "-s", "map(select(.proto==\"unix\") | keys) | unique").trim()).isEqualTo("[" + unixKeys + "]");
        // Each JSON socket is a row of the text view: same protocol, state and queues, in the same order.
        List<String> fromJson = List.of(jq(sockets, "-r", "select(.proto!=\"unix\") | \"\\(.proto) \\(.recvQ) \\(.sendQ) \\(.local.port)\"")
                .split("\n"));
        List<String> fromText = text.lines().filter(l -> !NetstatOracle.isHeading(l) && !l.startsWith("unix"))
                .map(l -> l.trim().split("\\s+")).map(f -> f[0] + " " + f[1] + " " + f[2] + " " + port(f[3])).toList();
        assertThat(fromJson).isEqualTo(fromText);

        String statistics = jattachstat("-s", "--json").out();
        assertThat(jq(statistics, "-r", ".view, .family, (.sections | map(.name) | join(\",\"))"))
                .startsWith("statistics\ninet\nIp,Icmp,");
        String routes = jattachstat("-r", "-A", "inet,inet6", "--json").out();
        assertThat(jq(routes, "-r", ".view, (.ipv4 | length), (.ipv6 | map(.iface) | unique | join(\",\"))"))
                .isEqualTo("routes\n0\nlo\n");
        String interfaces = jattachstat("-ia", "--json").out();
        assertThat(jq(interfaces, "-r", ".interfaces[] | \"\\(.name) \\(.flags) \\(.rx.packets)\"").trim())
                .startsWith("lo LRU ");
        String groups = jattachstat("-g", "--json").out();
        assertThat(jq(groups, "-c", ".groups | map(.group)")).contains("\"224.0.0.1\"", "\"ff02::1\"");

        // The agent's own views: the origin on every row of the origins view, the leaks and the agent as objects.
        String origins = jattachstat("--origins", "-tuwxan", "--json").out();
        assertThat(origins.lines().toList()).hasSize((int) textRows);
        assertThat(jq(origins, "-r", "select(has(\"origin\") | not) | .inode")).as("rows without an origin").isEmpty();
        assertThat(jq(jattachstat("--origins", "-tanv", "--json").out(), "-r", "-s", "[.[].originDetails | type] | unique | .[]"))
                .isEqualTo("array\n");
        String leaks = jattachstat("--leaks", "--json").out();
        assertThat(jq(leaks, "-r", ".view, (.connections[0] | keys | join(\",\")), (.closesAreLowerBounds | type)"))
                .isEqualTo("leaks\ncount,medianMillis,oldestMillis,origin,remote,state\nboolean\n");
        assertThat(jq(leaks, "-r", ".connections[0].state")).as("CLOSE_WAIT first, as the text").isEqualTo("CLOSE_WAIT\n");
        String agent = jattachstat("--agent", "--json").out();
        assertThat(jq(agent, "-r", ".view, .loadedBy, .errors, (.capabilities | has(\"control-socket\"))"))
                .isEqualTo("agent\n-javaagent\n0\ntrue\n");
    }

    @Test
    void badInputGetsOneLineAndNetstatsStatus() {
        Map<List<String>, String> errors = Map.of(
                List.of("-tan", "--state", "OPENISH"), "jattachstat: unknown state 'OPENISH' for --state",
                List.of("-tan", "--local", "db.example:80"), "jattachstat: bad address 'db.example:80' for --local",
                List.of("-tan", "--port", "0"), "jattachstat: bad port '0' for --port (1 to 65535)",
                List.of("-tanc", "--json"), "jattachstat: --json does not go with -c (one JSON document per run)",
                List.of("-s", "--summary"), "jattachstat: --summary does not go with -s, -r, -i or -M",
                List.of("-r", "--state", "listen"), "jattachstat: --state, --port, --local and --remote filter sockets",
                List.of("--summary", "--top", "none"), "jattachstat: bad number 'none' for --top (1 or more)");
        for (Map.Entry<List<String>, String> e : errors.entrySet()) {
            Tools.Result r = jattachstat(e.getKey().toArray(new String[0]));
            assertThat(r.status()).as(e.getKey().toString()).isEqualTo(3);
            assertThat(r.out()).as(e.getKey().toString()).isEmpty();
            assertThat(r.err()).as(e.getKey().toString()).startsWith(e.getValue()).hasLineCount(1);
        }
    }

    /** jq over {@code input}: the real parser, and the schema checks in its language. */
    private static String jq(String input, String... args) {
        Tools.require(Tools.onPath("jq"), "jq");
        try {
            Path file = Files.createTempFile("jattachstat-json", ".json");
            Files.writeString(file, input);
            List<String> command = new ArrayList<>(List.of("jq"));
            command.addAll(List.of(args));
            command.add(file.toString());
            Tools.Result r = Tools.run(command, Map.of());
            Files.delete(file);
            assertThat(r.status()).as("jq %s: %s\n%s", List.of(args), r.err(), input).isZero();
            return r.out();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
