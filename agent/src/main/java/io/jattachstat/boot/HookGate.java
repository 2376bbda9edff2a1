package io.jattachstat.boot;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one class file transformer the agent registers, from {@code premain} (or {@code agentmain})
 * on, before Byte Buddy is even loaded: it closes the window between the application's first line
 * and the hooks being ready. It lives in the boot package, made by {@link AgentEntry} directly (a
 * reflective call in premain would cost JDK 18+ its method-handle bootstrap, some 15 ms of the
 * application's start); the agent reaches it through JDK interfaces ({@code AgentEntry.load}).
 *
 * <p>Every class load passes through it; all but the hooked classes ({@link HookedTypes}) leave at
 * once, by name. A hooked class loaded before the hooks are ready makes the loading thread wait for
 * them (with {@code -javaagent} only, and at most the agent option {@code hookWait}): the application's first
 * socket pays once for the hooks it would otherwise have missed. After that, the gate hands hooked
 * classes to Byte Buddy's transformer, which it holds instead of registering it, so that a class
 * whose loading began before the hooks were ready is woven all the same.
 *
 * <p>The agent's own threads never wait (the hooks are prepared on one of them): a hooked class they
 * load first is retransformed once the hooks are ready, as are classes loaded before the gate.
 */
final class HookGate implements ClassFileTransformer {
    /** The agent option {@code hookWait}: the longest a thread waits for the hooks (then its class loads unwoven). */
    static final String WAIT_OPTION = "hookWait";
    static final long DEFAULT_WAIT_MILLIS = 10_000;
    private static final long MAX_WAIT_MILLIS = 60_000;
    private static final String AGENT_THREADS = "jattachstat-";

    private final Instrumentation inst;
    private final long waitMillis;
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile ClassFileTransformer hooks;
    private final AtomicLong waitedMillis = new AtomicLong();
    private volatile String firstWaiter;

    /**
     * Registers a gate, synchronously in premain or agentmain. Application threads wait for the hooks
     * only at start-up (-javaagent), for the agent option {@code hookWait} at most; a dynamic load
     * never stalls a running application.
     */
    static HookGate register(Instrumentation inst, boolean atStartup, String agentOptions) {
        HookGate gate = new HookGate(inst, atStartup ? waitMillis(agentOptions) : 0);
        inst.addTransformer(gate, true);
        return gate;
    }

    private HookGate(Instrumentation inst, long waitMillis) {
        this.inst = inst;
        this.waitMillis = waitMillis;
    }

    /**
     * {@code hookWait} from the agent's options, read here because premain needs it before the
     * agent's own parser runs (which reports a bad value; here it means the default).
     */
    static long waitMillis(String agentOptions) {
        if (agentOptions != null) {
            for (String pair : agentOptions.split(",")) {
                if (pair.startsWith(WAIT_OPTION + "=")) {
                    long value = millis(pair.substring(WAIT_OPTION.length() + 1));
                    if (value >= 0) {
                        return value;
                    }
                }
            }
        }
        return DEFAULT_WAIT_MILLIS;
    }

    /** A number of ms up to {@link #MAX_WAIT_MILLIS}, or -1. (No lambda: premain runs before main.) */
    private static long millis(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= MAX_WAIT_MILLIS ? v : -1;
    }

    /**
     * The hooks are ready: hooked classes go to {@code transformer} from now on, the threads waiting
     * go on, and the hooked classes already loaded are retransformed.
     */
    void open(ClassFileTransformer transformer) {
        hooks = transformer;
        settled.countDown();
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (HookedTypes.isHooked(c.getName()) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                inst.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (java.lang.instrument.UnmodifiableClassException e) {
                throw new IllegalStateException(e); // isModifiableClass said otherwise: the caller reports it
            }
        }
    }

    /** The hooks will not come (they failed, or are off): nobody waits for them any more. */
    void giveUp() {
        settled.countDown();
    }

    /** How long application threads waited for the hooks in all, and who first; "" if none did. */
    String waited() {
        String who = firstWaiter;
        return who == null ? "" : waitedMillis.get() + " ms (first: " + who + ")";
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classfile) {
        try {
            if (className == null || !HookedTypes.isHookedInternal(className)) {
                return null;
            }
            ClassFileTransformer ready = hooks;
            if (ready == null && waitMillis > 0 && classBeingRedefined == null
                    && !Thread.currentThread().getName().startsWith(AGENT_THREADS)) {
                ready = await(className);
            }
            return ready == null ? null : ready.transform(module, loader, className, classBeingRedefined, domain,
                    classfile);
        } catch (Throwable t) {
            return null; // a class loads unwoven rather than not at all
        }
    }

    private ClassFileTransformer await(String className) {
        long start = System.nanoTime();
        try {
            if (!settled.await(waitMillis, TimeUnit.MILLISECONDS)) {
                giveUp(); // the hooks are late beyond reason: nobody else waits for them
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the class loads unwoven now, and is retransformed later
        } finally {
            waitedMillis.addAndGet((System.nanoTime() - start) / 1_000_000);
            if (firstWaiter == null) {
                firstWaiter = Thread.currentThread().getName() + " loading " + className.replace('/', '.');
            }
        }
        return hooks;
    }
}
