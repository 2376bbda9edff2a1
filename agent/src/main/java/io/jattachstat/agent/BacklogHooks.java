package io.jattachstat.agent;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Records the backlog every listener asks for, where /proc cannot tell it and TCP_INFO is not
 * available: advice on {@code NioSocketImpl.listen(int)} (ServerSocket) and
 * {@code ServerSocketChannelImpl.bind(SocketAddress, int)} (ServerSocketChannel, TCP and unix).
 *
 * <p>The advice is copied into java.base, which can see no class of ours; it records into system
 * properties ({@code jattachstat.backlog.tcp.<port>}, {@code jattachstat.backlog.unix.<path>}),
 * which needs no class on the boot class path (appending there makes JDK 25 print a CDS warning into
 * the application's log). Installed on the agent's own thread: listeners that started before that,
 * or before a dynamic load, stay unrecorded.
 */
public final class BacklogHooks {
    static final String TCP_PREFIX = "jattachstat.backlog.tcp.";
    static final String UNIX_PREFIX = "jattachstat.backlog.unix.";
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private BacklogHooks() {
    }

    /** Installs the hooks; returns a one-line description of the result for the Agent MBean. */
    public static String install(Instrumentation inst, AgentStatus status) {
        builder(status)
                .type(named("sun.nio.ch.NioSocketImpl"))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(ListenAdvice.class).on(named("listen").and(takesArguments(int.class)))))
                .type(named("sun.nio.ch.ServerSocketChannelImpl"))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(2)))))
                .installOn(inst);
        return "yes (listen backlog: NioSocketImpl.listen, ServerSocketChannelImpl.bind)";
    }

    /** Records a listener the agent itself opened. */
    static void recordUnix(String path, int backlog) {
        System.setProperty(UNIX_PREFIX + path, Integer.toString(backlog));
    }

    /** The recorded backlog of a TCP port, or -1. */
    static int tcpBacklog(int port) {
        return parse(System.getProperty(TCP_PREFIX + port));
    }

    /** The recorded backlog of a unix path, or -1. */
    static int unixBacklog(String path) {
        return parse(System.getProperty(UNIX_PREFIX + path));
    }

    private static int parse(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * AgentBuilder.Default's constructor prepares Byte Buddy's Nexus (for type initializers we never
     * use), which touches sun.misc.Unsafe and makes JDK 24+ print a deprecation warning into the
     * application's log. The Nexus stays off while the builder is made, and the property as it was.
     */
    private static AgentBuilder builder(AgentStatus status) {
        String before = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            return new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .ignore(nameStartsWith("net.bytebuddy."))
                    .with(new Failures(status));
        } finally {
            if (before == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, before);
            }
        }
    }

    /** Advice is copied into the JDK's code: it may use only what java.base can see. */
    static final class ListenAdvice {
        private ListenAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) int backlog, @Advice.FieldValue("localport") int port) {
            System.setProperty("jattachstat.backlog.tcp." + port, Integer.toString(backlog < 1 ? 50 : backlog));
        }
    }

    static final class BindAdvice {
        private BindAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Argument(1) int backlog) throws IOException {
            SocketAddress local = ((ServerSocketChannel) self).getLocalAddress();
            String effective = Integer.toString(backlog < 1 ? 50 : backlog);
            if (local instanceof InetSocketAddress inet) {
                System.setProperty("jattachstat.backlog.tcp." + inet.getPort(), effective);
            } else if (local instanceof UnixDomainSocketAddress unix) {
                System.setProperty("jattachstat.backlog.unix." + unix.getPath(), effective);
            }
        }
    }

    /** A hook that fails to install is counted and said once, never thrown. */
    private static final class Failures extends AgentBuilder.Listener.Adapter {
        private final AgentStatus status;

        Failures(AgentStatus status) {
            this.status = status;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable t) {
            status.error("hooks", typeName + ": " + t);
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            status.capability("hook " + type.getSimpleName(), "installed");
        }
    }
}
