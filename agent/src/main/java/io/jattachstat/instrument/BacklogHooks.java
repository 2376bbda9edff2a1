package io.jattachstat.instrument;

import io.jattachstat.boot.HookedTypes;

import net.bytebuddy.asm.Advice;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Records the backlog every listener asks for, where /proc cannot tell it and TCP_INFO is not
 * available: advice on {@code NioSocketImpl.listen(int)} (ServerSocket) and
 * {@code ServerSocketChannelImpl.bind(SocketAddress, int)} (ServerSocketChannel, TCP and unix).
 *
 * <p>What the advice records, {@link io.jattachstat.snapshot.RecordedBacklogs} reads. The advice is copied into java.base, which can see no class of ours; it records into system
 * properties ({@code jattachstat.backlog.tcp.<port>}, {@code jattachstat.backlog.unix.<path>}),
 * which needs no class on the boot class path (appending there makes JDK 25 print a CDS warning into
 * the application's log). Installed on the agent's own thread: listeners that started before that,
 * or before a dynamic load, stay unrecorded.
 */
public final class BacklogHooks {
    private BacklogHooks() {
    }

    /** The two hooks, for {@link Hooks} to install with the others. */
    public static List<Hook> hooks() {
        return List.of(
                new Hook("backlog: ServerSocket", List.of(HookedTypes.NIO_SOCKET_IMPL), named(HookedTypes.NIO_SOCKET_IMPL),
                        named("listen").and(takesArguments(int.class)), ListenAdvice.class.getName()),
                new Hook("backlog: ServerSocketChannel", List.of(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL),
                        named(HookedTypes.SERVER_SOCKET_CHANNEL_IMPL), named("bind").and(takesArguments(2)),
                        BindAdvice.class.getName()));
    }

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
}
