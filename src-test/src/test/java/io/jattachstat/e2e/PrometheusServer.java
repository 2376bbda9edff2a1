package io.jattachstat.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on loopback, scraping the given targets
 * every second, with a throw-away storage directory. Closing it stops the server.
 */
final class PrometheusServer implements AutoCloseable {
    /** One series of an instant query's answer: its labels and value. */
    record Series(Map<String, String> labels, double value) {
    }

    private static final Pattern RESULT = Pattern.compile("\\{\"metric\":\\{([^}]*)},\"value\":\\[[^,]+,\"([^\"]+)\"]}");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");

    private final Process process;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts Prometheus with one job per entry of {@code jobs} (job name to "127.0.0.1:port"). */
    static PrometheusServer start(Map<String, String> jobs) throws Exception {
        Tools.require(Tools.onPath("prometheus"), "prometheus (Debian package prometheus)");
        Path dir = Files.createTempDirectory("jattachstat-prometheus");
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n");
        jobs.forEach((job, target) -> config.append("  - job_name: ").append(job)
                .append("\n    static_configs:\n      - targets: ['").append(target).append("']\n"));
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = freePort();
        Process p = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(p, dir, port);
        server.awaitReady();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited:\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus never became ready:\n" + log());
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("prometheus.log"));
    }

    /** The series an instant PromQL query returns now. */
    List<Series> query(String promql) throws Exception {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (r.statusCode() != 200 || !r.body().startsWith("{\"status\":\"success\"")) {
            throw new IllegalStateException("query " + promql + " failed: " + r.body());
        }
        List<Series> out = new ArrayList<>();
        Matcher m = RESULT.matcher(r.body());
        while (m.find()) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            out.add(new Series(labels, Double.parseDouble(m.group(2))));
        }
        return out;
    }

    /** Queries until the answer has at least {@code atLeast} series (Prometheus scrapes every second). */
    List<Series> await(String promql, int atLeast) throws Exception {
        List<Series> last = List.of();
        for (int i = 0; i < 150; i++) {
            last = query(promql);
            if (last.size() >= atLeast) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus never answered " + promql + " with " + atLeast + " series (last: "
                + last + ")\n" + log());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
