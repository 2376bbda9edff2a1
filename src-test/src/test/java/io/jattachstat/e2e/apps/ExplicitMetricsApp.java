package io.jattachstat.e2e.apps;

import io.jattachstat.micrometer.JattachstatMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * An application that binds jattachstat's meters itself, to a registry of its own:
 * {@code new JattachstatMetrics().bindTo(registry)}. It also has a registry in the global one, to
 * show what the agent bound there by itself. Prints LOADED, then GLOBAL and MINE (how many
 * {@code process.sockets} gauges each registry has), LISTEN (the tcp listen gauge: its one
 * listener), and AFTERCLOSE (the gauges left in its registry once the binder is closed), then exits.
 * It binds first thing in main, while the agent is still starting: the binding must still come.
 */
public final class ExplicitMetricsApp {
    public static void main(String[] args) throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("LOADED " + JattachstatMetrics.agentLoaded());
            SimpleMeterRegistry mine = new SimpleMeterRegistry();
            JattachstatMetrics binder = new JattachstatMetrics();
            binder.bindTo(mine);
            // The agent starts beside main; give it the time it takes (its meters come when it is up).
            for (int i = 0; i < 100 && JattachstatMetrics.agentLoaded() && mine.find("process.sockets").gauges().isEmpty(); i++) {
                Thread.sleep(100);
            }
            System.out.println("GLOBAL " + global.find("process.sockets").gauges().size());
            System.out.println("MINE " + mine.find("process.sockets").gauges().size());
            Gauge listen = mine.find("process.sockets").tags("transport", "tcp", "state", "listen").gauge();
            System.out.println("LISTEN " + (listen == null ? "none" : (int) listen.value()) + " " + listener.getLocalPort());
            binder.close();
            System.out.println("AFTERCLOSE " + mine.getMeters().size());
        }
    }
}
