package io.jattachstat.origins;

import io.jattachstat.instrument.Hook;
import io.jattachstat.boot.HookedTypes;
import io.jattachstat.waits.BlockingWaits;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.channels.spi.SelectorProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import java.util.function.ObjIntConsumer;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The hooks on the paths that create, accept and close socket file descriptors, and the plumbing
 * they need: java.base opens {@code sun.nio.ch} and {@code java.net} to the agent's module (and only
 * to it), the bridge class is defined into {@code sun.nio.ch}, and its fields are pointed at the
 * {@link SocketRecorder}.
 */
final class OriginHooks {
    static final String BRIDGE = "sun.nio.ch.JattachstatBridge";
    private static final String ADVICE = "io.jattachstat.hooks.SocketAdvice$";

    private final Instrumentation inst;

    OriginHooks(Instrumentation inst) {
        this.inst = inst;
    }

    /** Opens the JDK packages the recorder reads; must come before {@link JdkSockets} is made. */
    void openJdk() {
        Module javaBase = Object.class.getModule();
        Set<Module> agent = Set.of(OriginHooks.class.getModule());
        inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("sun.nio.ch", agent, "java.net", agent), Set.of(), Map.of());
    }

    /**
     * Defines the bridge into java.base (once per JVM) and connects it to {@code recorder} and, unless
     * null, to {@code waits}.
     */
    void connect(SocketRecorder recorder, BlockingWaits waits) throws ReflectiveOperationException, IOException {
        Class<?> bridge = bridgeClass();
        bridge.getField("opened").set(null, (ObjIntConsumer<Object>) recorder::opened);
        bridge.getField("accepted").set(null, (BiConsumer<Object, Object>) recorder::accepted);
        bridge.getField("closingSocket").set(null, (Consumer<Object>) recorder::closingSocket);
        bridge.getField("closing").set(null, (IntConsumer) recorder::closing);
        if (waits != null) {
            bridge.getField("waited").set(null, (Consumer<Object>) waits::waited);
            bridge.getField("parking").set(null, (LongFunction<Object>) waits::parking);
            bridge.getField("waiting").set(null, (LongFunction<Object>) waits::waiting);
        }
    }

    private static Class<?> bridgeClass() throws ReflectiveOperationException, IOException {
        try {
            return Class.forName(BRIDGE, true, null); // an earlier agent load in this JVM defined it
        } catch (ClassNotFoundException notYet) {
            byte[] bytes;
            try (InputStream in = OriginHooks.class.getResourceAsStream("bridge/JattachstatBridge.bytes")) {
                if (in == null) {
                    throw new IOException("the agent jar has no bridge class");
                }
                bytes = in.readAllBytes();
            }
            // Not initialised: Net's initialiser needs InetAddress's, which an application thread may be running
            // while it waits in the HookGate for these very hooks.
            MethodHandles.Lookup inSunNioCh = MethodHandles.privateLookupIn(Class.forName("sun.nio.ch.Net", false, null),
                    MethodHandles.lookup());
            return inSunNioCh.defineClass(bytes);
        }
    }

    /**
     * Advice woven into an application class (Netty's) calls the bridge in java.base's
     * {@code sun.nio.ch}: export that one package to that class's module first.
     */
    BiConsumer<TypeDescription, JavaModule> exportBridgeTo() {
        return (type, module) -> {
            if (module != null && module.unwrap() instanceof Module m) {
                inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("sun.nio.ch", Set.of(m)), Map.of(),
                        Set.of(), Map.of());
            }
        };
    }

    static List<Hook> hooks() {
        return List.of(
                new Hook("open: Socket, ServerSocket", List.of(HookedTypes.NIO_SOCKET_IMPL),
                        named(HookedTypes.NIO_SOCKET_IMPL), named("create").and(takesArguments(boolean.class)),
                        ADVICE + "OpenedField"),
                new Hook("accept: ServerSocket", List.of(HookedTypes.NIO_SOCKET_IMPL),
                        named(HookedTypes.NIO_SOCKET_IMPL), named("accept").and(takesArguments(SocketImpl.class)),
                        ADVICE + "AcceptedArgument"),
                new Hook("open: SocketChannel", List.of(HookedTypes.SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.SOCKET_CHANNEL_IMPL),
                        isConstructor().and(takesArguments(SelectorProvider.class, ProtocolFamily.class)),
                        ADVICE + "OpenedField"),
                new Hook("open: ServerSocketChannel", List.of(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        isConstructor().and(takesArguments(SelectorProvider.class, ProtocolFamily.class)),
                        ADVICE + "OpenedField"),
                new Hook("accept: ServerSocketChannel", List.of(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        named("finishAccept").and(takesArguments(FileDescriptor.class, SocketAddress.class)),
                        ADVICE + "AcceptedReturn"),
                new Hook("open: AsynchronousSocketChannel", List.of(HookedTypes.ASYNC_SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.ASYNC_SOCKET_CHANNEL_IMPL), isConstructor().and(takesArguments(1)),
                        ADVICE + "OpenedField"),
                new Hook("open: AsynchronousServerSocketChannel", List.of(HookedTypes.ASYNC_SERVER_SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.ASYNC_SERVER_SOCKET_CHANNEL_IMPL), isConstructor().and(takesArguments(1)),
                        ADVICE + "OpenedField"),
                // JDK 17 passes an AccessControlContext too; later JDKs do not.
                new Hook("accept: AsynchronousServerSocketChannel", List.of(HookedTypes.ASYNC_SERVER_SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.ASYNC_SERVER_SOCKET_CHANNEL_IMPL),
                        named("finishAccept").and(takesArgument(0, FileDescriptor.class)), ADVICE + "AcceptedReturn"),
                new Hook("open: System.inheritedChannel()", HookedTypes.INHERITED,
                        namedOneOf(HookedTypes.INHERITED.toArray(new String[0])), isConstructor(), ADVICE + "OpenedObject"),
                new Hook("open: DatagramSocket, DatagramChannel", List.of(HookedTypes.DATAGRAM_CHANNEL_IMPL),
                        named(HookedTypes.DATAGRAM_CHANNEL_IMPL),
                        isConstructor().and(takesArguments(SelectorProvider.class, ProtocolFamily.class, boolean.class)),
                        ADVICE + "OpenedField"),
                new Hook("close: Socket, SocketChannel, AsynchronousSocketChannel (their addresses)",
                        List.of(HookedTypes.NIO_SOCKET_IMPL, HookedTypes.SOCKET_CHANNEL_IMPL,
                                HookedTypes.ASYNC_SOCKET_CHANNEL_IMPL),
                        namedOneOf(HookedTypes.NIO_SOCKET_IMPL, HookedTypes.SOCKET_CHANNEL_IMPL,
                                HookedTypes.ASYNC_SOCKET_CHANNEL_IMPL),
                        namedOneOf("close", "implCloseSelectableChannel", "implClose").and(takesArguments(0)),
                        ADVICE + "ClosingObject"),
                new Hook("close: sockets and channels",
                        HookedTypes.DISPATCHERS,
                        namedOneOf(HookedTypes.DISPATCHERS.toArray(new String[0])),
                        named("close").and(takesArguments(FileDescriptor.class)).and(not(isAbstract())),
                        ADVICE + "Closing"),
                // Netty's native transports make their sockets without the JDK; Netty is often shaded.
                new Hook("open: Netty native socket", List.of(), nameEndsWith(HookedTypes.NETTY_SOCKET_SUFFIX),
                        isConstructor().and(takesArguments(int.class)), ADVICE + "NettyOpened"),
                new Hook("accept: Netty native socket", List.of(), nameEndsWith(HookedTypes.NETTY_SOCKET_SUFFIX),
                        named("accept").and(takesArguments(byte[].class)).and(returns(int.class)), ADVICE + "NettyAccepted"),
                new Hook("close: Netty native socket", List.of(), nameEndsWith(HookedTypes.NETTY_FD_SUFFIX),
                        named("close").and(takesArguments(0)), ADVICE + "NettyClosing"));
    }
}
