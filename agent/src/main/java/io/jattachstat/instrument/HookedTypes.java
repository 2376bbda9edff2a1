package io.jattachstat.instrument;

import java.util.List;

/**
 * The classes the hooks apply to, by name, with nothing of Byte Buddy's: {@link HookGate} watches
 * for them from {@code premain} on, before Byte Buddy is loaded, and the hooks' own matchers are made
 * from the same names.
 */
public final class HookedTypes {
    public static final String NIO_SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    public static final String SOCKET_CHANNEL_IMPL = "sun.nio.ch.SocketChannelImpl";
    public static final String SERVER_SOCKET_CHANNEL_IMPL = "sun.nio.ch.ServerSocketChannelImpl";
    public static final String DATAGRAM_CHANNEL_IMPL = "sun.nio.ch.DatagramChannelImpl";
    public static final String ASYNC_SOCKET_CHANNEL_IMPL = "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
    public static final String ASYNC_SERVER_SOCKET_CHANNEL_IMPL = "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
    /** What System.inheritedChannel() makes of the socket on stdin (inetd, socket activation). */
    public static final List<String> INHERITED = List.of("sun.nio.ch.InheritedChannel$InheritedSocketChannelImpl",
            "sun.nio.ch.InheritedChannel$InheritedServerSocketChannelImpl",
            "sun.nio.ch.InheritedChannel$InheritedDatagramChannelImpl");
    /** JDK 17 declares close in each dispatcher; JDK 21+ in their common UnixDispatcher. */
    public static final List<String> DISPATCHERS = List.of("sun.nio.ch.SocketDispatcher",
            "sun.nio.ch.DatagramDispatcher", "sun.nio.ch.UnixDispatcher");
    /** Netty's native transport, often shaded: matched by the end of the name. */
    public static final String NETTY_SOCKET_SUFFIX = ".channel.unix.Socket";
    public static final String NETTY_FD_SUFFIX = ".channel.unix.FileDescriptor";

    private static final List<String> JDK = List.of(NIO_SOCKET_IMPL, SOCKET_CHANNEL_IMPL, SERVER_SOCKET_CHANNEL_IMPL,
            DATAGRAM_CHANNEL_IMPL, ASYNC_SOCKET_CHANNEL_IMPL, ASYNC_SERVER_SOCKET_CHANNEL_IMPL, DISPATCHERS.get(0),
            DISPATCHERS.get(1), DISPATCHERS.get(2), INHERITED.get(0), INHERITED.get(1), INHERITED.get(2));

    private HookedTypes() {
    }

    /** Whether a hook may apply to the class of this binary name ("a.b.C"). */
    public static boolean isHooked(String binaryName) {
        return JDK.contains(binaryName) || binaryName.endsWith(NETTY_SOCKET_SUFFIX)
                || binaryName.endsWith(NETTY_FD_SUFFIX);
    }
}
