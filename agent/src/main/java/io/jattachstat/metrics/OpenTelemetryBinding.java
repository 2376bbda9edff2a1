package io.jattachstat.metrics;

import io.jattachstat.snapshot.AgentStatus;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The zero-code binding to OpenTelemetry: when the application's OpenTelemetry API has a global
 * {@code OpenTelemetry} set (the SDK autoconfigured with {@code setResultAsGlobal}, Spring's or
 * Quarkus's starters, the OTel Java agent's bridge), the agent registers its meters as asynchronous
 * instruments on its meter provider, under OpenTelemetry's names ({@link OpenTelemetryNames}).
 *
 * <p>The global is only looked at, never got, until it is set: {@code GlobalOpenTelemetry.get()}
 * on an unset global would fix it to a no-op and make the application's own {@code set} fail. So once
 * the class is defined the agent asks {@code isSet()} (or reads its field, on APIs without it)
 * every second for a minute, then every ten seconds, until the application sets it.
 *
 * <p>Like the Micrometer binder, the binder ({@code io.jattachstat.otel.JattachstatOpenTelemetry})
 * ships as bytes and is defined next to the application's API ({@link BinderClassLoader}).
 */
public final class OpenTelemetryBinding {
    static final String GLOBAL_CLASS = "io.opentelemetry.api.GlobalOpenTelemetry";
    private static final String BINDER = "io.jattachstat.otel.JattachstatOpenTelemetry";
    private static final int FAST_POLLS = 60;

    private final Function<Consumer<Map<String, Object>>, AutoCloseable> feed;
    private final BooleanSupplier reportedElsewhere;
    private final String version;
    private final AgentStatus status;
    /** Loaders whose global is being waited for or is bound: one poll each, one binding each. */
    private final Set<ClassLoader> seen = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private ScheduledExecutorService poller;
    private volatile String boundTo;
    private volatile boolean quiet;

    /**
     * @param reportedElsewhere true while the meters reach OpenTelemetry through Micrometer's bridge;
     *                          the instruments then observe nothing, so no series is counted twice
     */
    public OpenTelemetryBinding(Function<Consumer<Map<String, Object>>, AutoCloseable> feed,
                                BooleanSupplier reportedElsewhere, String version, AgentStatus status) {
        this.feed = feed;
        this.reportedElsewhere = reportedElsewhere;
        this.version = version;
        this.status = status;
    }

    /** Watches for the OpenTelemetry API in every class loader, loaded already or later. */
    public void start(Instrumentation inst) {
        status.capability("opentelemetry", "not on the application's class path (yet)");
        ClassArrivals arrivals = new ClassArrivals("jattachstat-opentelemetry");
        poller = arrivals.executor();
        arrivals.watch(inst, GLOBAL_CLASS, loader -> {
            try {
                ClassLoader api = Class.forName(GLOBAL_CLASS, false, loader).getClassLoader();
                if (seen.add(api)) {
                    awaitGlobal(api, 0);
                }
            } catch (Throwable t) {
                failed(t);
            }
        });
    }

    private void awaitGlobal(ClassLoader api, int polls) {
        try {
            Class<?> global = Class.forName(GLOBAL_CLASS, true, api);
            if (isSet(global)) {
                bind(api);
                return;
            }
            if (polls == 0) {
                status.capability("opentelemetry", "waiting for the application to set GlobalOpenTelemetry ("
                        + BinderClassLoader.nameOf(api) + ")");
            }
            poller.schedule(() -> awaitGlobal(api, polls + 1), polls < FAST_POLLS ? 1 : 10, TimeUnit.SECONDS);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** {@code isSet()} where the API has it, else its field: never {@code get()}. */
    static boolean isSet(Class<?> global) throws ReflectiveOperationException {
        try {
            return (Boolean) global.getMethod("isSet").invoke(null);
        } catch (NoSuchMethodException older) {
            Field f = global.getDeclaredField("globalOpenTelemetry");
            f.setAccessible(true);
            return f.get(null) != null;
        }
    }

    private void bind(ClassLoader api) throws Exception {
        Class<?> binderClass = new BinderClassLoader("jattachstat-opentelemetry", api, "io.jattachstat.otel.",
                "io/jattachstat/metrics/otelbinder/").loadClass(BINDER);
        Constructor<?> c = binderClass.getDeclaredConstructor(Function.class, BooleanSupplier.class, String.class);
        c.setAccessible(true);
        Object binder = c.newInstance(feed, (BooleanSupplier) this::reportedElsewhere, version);
        boundTo = "bound to GlobalOpenTelemetry's meter provider (" + BinderClassLoader.nameOf(api) + ")";
        status.capability("opentelemetry", boundTo);
        binderClass.getMethod("bindToGlobal").invoke(binder);
    }

    /** Asked at each collection; says in the capability when the bridge takes over or lets go. */
    private boolean reportedElsewhere() {
        boolean now = reportedElsewhere.getAsBoolean();
        if (now != quiet) {
            quiet = now;
            status.capability("opentelemetry", boundTo + (now
                    ? "; quiet: Micrometer's OpenTelemetry bridge reports the same meters there" : ""));
        }
        return now;
    }

    private void failed(Throwable t) {
        status.capability("opentelemetry", "no: " + t);
        status.error("opentelemetry", t);
    }
}
