package io.jattachstat.origins;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;

/**
 * Reads what the hooks hand over: the JDK's socket objects (private fields of {@code sun.nio.ch} and
 * {@code java.net} classes, which {@link OriginHooks} opened to the agent's module first) and Netty's.
 * Kept apart so that every JDK-internal name the agent depends on is in one place.
 */
final class JdkSockets {
    private final Class<?> nioSocketImpl;
    private final Class<?> selChImpl;
    private final Class<?> socketChannelImpl;
    private final Class<?> serverSocketChannelImpl;
    private final Class<?> datagramChannelImpl;
    private final Class<?> asyncSocketChannelImpl;
    private final Class<?> asyncServerSocketChannelImpl;
    private final VarHandle asyncSocketFd;
    private final VarHandle asyncServerFd;
    private final VarHandle asyncRemoteAddress;
    private final VarHandle asyncLocalAddress;
    private final VarHandle socketImplFd;
    private final VarHandle nioServer;
    private final MethodHandle channelFdVal;
    private final MethodHandle fdVal;
    private final MethodHandle newFd;
    private final MethodHandle localAddress;
    private final MethodHandle remoteAddress;
    private final VarHandle socketChannelFamily;
    private final VarHandle implRemoteAddress;
    private final VarHandle implRemotePort;
    private final VarHandle implLocalPort;
    private final VarHandle channelRemoteAddress;
    private final VarHandle channelLocalAddress;
    private final VarHandle datagramInterruptible;
    private final VarHandle serverChannelFamily;
    private final ClassValue<MethodHandle> nettyFd = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup().findVirtual(type, "intValue", MethodType.methodType(int.class));
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
    };

    JdkSockets() throws ReflectiveOperationException {
        MethodHandles.Lookup self = MethodHandles.lookup();
        nioSocketImpl = Class.forName("sun.nio.ch.NioSocketImpl");
        selChImpl = Class.forName("sun.nio.ch.SelChImpl");
        socketChannelImpl = Class.forName("sun.nio.ch.SocketChannelImpl");
        serverSocketChannelImpl = Class.forName("sun.nio.ch.ServerSocketChannelImpl");
        datagramChannelImpl = Class.forName("sun.nio.ch.DatagramChannelImpl");
        // The platform-independent bases of the Linux asynchronous channels: they hold fd and addresses.
        asyncSocketChannelImpl = Class.forName("sun.nio.ch.AsynchronousSocketChannelImpl");
        asyncServerSocketChannelImpl = Class.forName("sun.nio.ch.AsynchronousServerSocketChannelImpl");
        MethodHandles.Lookup async = MethodHandles.privateLookupIn(asyncSocketChannelImpl, self);
        asyncSocketFd = async.findVarHandle(asyncSocketChannelImpl, "fd", FileDescriptor.class);
        asyncRemoteAddress = async.findVarHandle(asyncSocketChannelImpl, "remoteAddress", InetSocketAddress.class);
        asyncLocalAddress = async.findVarHandle(asyncSocketChannelImpl, "localAddress", InetSocketAddress.class);
        asyncServerFd = MethodHandles.privateLookupIn(asyncServerSocketChannelImpl, self)
                .findVarHandle(asyncServerSocketChannelImpl, "fd", FileDescriptor.class);
        Class<?> net = Class.forName("sun.nio.ch.Net");
        Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
        MethodHandles.Lookup ch = MethodHandles.privateLookupIn(net, self);
        MethodHandles.Lookup socketImpl = MethodHandles.privateLookupIn(java.net.SocketImpl.class, self);
        socketImplFd = socketImpl.findVarHandle(java.net.SocketImpl.class, "fd", FileDescriptor.class);
        implRemoteAddress = socketImpl.findVarHandle(java.net.SocketImpl.class, "address", InetAddress.class);
        implRemotePort = socketImpl.findVarHandle(java.net.SocketImpl.class, "port", int.class);
        implLocalPort = socketImpl.findVarHandle(java.net.SocketImpl.class, "localport", int.class);
        nioServer = MethodHandles.privateLookupIn(nioSocketImpl, self).findVarHandle(nioSocketImpl, "server", boolean.class);
        channelFdVal = ch.findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class));
        fdVal = ch.findStatic(ioUtil, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
        newFd = ch.findStatic(ioUtil, "newFD", MethodType.methodType(FileDescriptor.class, int.class));
        localAddress = ch.findStatic(net, "localAddress", MethodType.methodType(InetSocketAddress.class, FileDescriptor.class));
        remoteAddress = ch.findStatic(net, "remoteAddress", MethodType.methodType(InetSocketAddress.class, FileDescriptor.class));
        MethodHandles.Lookup channel = MethodHandles.privateLookupIn(socketChannelImpl, self);
        socketChannelFamily = channel.findVarHandle(socketChannelImpl, "family", ProtocolFamily.class);
        channelRemoteAddress = channel.findVarHandle(socketChannelImpl, "remoteAddress", SocketAddress.class);
        channelLocalAddress = channel.findVarHandle(socketChannelImpl, "localAddress", SocketAddress.class);
        datagramInterruptible = MethodHandles.privateLookupIn(datagramChannelImpl, self)
                .findVarHandle(datagramChannelImpl, "interruptible", boolean.class);
        serverChannelFamily = MethodHandles.privateLookupIn(serverSocketChannelImpl, self)
                .findVarHandle(serverSocketChannelImpl, "family", ProtocolFamily.class);
    }

    /** The socket's fd, or -1: a JDK channel or SocketImpl, a Netty socket, or an Integer fd. */
    int fdOf(Object socket) throws Throwable {
        if (socket instanceof Integer fd) {
            return fd;
        }
        if (nioSocketImpl.isInstance(socket)) {
            FileDescriptor fd = (FileDescriptor) socketImplFd.get(socket);
            return fd == null ? -1 : (int) fdVal.invokeExact(fd);
        }
        if (selChImpl.isInstance(socket)) {
            return (int) channelFdVal.invoke(socket);
        }
        if (asyncSocketChannelImpl.isInstance(socket) || asyncServerSocketChannelImpl.isInstance(socket)) {
            FileDescriptor fd = (FileDescriptor) (asyncSocketChannelImpl.isInstance(socket) ? asyncSocketFd.get(socket)
                    : asyncServerFd.get(socket));
            return (int) fdVal.invokeExact(fd);
        }
        MethodHandle netty = nettyFd.get(socket.getClass());
        return netty == null ? -1 : (int) netty.invoke(socket);
    }

    /**
     * The kind of a socket object, from its class; null if it is none the agent knows. (The channels'
     * subclasses are what System.inheritedChannel() makes.)
     */
    SocketKind kindOf(Object socket) {
        Class<?> type = socket.getClass();
        if (type == nioSocketImpl) {
            return (boolean) nioServer.get(socket) ? SocketKind.SERVER_SOCKET : SocketKind.SOCKET;
        }
        if (socketChannelImpl.isInstance(socket)) {
            return SocketKind.SOCKET_CHANNEL;
        }
        if (serverSocketChannelImpl.isInstance(socket)) {
            return SocketKind.SERVER_SOCKET_CHANNEL;
        }
        if (asyncSocketChannelImpl.isInstance(socket)) {
            return SocketKind.ASYNC_SOCKET_CHANNEL;
        }
        if (asyncServerSocketChannelImpl.isInstance(socket)) {
            return SocketKind.ASYNC_SERVER_SOCKET_CHANNEL;
        }
        if (datagramChannelImpl.isInstance(socket)) {
            // A DatagramSocket (JDK 15+) is an uninterruptible DatagramChannel inside.
            return (boolean) datagramInterruptible.get(socket) ? SocketKind.DATAGRAM_CHANNEL : SocketKind.DATAGRAM_SOCKET;
        }
        return type.getName().endsWith(".unix.Socket") || type.getName().endsWith("LinuxSocket")
                ? SocketKind.NETTY : null;
    }

    /** A unix-domain channel: its closes leave no TIME_WAIT and it has no inet addresses. */
    boolean isUnixDomain(Object socket) {
        if (socketChannelImpl.isInstance(socket)) {
            return socketChannelFamily.get(socket) == StandardProtocolFamily.UNIX;
        }
        if (serverSocketChannelImpl.isInstance(socket)) {
            return serverChannelFamily.get(socket) == StandardProtocolFamily.UNIX;
        }
        return false;
    }

    /**
     * The remote address of a connected Socket (its SocketImpl) or SocketChannel, from its fields;
     * null if not connected or not inet.
     */
    InetSocketAddress remoteOf(Object socket) {
        if (nioSocketImpl.isInstance(socket)) {
            InetAddress address = (InetAddress) implRemoteAddress.get(socket);
            return address == null ? null : new InetSocketAddress(address, (int) implRemotePort.get(socket));
        }
        if (socketChannelImpl.isInstance(socket) && channelRemoteAddress.get(socket) instanceof InetSocketAddress inet) {
            return inet;
        }
        if (asyncSocketChannelImpl.isInstance(socket)) {
            return (InetSocketAddress) asyncRemoteAddress.get(socket);
        }
        return null;
    }

    /** The local port of a Socket (its SocketImpl) or SocketChannel, from its fields; -1 if unknown. */
    int localPortOf(Object socket) {
        if (nioSocketImpl.isInstance(socket)) {
            return (int) implLocalPort.get(socket);
        }
        if (socketChannelImpl.isInstance(socket) && channelLocalAddress.get(socket) instanceof InetSocketAddress inet) {
            return inet.getPort();
        }
        if (asyncSocketChannelImpl.isInstance(socket) && asyncLocalAddress.get(socket) instanceof InetSocketAddress inet) {
            return inet.getPort();
        }
        return -1;
    }

    /** getsockname of an open fd, or null. */
    InetSocketAddress localAddress(int fd) {
        try {
            return (InetSocketAddress) localAddress.invokeExact((FileDescriptor) newFd.invokeExact(fd));
        } catch (Throwable t) {
            return null;
        }
    }

    /** getpeername of an open fd, or null (not connected). */
    InetSocketAddress remoteAddress(int fd) {
        try {
            return (InetSocketAddress) remoteAddress.invokeExact((FileDescriptor) newFd.invokeExact(fd));
        } catch (Throwable t) {
            return null;
        }
    }
}
