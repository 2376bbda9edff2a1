package io.jattachstat.metrics;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an action for every class loader that defines a given class: those that already have, and
 * those that will. The action runs on a daemon thread of its own, never on the application's thread
 * that is defining the class (it may hold locks the action would need).
 */
final class ClassArrivals {
    private final ScheduledExecutorService executor;

    /** {@code threadName} names the one thread, started on first use and gone after a minute idle. */
    ClassArrivals(String threadName) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        pool.setKeepAliveTime(60, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true); // a library loads once or twice: no thread kept for it
        executor = pool;
    }

    /** The thread the actions run on, for what they schedule next. */
    ScheduledExecutorService executor() {
        return executor;
    }

    /** Calls {@code action} with each non-bootstrap loader of {@code className}; twice at most for one loader. */
    void watch(Instrumentation inst, String className, Consumer<ClassLoader> action) {
        String internal = className.replace('.', '/');
        // Watch first, then look: a class defined in between is seen twice, which actions tolerate.
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] bytes) {
                if (redefined == null && loader != null && internal.equals(name)) {
                    // The class is being defined; act once it is.
                    executor.schedule(() -> action.accept(loader), 50, TimeUnit.MILLISECONDS);
                }
                return null;
            }
        });
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(className) && c.getClassLoader() != null) {
                ClassLoader loader = c.getClassLoader();
                executor.execute(() -> action.accept(loader));
            }
        }
    }
}
