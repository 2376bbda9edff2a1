package io.jattachstat.boot;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent's entry points ({@code Premain-Class} and {@code Agent-Class}). This class and
 * {@link IsolatedClassLoader} are the only ones the application can see; everything else is loaded
 * by the isolated loader from {@code jattachstat-inf/} inside the same jar, so the agent's JNA and
 * Byte Buddy never meet the application's.
 *
 * <p>Nothing here may throw into the JVM: a failing agent must leave its host running.
 */
public final class AgentEntry {
    /** Set once the agent runs; a second load finds it and does nothing. */
    public static final String LOADED_PROPERTY = "jattachstat.agent";
    private static final String RUNTIME = "io.jattachstat.agent.AgentRuntime";

    private AgentEntry() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    /**
     * Marks the agent as loaded, opens its jar and registers the hook gate (a class file transformer
     * that makes the application's first socket classes wait for the hooks: no socket escapes them,
     * from the first line of main), and hands everything else to a daemon thread: defining the
     * agent's classes, Byte Buddy and the rest would otherwise add a second to the application's
     * start (premain runs before main).
     */
    private static synchronized void start(String options, Instrumentation instrumentation, boolean atStartup) {
        try {
            String loaded = System.getProperty(LOADED_PROPERTY);
            if (loaded != null) {
                System.err.println("jattachstat: agent already loaded (" + loaded + "); this load does nothing");
                return;
            }
            System.setProperty(LOADED_PROPERTY, "starting");
            MetricsFeed.expect();
            HookGate gate = HookGate.register(instrumentation, atStartup, options);
            Thread init = new Thread(new Runnable() {
                @Override
                public void run() {
                    load(options, instrumentation, atStartup, gate);
                }
            }, "jattachstat-init");
            init.setDaemon(true);
            init.start();
        } catch (Throwable t) {
            System.err.println("jattachstat: agent not started: " + rootCause(t));
        }
    }

    private static void load(String options, Instrumentation instrumentation, boolean atStartup, HookGate gate) {
        try {
            Path jar = AgentJar.path();
            ClassLoader loader = new IsolatedClassLoader(jar, ClassLoader.getPlatformClassLoader());
            loader.loadClass(RUNTIME)
                    .getMethod("start", String.class, Instrumentation.class, boolean.class, String.class, Consumer.class,
                            Consumer.class, Runnable.class, Supplier.class)
                    .invoke(null, options, instrumentation, atStartup, jar.toString(), publisher(), opener(gate),
                            giver(gate), waited(gate));
        } catch (Throwable t) {
            // One line, and the application goes on, its sockets no longer waiting for hooks.
            gate.giveUp();
            System.err.println("jattachstat: agent not started: " + rootCause(t));
        }
    }

    /** How the agent, which cannot see the gate's class, hands it Byte Buddy's transformer. */
    private static Consumer<ClassFileTransformer> opener(HookGate gate) {
        return new Consumer<ClassFileTransformer>() {
            @Override
            public void accept(ClassFileTransformer hooks) {
                gate.open(hooks);
            }
        };
    }

    private static Runnable giver(HookGate gate) {
        return new Runnable() {
            @Override
            public void run() {
                gate.giveUp();
            }
        };
    }

    private static Supplier<String> waited(HookGate gate) {
        return new Supplier<String>() {
            @Override
            public String get() {
                return gate.waited();
            }
        };
    }

    /** How the agent hands its meter feed to {@link MetricsFeed}, which it cannot see itself. */
    @SuppressWarnings("unchecked")
    private static Consumer<Object> publisher() {
        return new Consumer<Object>() {
            @Override
            public void accept(Object feed) {
                MetricsFeed.publish((Function<Consumer<Map<String, Object>>, AutoCloseable>) feed);
            }
        };
    }

    /**
     * The jar holding the hidden classes. Not simply this class's own jar: a copy of this class
     * elsewhere on the class path (another jattachstat jar) may have been found first.
     */
    private static String rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
