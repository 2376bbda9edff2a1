package io.jattachstat.origins;

import io.jattachstat.instrument.VirtualThreads;
import io.jattachstat.snapshot.AgentStatus;

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
    /** The origin of a socket opened while the stack mode was off. */
    static final String STACKS_OFF = "(stacks off)";
    /** The origin of a socket opened past the walk budget of sampled mode. */
    static final String NOT_SAMPLED = "(not sampled)";

    /** Made at the first event, on the thread of the first socket: see {@link #jdk()}. */
    private volatile JdkSockets jdk;
    private final StackCapture stacks;
    private final SocketRegistry registry;
    private final CloseRing closes;
    private final AgentStatus status;
    private final int sampleMask;
    private final WalkBudget budget;
    private final boolean fault = Boolean.getBoolean(FAULT_PROPERTY);
    private final ConcurrentHashMap<String, Boolean> originsWithStack = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile StackMode mode;
    /** When a socket was last opened, accepted or closed (views re-read /proc if their snapshot is older). */
    private volatile long lastEventMillis;
    private int openTick; // racy on purpose: sampling needs no exact count
    private int closeTick;

    SocketRecorder(StackCapture stacks, SocketRegistry registry, CloseRing closes,
                   StackMode mode, int sampleEvery, WalkBudget budget, AgentStatus status) {
        this.budget = budget;
        this.stacks = stacks;
        this.registry = registry;
        this.closes = closes;
        this.mode = mode;
        this.sampleMask = Integer.highestOneBit(Math.max(1, sampleEvery)) - 1;
        this.status = status;
    }

    /**
     * The JDK's socket internals, looked up at the first event rather than when the agent starts:
     * looking them up loads the hooked classes, which must first pass the {@code HookGate} woven
     * (with -javaagent the agent starts before the application's first socket, and a class the
     * agent loaded early would miss its hooks until retransformed).
     */
    private JdkSockets jdk() throws ReflectiveOperationException {
        JdkSockets j = jdk;
        if (j == null) {
            synchronized (this) {
                j = jdk;
                if (j == null) {
                    j = new JdkSockets();
                    jdk = j;
                }
            }
        }
        return j;
    }

    StackMode mode() {
        return mode;
    }

    void mode(StackMode mode) {
        this.mode = mode;
    }

    long lastEventMillis() {
        return lastEventMillis;
    }

    long openedCount() {
        return opened.get();
    }

    /** A socket was created; {@code fd} is its descriptor (-1: read it from the socket). */
    public void opened(Object socket, int fd) {
        if (fault) {
            throw new IllegalStateException("jattachstat test fault in the open hook");
        }
        try {
            if (fd < 0) {
                fd = jdk().fdOf(socket);
            }
            SocketKind kind = jdk().kindOf(socket);
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
            String origin;
            Stack stack = null;
            if (m == StackMode.OFF) {
                origin = STACKS_OFF;
            } else if (m == StackMode.SAMPLED && !budget.allow()) {
                origin = NOT_SAMPLED;
            } else {
                StackCapture.Capture c = stacks.capture(m == StackMode.ALWAYS);
                origin = c.origin();
                stack = c.stack();
                if (m == StackMode.SAMPLED && wantsSampledStack(origin)) {
                    stack = stacks.capture(true).stack();
                }
            }
            Thread t = Thread.currentThread();
            long now = System.currentTimeMillis();
            registry.put(new SocketRecord(fd, kind, jdk().isUnixDomain(socket), t.getName(), VirtualThreads.isVirtual(t), now, origin,
                    stack, null));
            lastEventMillis = now;
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
            int fd = jdk().fdOf(socket);
            if (fd < 0 || isAgentThread(Thread.currentThread())) {
                return; // the control socket's connections are the agent's plumbing, not the application's
            }
            int listenerFd = jdk().fdOf(listener);
            SocketRecord from = registry.get(listenerFd);
            if (from == null) {
                // A listener opened before the hooks: it still names the accepted socket's listener.
                from = new SocketRecord(listenerFd, jdk().kindOf(listener), jdk().isUnixDomain(listener), "", false,
                        0, null, null, null);
            }
            SocketKind kind = acceptedKind(from.kind());
            if (kind == null) {
                return;
            }
            Thread t = Thread.currentThread();
            long now = System.currentTimeMillis();
            registry.put(new SocketRecord(fd, kind, from.unixDomain(), t.getName(), VirtualThreads.isVirtual(t), now, from.origin(),
                    from.stack(), from));
            lastEventMillis = now;
            opened.incrementAndGet();
        } catch (Throwable e) {
            status.error("origins: accept hook", e);
        }
    }

    /**
     * The application is closing a Socket or SocketChannel: note its addresses for the close that
     * follows (the fields cost nothing to read; getpeername on the fd would cost syscalls, and an
     * exception for a socket that never connected).
     */
    public void closingSocket(Object socket) {
        if (fault) {
            throw new IllegalStateException("jattachstat test fault in the close hook");
        }
        try {
            int fd = jdk().fdOf(socket);
            SocketRecord r = fd < 0 ? null : registry.get(fd);
            if (r != null && leavesTimeWait(r)) {
                InetSocketAddress remote = jdk().remoteOf(socket);
                if (remote != null) {
                    r.closingAddresses(jdk().localPortOf(socket), remote);
                }
            }
        } catch (Throwable e) {
            status.error("origins: close hook", e);
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
            int localPort = r.closingLocalPort();
            InetSocketAddress remote = r.closingRemote();
            if (remote == null && leavesTimeWait(r) && (cleaner || r.kind() == SocketKind.NETTY)) {
                // No close() call came first (the GC cleaner, Netty): ask the still-open fd.
                remote = jdk().remoteAddress(fd);
                InetSocketAddress local = remote == null ? null : jdk().localAddress(fd);
                localPort = local == null ? -1 : local.getPort();
            }
            String closingOrigin = null;
            StackMode m = mode;
            if (!cleaner && (m == StackMode.ALWAYS
                    || m == StackMode.SAMPLED && (++closeTick & sampleMask) == 0 && budget.allow())) {
                closingOrigin = stacks.capture(false).origin();
            }
            long now = System.currentTimeMillis();
            closes.add(new ClosedSocket(r, localPort, remote, now, closingOrigin, t.getName(), cleaner));
            lastEventMillis = now;
        } catch (Throwable e) {
            status.error("origins: close hook", e);
        }
    }

    /** Connected TCP sockets are the ones whose close may leave a kernel row behind. */
    private static boolean leavesTimeWait(SocketRecord r) {
        return r.kind().stream() && !r.kind().listener() && !r.unixDomain();
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
            case ASYNC_SERVER_SOCKET_CHANNEL -> SocketKind.ASYNC_SOCKET_CHANNEL;
            case NETTY -> SocketKind.NETTY;
            default -> null;
        };
    }

    /**
     * The JDK's common cleaner runs on an InnocuousThread named "Common-Cleaner"; a socket closed
     * there was found unreachable while still open: nobody closed it.
     */
    private static boolean isCleaner(Thread t) {
        return "Common-Cleaner".equals(t.getName()) && t.getClass().getName().equals("jdk.internal.misc.InnocuousThread");
    }
}
