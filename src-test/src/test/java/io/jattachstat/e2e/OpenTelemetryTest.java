package io.jattachstat.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket meters through OpenTelemetry, with no code: an application with the real OpenTelemetry
 * SDK (autoconfigured, exporting with the logging exporter every 300 ms) and Micrometer runs with the
 * agent; what the exporter prints must be what ss shows for the JVM's sockets, under OpenTelemetry's
 * names, and Micrometer must get them too. With OpenTelemetry's Micrometer bridge in the global
 * registry, the sockets reach OpenTelemetry once, through the bridge. The same under the OTel Java
 * agent, with and without its Micrometer bridge.
 */
class OpenTelemetryTest {
    /** ss's state names (as the meters' tags) where OpenTelemetry's conventions spell them otherwise. */
    private static final String BOUND = "opentelemetry: bound to GlobalOpenTelemetry's meter provider (app)";
    private static final String QUIET = BOUND + "; quiet: Micrometer's OpenTelemetry bridge reports the same meters there\n";
    private static final Map<String, String> STATES = Map.of("syn-recv", "syn_received", "fin-wait1", "fin_wait_1",
            "fin-wait2", "fin_wait_2", "close", "closed");

    static List<Path> jdks() {
        return Tools.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theGlobalOpenTelemetryGetsTheSocketsAsSsSeesThemAndMicrometerToo(Path jdk) throws Exception {
        try (ForkedJvm app = start(jdk, "sdk")) {
            String[] ready = app.readyLine.split(" ");
            int backlogged = Integer.parseInt(ready[1]);
            assertThat(ready[3]).isEqualTo("global-set=false");
            // The API is loaded, no global is set: the agent waits for one, and must not have fixed a no-op
            // (then the application's own set, next, would throw).
            awaitAgentSays(jdk, app, "opentelemetry: waiting for the application to set GlobalOpenTelemetry (app)");
            app.send("set-global");
            assertThat(app.readUntil("DONE")).last().isEqualTo("DONE set-global");

            SsSockets ss = SsSockets.of(app.pid(), Set.of());
            Map<String, Integer> expected = ss.counts();
            assertThat(expected).containsEntry("tcp close-wait", 2).containsEntry("tcp listen", 2)
                    .containsEntry("udp unconnected", 1);
            Export export = awaitExport(app, e -> socketCounts(e).equals(otelCounts(expected)));

            List<Point> sockets = export.points("process.socket.count");
            assertThat(sockets).as("one series per transport and state").hasSize(20);
            assertThat(sockets.stream().mapToDouble(Point::value).sum()).isEqualTo(ss.rows.size());
            assertThat(export.points.stream().map(p -> p.name + p.attributes).distinct().count())
                    .as("each series once in a collection").isEqualTo(export.points.size());
            assertThat(export.value("process.socket.queue.size", "network.io.direction", "receive",
                    "network.transport", "tcp")).isEqualTo(ss.queue("tcp", true)).isEqualTo(12);
            assertThat(export.value("process.socket.queue.size", "network.io.direction", "transmit",
                    "network.transport", "tcp")).isEqualTo(ss.queue("tcp", false));
            assertThat(export.value("process.socket.listen.queue.size", "network.transport", "tcp", "server.port",
                    Integer.toString(backlogged))).isEqualTo(ss.listener(backlogged).recvQ()).isEqualTo(2);
            assertThat(export.value("process.socket.listen.queue.limit", "network.transport", "tcp", "server.port",
                    Integer.toString(backlogged))).isEqualTo(ss.listener(backlogged).sendQ()).isEqualTo(7);
            assertThat(export.value("process.socket.opened")).as("listeners, clients, accepted, UDP").isGreaterThanOrEqualTo(11);
            assertThat(export.value("process.socket.closed", "jattachstat.closed_by", "code")).isGreaterThanOrEqualTo(2);
            assertThat(export.units).containsEntry("process.socket.count", "{socket}")
                    .containsEntry("process.socket.queue.size", "By").containsEntry("process.socket.opened", "{socket}");

            // Micrometer's registry has them as well, under its names.
            app.send("micrometer");
            Map<String, Double> micrometer = new HashMap<>();
            for (String line : app.readUntil("DONE")) {
                String[] f = line.split(" ");
                if (f[0].equals("METER") && f[1].equals("process.sockets")) {
                    Matcher m = Pattern.compile("state=([\\w-]+)\\),tag\\(transport=(\\w+)").matcher(f[2]);
                    assertThat(m.find()).as(line).isTrue();
                    micrometer.put(m.group(2) + " " + m.group(1), Double.parseDouble(f[3]));
                }
            }
            assertThat(micrometer).hasSize(20);
            micrometer.forEach((k, v) -> assertThat(v).as(k).isEqualTo(expected.getOrDefault(k, 0).doubleValue()));
            assertThat(agent(jdk, app)).contains(BOUND + "\n").contains("errors:       0\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void throughMicrometersOpenTelemetryBridgeTheSocketsArriveOnce(Path jdk) throws Exception {
        try (ForkedJvm app = start(jdk, "bridge")) {
            app.send("set-global");
            assertThat(app.readUntil("DONE")).last().isEqualTo("DONE set-global");
            // Bound, and quiet once a collection found the bridge; from then on ...
            awaitAgentSays(jdk, app, QUIET);
            SsSockets ss = SsSockets.of(app.pid(), Set.of());
            // ... the bridge's copy, under Micrometer's names, with ss's counts, and for three collections
            // in a row nothing of the agent's own instruments.
            assertCountedOnceAs("process.sockets", "process.socket.", app, ss);
            assertThat(agent(jdk, app)).contains("errors:       0\n");
        }
    }

    static Stream<Arguments> jdksWithAndWithoutTheMicrometerBridge() {
        return Tools.jdks().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, false), Arguments.of(jdk, true)));
    }

    /**
     * The OTel Java agent sets the application's global at start-up; with its Micrometer instrumentation
     * on (off by default in 2.x), it also bridges {@code Metrics.globalRegistry} to its SDK.
     */
    @ParameterizedTest(name = "{0}, micrometer bridge {1}")
    @MethodSource("jdksWithAndWithoutTheMicrometerBridge")
    void theOtelJavaAgentsGlobalGetsThemOnce(Path jdk, boolean bridge) throws Exception {
        List<String> options = List.of("-javaagent:" + Path.of("target/javaagents/opentelemetry-javaagent.jar")
                        .toAbsolutePath(), "-javaagent:" + Zoo.agentJar(),
                "-Dotel.instrumentation.micrometer.enabled=" + bridge, "-Dotel.metrics.exporter=logging",
                "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none", "-Dotel.metric.export.interval=300");
        try (ForkedJvm app = ForkedJvm.start(jdk, options, otelClassPath(), "io.jattachstat.e2e.apps.OtelApp")) {
            assertThat(app.readyLine).endsWith(" global-set=true");
            // The OTel Java agent starts slowly: the binding comes seconds after main.
            awaitAgentSays(jdk, app, bridge ? QUIET : BOUND + "\n");
            SsSockets ss = SsSockets.of(app.pid(), Set.of());
            if (bridge) {
                assertCountedOnceAs("process.sockets", "process.socket.", app, ss);
            } else {
                assertCountedOnceAs("process.socket.count", "process.sockets", app, ss);
            }
            assertThat(agent(jdk, app)).contains("errors:       0\n");
        }
    }

    /**
     * A collection from now on counts ss's sockets under {@code counted}, and it and the two after it
     * count them there, 20 series, and have nothing named {@code absent}.
     */
    private static void assertCountedOnceAs(String counted, String absent, ForkedJvm app, SsSockets ss)
            throws Exception {
        Export first = awaitExport(app, e -> e.points(counted).stream().mapToDouble(Point::value).sum()
                == ss.rows.size());
        for (Export e : awaitExports(app, first.index + 3).subList(first.index, first.index + 3)) {
            assertThat(e.points(counted)).as("collection " + e.index).hasSize(20);
            assertThat(e.points).as("collection " + e.index).noneMatch(p -> p.name.startsWith(absent));
        }
    }

    private static ForkedJvm start(Path jdk, String mode) throws IOException {
        List<String> options = List.of("-javaagent:" + Zoo.agentJar(), "-Dotel.metrics.exporter=logging",
                "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none", "-Dotel.metric.export.interval=300",
                "-Dotel.service.name=otel-app");
        return ForkedJvm.start(jdk, options, otelClassPath(), "io.jattachstat.e2e.apps.OtelApp", mode);
    }

    /** The SDK, its logging exporter, the Micrometer bridge and Micrometer, as the build copied them. */
    private static String otelClassPath() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target/otel-libs"))) {
            return jars.map(p -> p.toAbsolutePath().toString()).sorted().collect(Collectors.joining(File.pathSeparator));
        }
    }

    private static String agent(Path jdk, ForkedJvm app) {
        return AgentOriginsTest.cli(jdk, app.pid(), "--agent").out();
    }

    private static void awaitAgentSays(Path jdk, ForkedJvm app, String line) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 100 && !last.contains(line); i++) {
            Thread.sleep(200);
            last = agent(jdk, app);
        }
        assertThat(last).contains(line);
    }

    /** The first complete collection, from now on, that {@code wanted} accepts (within 30 s). */
    private static Export awaitExport(ForkedJvm app, Predicate<Export> wanted) throws Exception {
        int from = Export.parse(app.stderr()).size();
        List<Export> all = List.of();
        for (int i = 0; i < 100; i++) {
            all = Export.parse(app.stderr());
            for (Export e : all.subList(Math.min(from, all.size()), all.size())) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no collection as wanted in 30 s; the last: "
                + (all.isEmpty() ? "none" : all.get(all.size() - 1).points));
    }

    private static List<Export> awaitExports(ForkedJvm app, int count) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<Export> all = Export.parse(app.stderr());
            if (all.size() >= count) {
                return all;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("fewer than " + count + " collections in 30 s");
    }

    /** ss's counts as "transport state" under OpenTelemetry's state names. */
    private static Map<String, Double> otelCounts(Map<String, Integer> ss) {
        Map<String, Double> out = new HashMap<>();
        ss.forEach((k, v) -> {
            String[] f = k.split(" ");
            out.put(f[0] + " " + STATES.getOrDefault(f[1], f[1].replace('-', '_')), v.doubleValue());
        });
        return out;
    }

    /** The collection's socket counts, zeros left out, as "transport state". */
    private static Map<String, Double> socketCounts(Export e) {
        return e.points("process.socket.count").stream().filter(p -> p.value != 0).collect(Collectors.toMap(
                p -> p.attributes.get("network.transport") + " " + p.attributes.get("network.connection.state"),
                Point::value));
    }

    record Point(String name, Map<String, String> attributes, double value) {
    }

    /**
     * One collection as the logging exporter prints it: "Received a collection of N metrics", then a
     * line "metric: ImmutableMetricData{..., name=N, description=D, unit=U, type=T, data=...}" each.
     */
    record Export(int index, List<Point> points, Map<String, String> units) {
        private static final Pattern METRIC = Pattern.compile("metric: ImmutableMetricData\\{.*?}}, name=([\\w.]+), "
                + "description=.*?, unit=(\\S*), type=\\w+, data=(.*)");
        private static final Pattern POINT = Pattern.compile("attributes=\\{([^}]*)}, value=(-?[\\d.E]+)");
        private static final Pattern ATTRIBUTE = Pattern.compile("([\\w.]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

        static List<Export> parse(String log) {
            List<Export> exports = new ArrayList<>();
            String[] collections = log.split("Received a collection of ");
            for (int c = 1; c < collections.length; c++) {
                int expected = Integer.parseInt(collections[c].substring(0, collections[c].indexOf(' ')));
                List<Point> points = new ArrayList<>();
                Map<String, String> units = new HashMap<>();
                int metrics = 0;
                for (String line : collections[c].split("\n")) {
                    Matcher m = METRIC.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    metrics++;
                    units.put(m.group(1), m.group(2).replaceAll(",$", ""));
                    Matcher p = POINT.matcher(m.group(3));
                    while (p.find()) {
                        Map<String, String> attributes = new HashMap<>();
                        Matcher a = ATTRIBUTE.matcher(p.group(1));
                        while (a.find()) {
                            attributes.put(a.group(1), a.group(2) != null ? a.group(2) : a.group(3));
                        }
                        points.add(new Point(m.group(1), attributes, Double.parseDouble(p.group(2))));
                    }
                }
                if (metrics == expected) { // the last may still be printing
                    exports.add(new Export(exports.size(), points, units));
                }
            }
            return exports;
        }

        List<Point> points(String name) {
            return points.stream().filter(p -> p.name.equals(name)).toList();
        }

        /** The value of the one point of {@code name} with exactly these attributes (names and values alternating). */
        double value(String name, String... attributes) {
            Map<String, String> wanted = new HashMap<>();
            for (int i = 0; i < attributes.length; i += 2) {
                wanted.put(attributes[i], attributes[i + 1]);
            }
            List<Point> found = points(name).stream().filter(p -> p.attributes.equals(wanted)).toList();
            assertThat(found).as(name + wanted + " in " + points(name)).hasSize(1);
            return found.get(0).value;
        }
    }
}
