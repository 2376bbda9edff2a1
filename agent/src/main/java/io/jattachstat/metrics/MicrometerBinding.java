package io.jattachstat.metrics;

import io.jattachstat.snapshot.AgentStatus;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The zero-code binding: whenever a class loader defines Micrometer's {@code Metrics} (already, or
 * later), the agent binds its meters to that loader's {@code Metrics.globalRegistry}, where Spring
 * Boot and most applications add their Prometheus, OTLP or JMX registries.
 *
 * <p>The agent has no Micrometer of its own, so nothing of it can be in the application's way: the
 * binder ({@code io.jattachstat.micrometer.JattachstatMetrics}, compiled against Micrometer's API)
 * ships as bytes inside the agent and is defined next to the application's Micrometer
 * ({@link BinderClassLoader}), so it links to exactly the application's copy.
 */
public final class MicrometerBinding {
    static final String METRICS_CLASS = "io.micrometer.core.instrument.Metrics";
    private static final String BINDER = "io.jattachstat.micrometer.JattachstatMetrics";
    private static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";
    /**
     * The registry of OpenTelemetry's Micrometer bridge (opentelemetry-micrometer-1.5, which the OTel
     * Java agent adds to the global registry by itself): what reaches it reaches OpenTelemetry.
     */
    private static final String OTEL_BRIDGE_REGISTRY = "OpenTelemetryMeterRegistry";

    private final Function<Consumer<Map<String, Object>>, AutoCloseable> feed;
    private final AgentStatus status;
    private final Set<ClassLoader> bound = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** The global registries bound (weakly: an application's loader may go). */
    private final Set<Object> globalRegistries =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final AtomicInteger bindings = new AtomicInteger();

    public MicrometerBinding(Function<Consumer<Map<String, Object>>, AutoCloseable> feed, AgentStatus status) {
        this.feed = feed;
        this.status = status;
    }

    /** Binds to every Micrometer loaded so far and watches for more. */
    public void start(Instrumentation inst) {
        status.capability("micrometer", "not on the application's class path (yet)");
        new ClassArrivals("jattachstat-micrometer").watch(inst, METRICS_CLASS, this::bindQuietly);
    }

    /**
     * Whether a global registry this bound to forwards to OpenTelemetry: then the OpenTelemetry
     * binding stays quiet, or the same sockets would be reported twice there.
     */
    public boolean bridgesToOpenTelemetry() {
        List<Object> registries;
        synchronized (globalRegistries) {
            registries = new ArrayList<>(globalRegistries);
        }
        for (Object global : registries) {
            try {
                for (Object r : (Iterable<?>) global.getClass().getMethod("getRegistries").invoke(global)) {
                    if (r.getClass().getSimpleName().equals(OTEL_BRIDGE_REGISTRY)) {
                        return true;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                status.error("micrometer", e);
            }
        }
        return false;
    }

    private void bindQuietly(ClassLoader loader) {
        try {
            bind(loader);
        } catch (Throwable t) {
            status.capability("micrometer", "no: " + t);
            status.error("micrometer", t);
        }
    }

    private void bind(ClassLoader loader) throws Exception {
        Class<?> metrics = Class.forName(METRICS_CLASS, true, loader);
        ClassLoader micrometer = metrics.getClassLoader();
        if (!bound.add(micrometer)) {
            return;
        }
        Class<?> binderClass = new BinderClassLoader("jattachstat-micrometer", micrometer,
                "io.jattachstat.micrometer.", "io/jattachstat/metrics/binder/").loadClass(BINDER);
        Constructor<?> c = binderClass.getDeclaredConstructor(Function.class);
        c.setAccessible(true);
        Object binderInstance = c.newInstance(feed);
        Object globalRegistry = metrics.getField("globalRegistry").get(null);
        binderClass.getMethod("bindTo", Class.forName(REGISTRY_CLASS, false, micrometer))
                .invoke(binderInstance, globalRegistry);
        globalRegistries.add(globalRegistry);
        int n = bindings.incrementAndGet();
        status.capability("micrometer", "bound to Metrics.globalRegistry" + (n > 1 ? " of " + n + " class loaders" : "")
                + " (" + BinderClassLoader.nameOf(micrometer) + ")");
    }
}
