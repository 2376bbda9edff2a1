package io.jattachstat.bench;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What scraping the agent's meters costs, run inside a JVM started with the agent
 * ({@code bench/metrics-bench.sh}): an application with a Prometheus registry in
 * {@code Metrics.globalRegistry} (the agent binds to it by itself) holds {@code N} loopback sockets,
 * then scrapes 100 times a second for 10 seconds. It prints how often /proc was read meanwhile
 * against the refresh interval's allowance, and the time of one scrape; it exits 1 if /proc was
 * read more often than once per refresh interval.
 */
public final class MetricsBenchmark {
    private static final int SCRAPES = 1000;
    private static final long PERIOD_NANOS = 10_000_000; // 100 a second

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.addRegistry(registry);
        for (int i = 0; i < 300 && registry.find("process.sockets").gauges().size() < 20; i++) {
            Thread.sleep(100);
        }
        if (registry.find("process.sockets").gauges().size() < 20) {
            System.err.println("the agent never bound its meters: run with -javaagent (bench/metrics-bench.sh)");
            System.exit(2);
        }
        List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4096);
            for (int i = 0; i < sockets / 2; i++) {
                held.add(SocketChannel.open(listener.getLocalAddress()));
                held.add(listener.accept());
            }
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName agent = new ObjectName("jattachstat:type=Sockets");
            long refreshMillis = (Long) server.getAttribute(agent, "RefreshIntervalMillis");
            for (int i = 0; i < 200; i++) {
                registry.scrape(); // warm-up
            }
            long readsBefore = (Long) server.getAttribute(agent, "ProcReads");
            long[] nanos = new long[SCRAPES];
            int series = 0;
            long start = System.nanoTime();
            for (int i = 0; i < SCRAPES; i++) {
                long due = start + i * PERIOD_NANOS;
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                }
                long t0 = System.nanoTime();
                String body = registry.scrape();
                nanos[i] = System.nanoTime() - t0;
                series = (int) body.lines().filter(l -> l.startsWith("process_sockets")).count();
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            long reads = (Long) server.getAttribute(agent, "ProcReads") - readsBefore;
            long allowed = elapsedMillis / refreshMillis + 1;

            long[] refresh = new long[20];
            for (int i = 0; i < refresh.length; i++) {
                long t0 = System.nanoTime();
                server.invoke(agent, "refresh", null, null);
                refresh[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            Arrays.sort(refresh);
            System.out.printf("java %s, %d sockets held, refresh interval %d ms%n", Runtime.version(),
                    held.size() + 1, refreshMillis);
            System.out.printf("scrapes: %d in %.1f s (%.0f/s), %d process_sockets* series each%n", SCRAPES,
                    elapsedMillis / 1000.0, SCRAPES * 1000.0 / elapsedMillis, series);
            System.out.printf("/proc reads during them: %d (at most one per refresh interval: %d)%n", reads, allowed);
            System.out.printf("one scrape: median %d us, p99 %d us, max %d us%n", nanos[SCRAPES / 2] / 1000,
                    nanos[SCRAPES * 99 / 100] / 1000, nanos[SCRAPES - 1] / 1000);
            System.out.printf("one /proc read (what a scrape that finds the snapshot stale adds): median %d us%n",
                    refresh[refresh.length / 2] / 1000);
            double busyMillisPerSecond = Arrays.stream(nanos).sum() / 1e6 / (elapsedMillis / 1000.0);
            System.out.printf("time spent scraping, /proc reads included: %.1f ms per second (%.1f%% of one core)%n",
                    busyMillisPerSecond, busyMillisPerSecond / 10);
            if (reads > allowed) {
                System.out.println("FAIL: /proc was read more often than once per refresh interval");
                System.exit(1);
            }
        } finally {
            for (SocketChannel c : held) {
                c.close();
            }
        }
    }
}
