package io.jattachstat.waits;

import io.jattachstat.boot.HookedTypes;
import io.jattachstat.instrument.Hook;

import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The hooks on the JDK's socket operations that may block, for {@code --blocked}: a Socket's read,
 * write, accept and connect ({@code NioSocketImpl}), a blocking channel's and its socket adaptor's,
 * and the poller where a virtual thread parks. Each entry records into {@link BlockingWaits} through
 * the bridge; one exit piece clears it.
 */
public final class WaitHooks {
    private static final String ADVICE = "io.jattachstat.hooks.WaitAdvice$";
    private static final String WAITED = ADVICE + "Waited";

    private WaitHooks() {
    }

    public static List<Hook> hooks() {
        List<String> socket = List.of(HookedTypes.NIO_SOCKET_IMPL);
        List<String> channel = List.of(HookedTypes.SOCKET_CHANNEL_IMPL);
        List<String> server = List.of(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL);
        return List.of(
                new Hook("wait: Socket read", socket, named(HookedTypes.NIO_SOCKET_IMPL), named("implRead"),
                        ADVICE + "SocketRead", WAITED),
                new Hook("wait: Socket write", socket, named(HookedTypes.NIO_SOCKET_IMPL), named("implWrite"),
                        ADVICE + "SocketWrite", WAITED),
                new Hook("wait: ServerSocket accept", socket, named(HookedTypes.NIO_SOCKET_IMPL),
                        named("accept").and(takesArguments(SocketImpl.class)), ADVICE + "SocketAccept", WAITED),
                new Hook("wait: Socket connect", socket, named(HookedTypes.NIO_SOCKET_IMPL),
                        named("connect").and(takesArguments(SocketAddress.class, int.class)), ADVICE + "SocketConnect",
                        WAITED),
                new Hook("wait: SocketChannel read", channel, named(HookedTypes.SOCKET_CHANNEL_IMPL),
                        named("read").and(isPublic()).and(takesArguments(ByteBuffer.class)
                                .or(takesArguments(ByteBuffer[].class, int.class, int.class))),
                        ADVICE + "ChannelRead", WAITED),
                new Hook("wait: SocketChannel write", channel, named(HookedTypes.SOCKET_CHANNEL_IMPL),
                        named("write").and(isPublic()).and(takesArguments(ByteBuffer.class)
                                .or(takesArguments(ByteBuffer[].class, int.class, int.class)))
                                .or(named("blockingWriteFully")),
                        ADVICE + "ChannelWrite", WAITED),
                new Hook("wait: SocketChannel connect", channel, named(HookedTypes.SOCKET_CHANNEL_IMPL),
                        named("connect").and(takesArguments(SocketAddress.class)).or(named("finishConnect")),
                        ADVICE + "ChannelConnect", WAITED),
                new Hook("wait: ServerSocketChannel accept", server, named(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        named("accept").and(takesArguments(0)), ADVICE + "ChannelAccept", WAITED),
                new Hook("wait: socket adaptor timed read", channel, named(HookedTypes.SOCKET_CHANNEL_IMPL),
                        named("blockingRead"), ADVICE + "AdaptorRead", WAITED),
                new Hook("wait: socket adaptor timed connect", channel, named(HookedTypes.SOCKET_CHANNEL_IMPL),
                        named("blockingConnect"), ADVICE + "AdaptorConnect", WAITED),
                new Hook("wait: server socket adaptor timed accept", server, named(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        named("blockingAccept"), ADVICE + "AdaptorAccept", WAITED),
                new Hook("wait: virtual thread parked on a socket", List.of(HookedTypes.POLLER), named(HookedTypes.POLLER),
                        named("poll").and(isStatic()).and(takesArguments(int.class, int.class, long.class,
                                BooleanSupplier.class)), ADVICE + "Parked", WAITED));
    }
}
