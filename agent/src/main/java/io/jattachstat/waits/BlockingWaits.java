package io.jattachstat.waits;

import io.jattachstat.instrument.VirtualThreads;
import io.jattachstat.model.ThreadWait;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Java thread is in a socket operation that may block, on which fd, for what, with what
 * timeout and since when: what the wait hooks record ({@link WaitHooks}) and {@code --blocked} reads.
 *
 * <p>Platform threads are recorded around each blocking operation, as the JDK brackets it: the
 * kernel blocks a platform thread inside the system call, where nothing of Java runs, so the time
 * must be taken before. That costs each such operation a thread-local lookup, a clock read and a
 * small object ({@code bench/hook-bench.sh}'s blocking-read part measures it), and nothing is shared
 * between threads: each has its own slot, which a reader visits. Virtual threads are recorded only
 * when they really park (in the JDK's poller), in a map that holds only the parked ones.
 */
public final class BlockingWaits {
    private static final String[] OPS = {"read", "write", "accept", "connect"};

    /** One operation in progress; replaced, never changed, so a reader sees it whole. */
    private record Wait(Thread thread, long packed, long startNanos) {
    }

    /**
     * A platform thread's one slot. {@code current} is written by that thread only, with release
     * stores (no fence on the application's read path: a reader may see a wait a moment late, never
     * half of one, since a Wait is never changed).
     */
    private static final class Slot {
        final WeakReference<Thread> thread;
        volatile Wait current;

        Slot(Thread thread) {
            this.thread = new WeakReference<>(thread);
        }

        void set(Wait w) {
            CURRENT.setRelease(this, w);
        }
    }

    private static final VarHandle CURRENT = currentHandle();

    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Slot> own = ThreadLocal.withInitial(this::newSlot);
    private final Map<Thread, Wait> parked = new ConcurrentHashMap<>();

    private Slot newSlot() {
        Slot s = new Slot(Thread.currentThread());
        slots.add(s);
        return s;
    }

    /**
     * A platform thread enters an operation that may block ({@code packed} as the bridge packs it).
     * Returns the token for {@link #waited}, or null: for a virtual thread (the poller records it if
     * it parks), and inside an operation already recorded (the outer one is the wait).
     */
    public Object waiting(long packed) {
        Thread t = Thread.currentThread();
        if (VirtualThreads.isVirtual(t)) {
            return null;
        }
        Slot s = own.get();
        if (CURRENT.getOpaque(s) != null) {
            return null;
        }
        s.set(new Wait(t, packed, System.nanoTime()));
        return s;
    }

    /** A virtual thread parks until its socket is ready. Returns the token for {@link #waited}. */
    public Object parking(long packed) {
        Thread t = Thread.currentThread();
        parked.put(t, new Wait(t, packed, System.nanoTime()));
        return t;
    }

    public void waited(Object token) {
        if (token instanceof Slot s) {
            s.set(null);
        } else if (token instanceof Thread t) {
            parked.remove(t);
        }
    }

    /**
     * The operations in progress now, each with how long it has lasted (no inode yet: the caller
     * reads it from /proc). Forgets the slots of threads that have ended.
     */
    public List<ThreadWait> now() {
        long now = System.nanoTime();
        List<ThreadWait> out = new ArrayList<>();
        slots.removeIf(s -> {
            Thread t = s.thread.get();
            return t == null || !t.isAlive();
        });
        for (Slot s : slots) {
            Wait w = s.current;
            if (w != null) {
                out.add(describe(w, now));
            }
        }
        for (Wait w : parked.values()) {
            out.add(describe(w, now));
        }
        return out;
    }

    private static ThreadWait describe(Wait w, long nowNanos) {
        int fd = (int) (w.packed & 0x7fff_ffffL);
        int op = (int) (w.packed >>> 31 & 3);
        long timeout = w.packed >>> 33;
        Thread t = w.thread;
        return new ThreadWait(0, t.getName(), OPS[op], fd, 0, timeout == 0 ? -1 : timeout, -1,
                Math.max(0, (nowNanos - w.startNanos) / 1_000_000),
                new ThreadWait.JavaThread(t.getId(), VirtualThreads.isVirtual(t), t.getState().name()));
    }

    private static VarHandle currentHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(Slot.class, "current", Wait.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The operation names, in the bridge's numbering (READ, WRITE, ACCEPT, CONNECT). */
    static List<String> operations() {
        return List.of(OPS);
    }
}
