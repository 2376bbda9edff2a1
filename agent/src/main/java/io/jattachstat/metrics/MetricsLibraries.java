package io.jattachstat.metrics;

import io.jattachstat.snapshot.AgentStatus;

import java.lang.instrument.Instrumentation;

/**
 * The zero-code bindings of the agent's meters to the application's own metrics libraries, Micrometer
 * and OpenTelemetry, each unless turned off. They know of each other only so that the same sockets
 * never reach OpenTelemetry twice (through Micrometer's bridge and directly).
 */
public final class MetricsLibraries {
    private MetricsLibraries() {
    }

    /** Starts the bindings the options leave on; a failure turns off that binding only, and is counted. */
    public static void bind(Instrumentation inst, MeterFeed feed, boolean micrometer, boolean openTelemetry,
                            String version, AgentStatus status) {
        MicrometerBinding micrometerBinding = null;
        if (!micrometer) {
            status.capability("micrometer", "off (agent option micrometer=false); explicit binders still work");
        } else {
            try {
                micrometerBinding = new MicrometerBinding(feed, status);
                micrometerBinding.start(inst);
            } catch (Throwable t) {
                status.capability("micrometer", "no: " + t);
                status.error("micrometer", t);
            }
        }
        if (!openTelemetry) {
            status.capability("opentelemetry", "off (agent option opentelemetry=false)");
            return;
        }
        try {
            MicrometerBinding bridged = micrometerBinding;
            new OpenTelemetryBinding(feed, () -> bridged != null && bridged.bridgesToOpenTelemetry(), version, status)
                    .start(inst);
        } catch (Throwable t) {
            status.capability("opentelemetry", "no: " + t);
            status.error("opentelemetry", t);
        }
    }
}
