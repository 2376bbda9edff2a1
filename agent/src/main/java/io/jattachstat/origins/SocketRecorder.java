package io.jattachstat.origins;

import io.jattachstat.agent.AgentStatus;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the hooks call (through {@code sun.nio.ch.JattachstatBridge}): turns "socket opened /
 * accepted / about to close" into records and closes. Runs on the application's threads, inside its
 * socket calls: it never blocks, never throws (failures are counted in {@link AgentStatus}), and its
 * cost is what the stack mode allows.
 */
public final class SocketRecorder {
    /** Test-only fault switch: every hook throws, to show the application's calls still work. */
    static final String FAULT_PROPERTY = "jattachstat.test.hookFault";
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final JdkSockets jdk;
    private final StackCapture stacks;
    private final SocketRegistry registry;
    private final CloseRing closes;
    private final AgentStatus status;
    private final int sampleMask;
    private final boolean fault = Boolean.getBoolean(FAULT_PROPERTY);
    private final ConcurrentHashMap<String, Boolean> originsWithStack = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile StackMode mode;
    private int openTick; // racy on purpose: sampling needs no exact count
    private int closeTick;

    SocketRecorder(JdkSockets jdk, StackCapture stacks, SocketRegistry registry, CloseRing closes,
                   StackMode mode, int sampleEvery, AgentStatus status) {
        this.jdk = jdk;
        this.stacks = stacks;
        this.registry = registry;
        this.closes = closes;
        this.mode = mode;
        this.sampleMask = Integer.highestOneBit(Math.max(1, sampleEvery)) - 1;
        this.status = status;
    }

    StackMode mode() {
        return mode;
    }

    void mode(StackMode mode) {
        this.mode = mode;
    }

    long openedCount() {
        return opened.get();
    }

    /** A socket was created; {@code fd} is its descriptor. */
    public void opened(Object socket, int fd) {
        if (fault) {
            throw new IllegalStateException("jattachstat test fault in the open hook");
        }
        try {
            SocketKind kind = jdk.kindOf(socket);
            if (kind == null || fd < 0) {
                return;
            }
            if (kind == SocketKind.NETTY) {
                SocketRecord known = registry.get(fd);
                if (known != null && known.accepted() && known.kind() == SocketKind.NETTY) {
                    return; // the accept hook saw this fd first and knows its listener
                }
            }
            StackMode m = mode;
            String origin = null;
            Stack stack = null;
            if (m != StackMode.OFF) {
                StackCapture.Capture c = stacks.capture(m == StackMode.ALWAYS);
                origin = c.origin();
                stack = c.stack();
                if (m == StackMode.SAMPLED && wantsSampledStack(origin)) {
                    stack = stacks.capture(true).stack();
                }
                if (kind == SocketKind.DATAGRAM_CHANNEL && isDatagramSocketApi(c.api())) {
                    kind = SocketKind.DATAGRAM_SOCKET;
                }
            }
            Thread t = Thread.currentThread();
            registry.put(new SocketRecord(fd, kind, jdk.isUnixDomain(socket), t.getName(), isVirtual(t),
                    System.currentTimeMillis(), origin, stack, null));
            opened.incrementAndGet();
        } catch (Throwable e) {
            status.error("origins: open hook", e);
        }
    }

    /** {@code listener} accepted {@code socket} (an object, or an Integer fd for Netty). */
    public void accepted(Object listener, Object socket) {
        if (fault) {
            throw new IllegalStateException("jattachstat test fault in the accept hook");
        }
        try {
            int fd = jdk.fdOf(socket);
            if (fd < 0 || isAgentThread(Thread.currentThread())) {
                return; // the control socket's connections are the agent's plumbing, not the application's
            }
            SocketRecord from = registry.get(jdk.fdOf(listener));
            SocketKind kind = from != null ? acceptedKind(from.kind()) : acceptedKind(jdk.kindOf(listener));
            if (kind == null) {
                return;
            }
            if (from == null) {
                // A listener opened before the hooks: it still names the accepted socket's listener.
                from = new SocketRecord(jdk.fdOf(listener), jdk.kindOf(listener), jdk.isUnixDomain(listener), "", false,
                        0, null, null, null);
            }
            Thread t = Thread.currentThread();
            registry.put(new SocketRecord(fd, kind, from.unixDomain(), t.getName(), isVirtual(t),
                    System.currentTimeMillis(), from.origin(), from.stack(), from));
            opened.incrementAndGet();
        } catch (Throwable e) {
            status.error("origins: accept hook", e);
        }
    }

    /** {@code fd} is about to be closed. */
    public void closing(int fd) {
        if (fault) {
            throw new IllegalStateException("jattachstat test fault in the close hook");
        }
        try {
            SocketRecord r = registry.remove(fd);
            if (r == null) {
                return;
            }
            Thread t = Thread.currentThread();
            boolean cleaner = isCleaner(t);
            InetSocketAddress local = null;
            InetSocketAddress remote = null;
            if (r.kind().stream() && !r.kind().listener() && !r.unixDomain()) {
                remote = jdk.remoteAddress(fd);
                local = remote == null ? null : jdk.localAddress(fd);
            }
            String closingOrigin = null;
            StackMode m = mode;
            if (!cleaner && (m == StackMode.ALWAYS || m == StackMode.SAMPLED && (++closeTick & sampleMask) == 0)) {
                closingOrigin = stacks.capture(false).origin();
            }
            closes.add(new ClosedSocket(r, local, remote, System.currentTimeMillis(), closingOrigin, t.getName(), cleaner));
        } catch (Throwable e) {
            status.error("origins: close hook", e);
        }
    }

    /** The agent's own threads are all named "jattachstat-...". */
    private static boolean isAgentThread(Thread t) {
        return t.getName().startsWith("jattachstat-");
    }

    /** In sampled mode: the first socket of each origin, then one in sampleEvery. */
    private boolean wantsSampledStack(String origin) {
        if ((++openTick & sampleMask) == 0) {
            return true;
        }
        if (origin == null || originsWithStack.containsKey(origin) || originsWithStack.size() >= stacks.maxStacks()) {
            return false;
        }
        return originsWithStack.putIfAbsent(origin, Boolean.TRUE) == null;
    }

    private static SocketKind acceptedKind(SocketKind listener) {
        if (listener == null) {
            return null;
        }
        return switch (listener) {
            case SERVER_SOCKET -> SocketKind.SOCKET;
            case SERVER_SOCKET_CHANNEL -> SocketKind.SOCKET_CHANNEL;
            case NETTY -> SocketKind.NETTY;
            default -> null;
        };
    }

    private static boolean isDatagramSocketApi(String api) {
        return "java.net.DatagramSocket".equals(api) || "java.net.MulticastSocket".equals(api);
    }

    /**
     * The JDK's common cleaner runs on an InnocuousThread named "Common-Cleaner"; a socket closed
     * there was found unreachable while still open: nobody closed it.
     */
    private static boolean isCleaner(Thread t) {
        return "Common-Cleaner".equals(t.getName()) && t.getClass().getName().equals("jdk.internal.misc.InnocuousThread");
    }

    static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /** Thread.isVirtual() exists from JDK 21; the agent is built for 17. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
