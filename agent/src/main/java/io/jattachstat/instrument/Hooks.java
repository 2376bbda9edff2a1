package io.jattachstat.instrument;

import io.jattachstat.snapshot.AgentStatus;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/**
 * Installs every hook with one Byte Buddy {@link AgentBuilder} (one retransformation pass over the
 * loaded classes), and keeps each hook's outcome: "installed: Class.method, ...", "waiting: ...
 * not loaded" for application classes (Netty) that may come later, or "not matched on this JDK".
 * Nothing about a hook is ever lost silently: the states are in the Agent MBean and in
 * {@code jattachstat <pid> --agent}.
 */
public final class Hooks {
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";
    /** The states' entry saying how long the application's first socket classes waited for the hooks. */
    public static final String WAIT = "start-up wait";

    private final List<Hook> hooks;
    private final AgentStatus status;
    private final BiConsumer<TypeDescription, JavaModule> beforeAppClass;
    private final Map<String, Map<String, Boolean>> matched = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /** Retransformation takes effect when installOn returns; until then no hook is "installed". */
    private volatile boolean installed;
    private volatile GateLink gate;

    /**
     * @param beforeAppClass called before advice is woven into a class outside the JDK (the advice
     *                       calls into java.base, which must first export that package to it)
     */
    public Hooks(List<Hook> hooks, AgentStatus status, BiConsumer<TypeDescription, JavaModule> beforeAppClass) {
        this.hooks = hooks;
        this.status = status;
        this.beforeAppClass = beforeAppClass;
    }

    /**
     * Prepares every hook and hands them to {@code gate} (the transformer registered at the agent's
     * start, which applies them to classes loaded from now on and retransforms the loaded ones); with
     * no gate, installs them with Byte Buddy's own transformer and one retransformation pass.
     */
    public void install(Instrumentation inst, GateLink gate) {
        this.gate = gate;
        ClassLoader agentLoader = Hooks.class.getClassLoader();
        ClassFileLocator advice = new ClassFileLocator.Compound(new AdviceTemplates(agentLoader),
                ClassFileLocator.ForClassLoader.of(agentLoader));
        TypePool pool = TypePool.Default.of(advice);
        AgentBuilder builder = newBuilder();
        for (Hook hook : hooks) {
            matched.put(hook.name(), new ConcurrentHashMap<>());
            if (gate == null) {
                for (String type : hook.jdkTypes()) {
                    preload(type);
                }
            }
            Advice woven;
            try {
                TypeDescription entry = pool.describe(hook.advice()).resolve();
                woven = hook.exitAdvice() == null ? Advice.to(entry, advice)
                        : Advice.to(entry, pool.describe(hook.exitAdvice()).resolve(), advice);
            } catch (RuntimeException e) {
                failed.put(hook.name(), String.valueOf(e));
                status.error("hooks", hook.name() + ": " + e);
                continue;
            }
            builder = builder.type(hook.types()).transform((b, type, loader, module, domain) -> {
                if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
                    beforeAppClass.accept(type, module);
                }
                for (MethodDescription m : type.getDeclaredMethods().filter(hook.methods())) {
                    matched.get(hook.name()).put(type.getSimpleName() + "." + (m.isConstructor() ? "<init>" : m.getName()),
                            Boolean.TRUE);
                }
                return b.visit(woven.on(hook.methods()));
            });
        }
        if (gate != null) {
            gate.open().accept(builder.makeRaw());
        } else {
            builder.installOn(inst);
        }
        installed = true;
    }

    /** Each hook's state, by name. */
    public Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
        for (Hook hook : hooks) {
            Map<String, Boolean> where = matched.get(hook.name());
            String state;
            if (!installed) {
                state = "installing";
            } else if (failed.containsKey(hook.name())) {
                state = "failed: " + failed.get(hook.name());
            } else if (where == null) {
                state = "not installed";
            } else if (!where.isEmpty()) {
                state = "installed: " + String.join(", ", new java.util.TreeSet<>(where.keySet()));
            } else if (hook.jdkTypes().isEmpty()) {
                state = "waiting: no matching class loaded yet";
            } else if (hook.jdkTypes().stream().anyMatch(Hooks::existsInJdk)) {
                state = "installed: applies when " + String.join(" or ", hook.jdkTypes().stream()
                        .filter(Hooks::existsInJdk).map(t -> t.substring(t.lastIndexOf('.') + 1)).toList())
                        + " is first loaded";
            } else {
                state = "not matched on this JDK (" + Runtime.version() + ")";
            }
            out.put(hook.name(), state);
        }
        GateLink g = gate;
        if (g != null) {
            String waited = g.waited().get();
            out.put(WAIT, waited.isEmpty() ? "none: no application thread waited for the hooks" : waited);
        }
        return out;
    }

    /** Whether java.base has this class (read as a resource: nothing is loaded). */
    private static boolean existsInJdk(String name) {
        try (java.io.InputStream in = Object.class.getModule().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Loads (without initialising) a JDK class, so that installOn retransforms it now. */
    private static void preload(String name) {
        try {
            Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError absentOnThisJdk) {
            // reported by states() as not matched
        }
    }

    /**
     * AgentBuilder.Default's constructor prepares Byte Buddy's Nexus (for type initializers we never
     * use), which touches sun.misc.Unsafe and makes JDK 24+ print a deprecation warning into the
     * application's log. The Nexus stays off while the builder is made, and the property as it was.
     */
    private AgentBuilder newBuilder() {
        String before = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            return new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("io.jattachstat.")))
                    .with(new Failures(status));
        } finally {
            if (before == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, before);
            }
        }
    }

    /** A hook that fails to apply is counted and said once, never thrown. */
    private static final class Failures extends AgentBuilder.Listener.Adapter {
        private final AgentStatus status;

        Failures(AgentStatus status) {
            this.status = status;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable t) {
            status.error("hooks", typeName + ": " + t);
        }
    }
}
