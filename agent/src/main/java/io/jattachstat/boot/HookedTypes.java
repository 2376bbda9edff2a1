package io.jattachstat.boot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes the hooks apply to, by name, with nothing of Byte Buddy's: {@link HookGate} watches
 * for them from {@code premain} on, before Byte Buddy is loaded, and the hooks' own matchers are made
 * from the same names. The one class of the boot package that the agent's loader has a copy of too
 * (the agent jar carries it in both places): names only, so the two copies cannot disagree.
 */
public final class HookedTypes {
    public static final String NIO_SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    public static final String SOCKET_CHANNEL_IMPL = "sun.nio.ch.SocketChannelImpl";
    public static final String SERVER_SOCKET_CHANNEL_IMPL = "sun.nio.ch.ServerSocketChannelImpl";
    public static final String DATAGRAM_CHANNEL_IMPL = "sun.nio.ch.DatagramChannelImpl";
    public static final String ASYNC_SOCKET_CHANNEL_IMPL = "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
    public static final String ASYNC_SERVER_SOCKET_CHANNEL_IMPL = "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
    /** Where a virtual thread parks until its socket is ready (JDK 21+). */
    public static final String POLLER = "sun.nio.ch.Poller";
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
            DISPATCHERS.get(1), DISPATCHERS.get(2), INHERITED.get(0), INHERITED.get(1), INHERITED.get(2), POLLER);

    /** The same names as the JVM hands them to a class file transformer ("a/b/C"). */
    private static final Set<String> JDK_INTERNAL = internalNames(JDK);
    private static final String NETTY_SOCKET_INTERNAL = NETTY_SOCKET_SUFFIX.replace('.', '/');
    private static final String NETTY_FD_INTERNAL = NETTY_FD_SUFFIX.replace('.', '/');

    private HookedTypes() {
    }

    /** Whether a hook may apply to the class of this binary name ("a.b.C"). */
    public static boolean isHooked(String binaryName) {
        return JDK.contains(binaryName) || binaryName.endsWith(NETTY_SOCKET_SUFFIX)
                || binaryName.endsWith(NETTY_FD_SUFFIX);
    }

    /** {@link #isHooked} for an internal name ("a/b/C"), without making a string: every class load asks. */
    public static boolean isHookedInternal(String internalName) {
        return JDK_INTERNAL.contains(internalName) || internalName.endsWith(NETTY_SOCKET_INTERNAL)
                || internalName.endsWith(NETTY_FD_INTERNAL);
    }

    private static Set<String> internalNames(List<String> binaryNames) {
        Set<String> names = new HashSet<>();
        for (String n : binaryNames) {
            names.add(n.replace('.', '/'));
        }
        return Set.copyOf(names);
    }
}
