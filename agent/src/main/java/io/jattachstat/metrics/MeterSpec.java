package io.jattachstat.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One meter, described without Micrometer: the agent has no Micrometer of its own, and the binder
 * that turns these into Micrometer meters runs in the application's class loader, next to the
 * application's Micrometer. Descriptions cross that boundary as maps of JDK types ({@link #event}).
 *
 * @param key   unique among the agent's meters: name and tags
 * @param type  {@code gauge} or {@code counter} (a function counter: monotonic, read from the agent)
 * @param unit  Micrometer's base unit, or null
 * @param tags  tag names and values, alternating
 */
public record MeterSpec(String key, String name, String type, String unit, String description, List<String> tags,
                        DoubleSupplier value) {
    public static final String GAUGE = "gauge";
    public static final String COUNTER = "counter";

    public static MeterSpec gauge(String name, String unit, String description, DoubleSupplier value, String... tags) {
        return new MeterSpec(key(name, tags), name, GAUGE, unit, description, List.of(tags), value);
    }

    public static MeterSpec counter(String name, String unit, String description, DoubleSupplier value,
                                    String... tags) {
        return new MeterSpec(key(name, tags), name, COUNTER, unit, description, List.of(tags), value);
    }

    private static String key(String name, String... tags) {
        return name + (tags.length == 0 ? "" : List.of(tags).toString());
    }

    /**
     * The binder's view of this meter: {@code op} ("add" or "remove"), key, name, type, unit,
     * description, tags (a String[]) and value (a {@link DoubleSupplier}); and as OpenTelemetry names
     * it ({@link OpenTelemetryNames}): otelName, otelUnit, otelKind ("updowncounter" or "counter") and
     * otelAttributes (an Object[], names and values alternating).
     */
    Map<String, Object> event(String op) {
        Map<String, Object> e = new HashMap<>();
        e.put("op", op);
        e.put("key", key);
        e.put("name", name);
        e.put("type", type);
        e.put("unit", unit);
        e.put("description", description);
        e.put("tags", tags.toArray(new String[0]));
        e.put("value", value);
        OpenTelemetryNames.Instrument otel = OpenTelemetryNames.instrument(this);
        e.put("otelName", otel.name());
        e.put("otelUnit", otel.unit());
        e.put("otelKind", otel.kind());
        e.put("otelAttributes", OpenTelemetryNames.attributes(this));
        return e;
    }
}
