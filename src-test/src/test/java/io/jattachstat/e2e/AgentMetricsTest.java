package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket meters, end to end: an application with Micrometer and a Prometheus registry (and no
 * code of ours) runs with the agent and the Prometheus JMX exporter; a real Prometheus server scrapes
 * both, and what its query API answers must be what ss shows for the JVM's sockets.
 */
class AgentMetricsTest {
    static List<Path> jdks() {
        return Tools.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void prometheusSeesTheJvmsSocketsThroughMicrometerAndTheJmxExporter(Path jdk) throws Exception {
        Path exporterConfig = Files.createTempFile("jattachstat-jmx-exporter", ".yaml");
        Files.writeString(exporterConfig, "includeObjectNames: [\"jattachstat:*\"]\n");
        int exporterPort = freePort();
        // A snapshot good for ten minutes: every scrape reads the one the application had taken.
        List<String> agents = List.of("-javaagent:" + Zoo.agentJar() + "=refresh=600000,check=600000",
                "-javaagent:" + jmxExporter() + "=127.0.0.1:" + exporterPort + ":" + exporterConfig);
        try (ForkedJvm app = ForkedJvm.start(jdk, agents, micrometerClassPath(), "io.jattachstat.e2e.apps.MetricsApp")) {
            String[] ready = app.readyLine.split(" ");
            int httpPort = Integer.parseInt(ready[1]);
            int backlogged = Integer.parseInt(ready[2]);
            int served = Integer.parseInt(ready[3]);
            int closes = Integer.parseInt(ready[4]);
            // The JVM's sockets as the snapshot has them: all but the HTTP server's, started after it.
            SsSockets ss = SsSockets.of(app.pid(), Set.of(httpPort));
            Map<String, Integer> expected = ss.counts();
            assertThat(expected).containsEntry("tcp close-wait", 3).containsEntry("tcp listen", 3)
                    .containsEntry("udp established", 1).containsEntry("unix listening", 2);

            try (PrometheusServer prometheus = PrometheusServer.start(Map.of(
                    "app", "127.0.0.1:" + httpPort, "jmx", "127.0.0.1:" + exporterPort))) {
                // Every transport and state has its series, each with ss's count.
                List<PrometheusServer.Series> sockets = prometheus.await("process_sockets{job=\"app\"}", 20);
                assertThat(sockets).hasSize(20);
                for (PrometheusServer.Series s : sockets) {
                    String key = s.labels().get("transport") + " " + s.labels().get("state");
                    assertThat(s.value()).as(key).isEqualTo(expected.getOrDefault(key, 0).doubleValue());
                }
                assertThat(sockets.stream().mapToDouble(PrometheusServer.Series::value).sum())
                        .as("no socket of ss's outside the meters' states").isEqualTo(ss.rows.size());

                List<PrometheusServer.Series> queues = prometheus.await("process_sockets_queue_bytes{job=\"app\"}", 6);
                assertThat(queues).hasSize(6);
                for (PrometheusServer.Series q : queues) {
                    String transport = q.labels().get("transport");
                    boolean receive = q.labels().get("direction").equals("receive");
                    assertThat(q.value()).as(transport + " " + q.labels().get("direction"))
                            .isEqualTo((double) ss.queue(transport, receive));
                }
                // The unread 100 bytes, and 1 per CLOSE_WAIT socket: the peer's FIN takes a sequence number.
                assertThat(ss.queue("tcp", true)).isEqualTo(103);

                for (int port : new int[] {backlogged, served}) {
                    SsSockets.Row listener = ss.listener(port);
                    assertThat(value(prometheus, "process_sockets_listen_queue_connections{port=\"" + port + "\"}"))
                            .isEqualTo(listener.recvQ());
                    assertThat(value(prometheus, "process_sockets_listen_backlog_connections{port=\"" + port + "\"}"))
                            .isEqualTo(listener.sendQ());
                }
                assertThat(ss.listener(backlogged).recvQ()).isEqualTo(3);
                assertThat(ss.listener(backlogged).sendQ()).isEqualTo(5);

                assertThat(value(prometheus, "process_sockets_opened_total{job=\"app\"}"))
                        .as("at least the zoo's own sockets").isGreaterThanOrEqualTo(ss.rows.size() - 3.0);
                assertThat(value(prometheus, "process_sockets_closed_total{job=\"app\",by=\"code\"}"))
                        .isGreaterThanOrEqualTo(closes);
                assertThat(value(prometheus, "process_sockets_closed_total{job=\"app\",by=\"gc-cleaner\"}"))
                        .as("the listener the application left to the GC").isGreaterThanOrEqualTo(1);

                // (b) The JMX exporter, beside the agent, exports its MBeans: the same snapshot's numbers.
                assertThat(value(prometheus, "jattachstat_Sockets_TcpCloseWait{job=\"jmx\"}")).isEqualTo(3);
                assertThat(value(prometheus, "jattachstat_Sockets_Total{job=\"jmx\"}")).isEqualTo(ss.rows.size());
                assertThat(value(prometheus, "jattachstat_Listener_AcceptQueue{job=\"jmx\",port=\"" + backlogged + "\"}"))
                        .isEqualTo(3);
            }

            // Sockets without a known origin: the meter and the origins view agree on one snapshot (the
            // view re-reads /proc, then the scrape reads that same snapshot).
            Tools.Result view = Tools.run(List.of(Tools.launcher().toString(), Long.toString(app.pid()), "--origins",
                    "-an"), Map.of("JAVA_HOME", jdk.toString()));
            long unknownRows = view.out().lines().filter(l -> UNKNOWN_ORIGIN.matcher(l).find()).count();
            assertThat(unknownRows).as(view.out()).isGreaterThan(0);
            assertThat(scrape(httpPort, "process_sockets_origin_unknown")).isEqualTo(unknownRows);
            assertThat(app.stderr()).as("nothing of ours in the application's log").isEmpty();
        }
    }

    /** Without Micrometer in the application, nothing is bound, nothing fails, and the agent says so. */
    @Test
    void anApplicationWithoutMicrometerGetsNoBindingAndNoError() throws Exception {
        Path jdk = Tools.jdks().get(0);
        try (ForkedJvm app = ForkedJvm.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), "",
                "io.jattachstat.e2e.apps.Idle")) {
            AgentBacklogTest.awaitAgent(jdk, app.pid(), "micrometer: "); // the last thing the agent sets up
            String agent = Tools.run(List.of(Tools.launcher().toString(), Long.toString(app.pid()), "--agent"),
                    Map.of("JAVA_HOME", jdk.toString())).out();
            assertThat(agent).contains("micrometer: not on the application's class path (yet)")
                    .containsPattern("(?m)^errors:\\s+0$");
            assertThat(app.stderr()).isEmpty();
        }
    }

    /**
     * An application binds the public MeterBinder to a registry of its own; with micrometer=false the
     * agent leaves the global registry alone. Without the agent the binder binds nothing, quietly.
     */
    @Test
    void anApplicationCanBindTheMetersItself() throws Exception {
        Path jdk = Tools.jdks().get(0);
        String classPath = micrometerClassPath() + File.pathSeparator + micrometerBinder();
        List<String> agent = List.of("-javaagent:" + Zoo.agentJar() + "=micrometer=false");
        for (boolean withAgent : new boolean[] {true, false}) {
            List<String> command = new java.util.ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
            command.addAll(withAgent ? agent : List.of());
            command.addAll(List.of("-cp", AgentMBeansTest.testClasses() + File.pathSeparator + classPath,
                    "io.jattachstat.e2e.apps.ExplicitMetricsApp"));
            Tools.Result run = Tools.run(command, Map.of());
            if (withAgent) {
                assertThat(run.out()).contains("LOADED true\nGLOBAL 0\nMINE 20\nLISTEN 1 ", "AFTERCLOSE 0\n");
            } else {
                assertThat(run.out()).contains("LOADED false\nGLOBAL 0\nMINE 0\nLISTEN none ", "AFTERCLOSE 0\n");
            }
            assertThat(run.err()).isEmpty();
        }
    }

    private static final Pattern UNKNOWN_ORIGIN = Pattern.compile("\\s(unknown|native)( \\(.*\\))?$");

    /** The one series a query answers, or an assertion error. */
    private static double value(PrometheusServer prometheus, String promql) throws Exception {
        List<PrometheusServer.Series> series = prometheus.await(promql, 1);
        assertThat(series).as(promql).hasSize(1);
        return series.get(0).value();
    }

    /** One sample of the application's /metrics, read directly. */
    private static double scrape(int port, String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(body);
        assertThat(m.find()).as(name + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(2));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path micrometerBinder() {
        Path jar = Path.of(System.getProperty("jattachstat.micrometerBinder", "../agent/target/jattachstat-micrometer.jar"));
        Tools.require(Files.isRegularFile(jar), "the binder jar (" + jar + ")");
        return jar;
    }

    static Path jmxExporter() {
        Path jar = Path.of(System.getProperty("jattachstat.jmxExporter", "target/javaagents/jmx_prometheus_javaagent.jar"));
        Tools.require(Files.isRegularFile(jar), "the Prometheus JMX exporter agent (" + jar + ")");
        return jar;
    }

    /** The application's libraries: Micrometer and its Prometheus registry, with their dependencies. */
    static String micrometerClassPath() throws IOException {
        Path libs = Path.of(System.getProperty("jattachstat.metricsLibs", "target/metrics-libs"));
        try (Stream<Path> jars = Files.list(libs)) {
            return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
        }
    }
}
