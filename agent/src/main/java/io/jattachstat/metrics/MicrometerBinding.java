package io.jattachstat.metrics;

import io.jattachstat.snapshot.AgentStatus;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * ships as bytes inside the agent and is defined in a small loader whose parent is the loader of the
 * application's Micrometer, so it links to exactly the application's copy.
 */
public final class MicrometerBinding {
    static final String METRICS_CLASS = "io.micrometer.core.instrument.Metrics";
    private static final String METRICS_INTERNAL = METRICS_CLASS.replace('.', '/');
    private static final String BINDER = "io.jattachstat.micrometer.JattachstatMetrics";
    private static final String BINDER_BYTES = "io/jattachstat/metrics/binder/";
    private static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private final Function<Consumer<Map<String, Object>>, AutoCloseable> feed;
    private final AgentStatus status;
    private final Set<ClassLoader> bound = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final AtomicInteger bindings = new AtomicInteger();
    private ScheduledExecutorService binder;

    public MicrometerBinding(Function<Consumer<Map<String, Object>>, AutoCloseable> feed, AgentStatus status) {
        this.feed = feed;
        this.status = status;
    }

    /** Binds to every Micrometer loaded so far and watches for more. */
    public void start(Instrumentation inst) {
        status.capability("micrometer", "not on the application's class path (yet)");
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jattachstat-micrometer");
            t.setDaemon(true);
            return t;
        });
        pool.setKeepAliveTime(60, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true); // Micrometer loads once or twice: no thread kept for it
        binder = pool;
        // Watch first, then look: a Micrometer loaded in between is seen twice, and bound once.
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                if (redefined == null && loader != null && METRICS_INTERNAL.equals(className)) {
                    // The class is being defined; bind once it is, off the application's thread.
                    binder.schedule(() -> bindQuietly(loader), 50, TimeUnit.MILLISECONDS);
                }
                return null;
            }
        });
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(METRICS_CLASS) && c.getClassLoader() != null) {
                ClassLoader loader = c.getClassLoader();
                binder.execute(() -> bindQuietly(loader));
            }
        }
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
        Class<?> binderClass = new BinderLoader(micrometer).loadClass(BINDER);
        Constructor<?> c = binderClass.getDeclaredConstructor(Function.class);
        c.setAccessible(true);
        Object binderInstance = c.newInstance(feed);
        Object globalRegistry = metrics.getField("globalRegistry").get(null);
        binderClass.getMethod("bindTo", Class.forName(REGISTRY_CLASS, false, micrometer))
                .invoke(binderInstance, globalRegistry);
        int n = bindings.incrementAndGet();
        status.capability("micrometer", "bound to Metrics.globalRegistry" + (n > 1 ? " of " + n + " class loaders" : "")
                + " (" + loaderName(micrometer) + ")");
    }

    private static String loaderName(ClassLoader loader) {
        return loader.getName() != null ? loader.getName() : loader.getClass().getName();
    }

    /**
     * Defines the binder from the agent's bytes; everything else, Micrometer included, comes from
     * the parent: the loader of the application's Micrometer.
     */
    private static final class BinderLoader extends ClassLoader {
        BinderLoader(ClassLoader micrometer) {
            super("jattachstat-micrometer", micrometer);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.jattachstat.micrometer.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes = bytesOf(name);
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c;
            }
        }

        private static byte[] bytesOf(String name) throws ClassNotFoundException {
            String resource = BINDER_BYTES + name.replace('.', '/') + ".bytes";
            try (InputStream in = MicrometerBinding.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ClassNotFoundException(name + " (no " + resource + " in the agent jar)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
