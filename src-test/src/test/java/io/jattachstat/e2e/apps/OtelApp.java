package io.jattachstat.e2e.apps;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An application with the OpenTelemetry SDK (autoconfigured from system properties, its exporter
 * the logging one) and Micrometer (a simple registry in {@code Metrics.globalRegistry}), which knows
 * nothing of jattachstat. Its first lines open its sockets: a listener with backlog 7 and 2
 * connections it never accepts, a served listener with 2 accepted connections the clients closed
 * (CLOSE_WAIT) and one with 10 unread bytes, and a UDP socket.
 *
 * <p>It sets the global OpenTelemetry only when told ("set-global"), as applications whose framework
 * starts late do; before that it only asks whether one is set, as libraries do. With the argument
 * "bridge" it also adds OpenTelemetry's Micrometer bridge to the global registry, as the OTel Java
 * agent does. Under the OTel Java agent the global is the agent's from the start, and the test sends
 * no "set-global". "micrometer" prints the Micrometer registry's socket meters, one line each.
 */
public final class OtelApp {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        boolean bridge = args.length > 0 && args[0].equals("bridge");
        ServerSocket backlogged = new ServerSocket(0, 7, LOOPBACK);
        ServerSocket served = new ServerSocket(0, 50, LOOPBACK);
        KEEP.add(backlogged);
        KEEP.add(served);
        for (int i = 0; i < 2; i++) {
            KEEP.add(new Socket(LOOPBACK, backlogged.getLocalPort()));
            Socket client = new Socket(LOOPBACK, served.getLocalPort());
            KEEP.add(served.accept());
            client.close(); // the accepted side: CLOSE_WAIT
        }
        Socket client = new Socket(LOOPBACK, served.getLocalPort());
        KEEP.add(client);
        KEEP.add(served.accept());
        client.getOutputStream().write(new byte[10]); // never read
        KEEP.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)));

        SimpleMeterRegistry micrometer = new SimpleMeterRegistry();
        Metrics.addRegistry(micrometer);
        say("READY " + backlogged.getLocalPort() + " " + served.getLocalPort() + " global-set="
                + GlobalOpenTelemetry.isSet());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "set-global" -> {
                    // Throws if anyone called GlobalOpenTelemetry.get() before: it would have fixed a no-op.
                    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder().setResultAsGlobal().build()
                            .getOpenTelemetrySdk();
                    if (bridge) {
                        Metrics.addRegistry(OpenTelemetryMeterRegistry.builder(sdk).build());
                    }
                }
                case "micrometer" -> {
                    for (Meter m : micrometer.getMeters()) {
                        if (m.getId().getName().startsWith("process.sockets")) {
                            say("METER " + m.getId().getName() + " " + m.getId().getTags().toString().replace(" ", "")
                                    + " " + m.measure().iterator().next().getValue());
                        }
                    }
                }
                default -> throw new IllegalArgumentException(line);
            }
            say("DONE " + line);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
