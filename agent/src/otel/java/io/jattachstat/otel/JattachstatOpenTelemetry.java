package io.jattachstat.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Registers the jattachstat agent's socket meters as asynchronous instruments on the application's
 * global OpenTelemetry (docs/metrics.md, "OpenTelemetry"). The agent defines this class next to the
 * application's OpenTelemetry API once {@code GlobalOpenTelemetry} is set, and passes it the agent's
 * meter feed: JDK types only, so that nothing of the agent needs to be visible here.
 *
 * <p>One instrument per OpenTelemetry name, whose callback reads every series of that name the feed
 * currently has (listeners' series come and go). Values come from the agent's cached snapshot, so
 * collecting as often as the exporter likes reads /proc at most once per refresh interval. Uses only
 * the metrics API that has been stable since OpenTelemetry 1.10.
 */
public final class JattachstatOpenTelemetry implements Consumer<Map<String, Object>>, AutoCloseable {
    static final String SCOPE = "io.jattachstat";

    private final Function<Consumer<Map<String, Object>>, AutoCloseable> feed;
    /** True while the same meters reach OpenTelemetry another way (Micrometer's bridge): observe nothing. */
    private final BooleanSupplier reportedElsewhere;
    private final String version;
    private final Map<String, Instrument> instruments = new ConcurrentHashMap<>();
    private Meter meter;
    private AutoCloseable subscription;
    private boolean closed;

    JattachstatOpenTelemetry(Function<Consumer<Map<String, Object>>, AutoCloseable> feed,
                             BooleanSupplier reportedElsewhere, String version) {
        this.feed = feed;
        this.reportedElsewhere = reportedElsewhere;
        this.version = version;
    }

    /** Follows the agent's meters on the global OpenTelemetry's meter provider; call once it is set. */
    public void bindToGlobal() {
        meter = GlobalOpenTelemetry.get().meterBuilder(SCOPE).setInstrumentationVersion(version).build();
        subscription = feed.apply(this);
    }

    @Override
    public synchronized void accept(Map<String, Object> event) {
        if (closed) {
            return;
        }
        String key = (String) event.get("key");
        Instrument instrument = instruments.computeIfAbsent((String) event.get("otelName"), name -> register(event));
        if ("remove".equals(event.get("op"))) {
            instrument.series.remove(key);
        } else {
            instrument.series.putIfAbsent(key,
                    new Series(attributes((Object[]) event.get("otelAttributes")), (DoubleSupplier) event.get("value")));
        }
    }

    private Instrument register(Map<String, Object> event) {
        String name = (String) event.get("otelName");
        String unit = (String) event.get("otelUnit");
        String description = (String) event.get("description");
        Instrument instrument = new Instrument();
        Consumer<ObservableLongMeasurement> callback = instrument::observe;
        if ("counter".equals(event.get("otelKind"))) {
            var builder = meter.counterBuilder(name).setDescription(description);
            instrument.handle = (unit == null ? builder : builder.setUnit(unit)).buildWithCallback(callback);
        } else {
            var builder = meter.upDownCounterBuilder(name).setDescription(description);
            instrument.handle = (unit == null ? builder : builder.setUnit(unit)).buildWithCallback(callback);
        }
        return instrument;
    }

    private static Attributes attributes(Object[] namesAndValues) {
        AttributesBuilder b = Attributes.builder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value instanceof Long l) {
                b.put(AttributeKey.longKey(name), l);
            } else {
                b.put(AttributeKey.stringKey(name), String.valueOf(value));
            }
        }
        return b.build();
    }

    /** Stops following the agent and removes the instruments' callbacks. */
    @Override
    public void close() throws Exception {
        AutoCloseable s = subscription;
        if (s != null) {
            s.close();
        }
        List<Instrument> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(instruments.values());
            instruments.clear();
        }
        for (Instrument i : all) {
            if (i.handle != null) {
                i.handle.close();
            }
        }
    }

    private record Series(Attributes attributes, DoubleSupplier value) {
    }

    /** One OpenTelemetry instrument and the series it reports. */
    private final class Instrument {
        final Map<String, Series> series = new ConcurrentHashMap<>();
        AutoCloseable handle;

        void observe(ObservableLongMeasurement measurement) {
            if (reportedElsewhere.getAsBoolean()) {
                return;
            }
            for (Series s : series.values()) {
                double v = s.value().getAsDouble();
                if (!Double.isNaN(v)) { // NaN: a listener gone since the feed last said so
                    measurement.record(Math.round(v), s.attributes());
                }
            }
        }
    }
}
