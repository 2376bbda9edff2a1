package sun.nio.ch;

import java.io.FileDescriptor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import java.util.function.ObjIntConsumer;

/**
 * The one class of jattachstat inside java.base. Advice copied into the JDK's socket classes can
 * call only what java.base sees, so the agent defines this class into {@code sun.nio.ch} at run
 * time (through a private Lookup; never through the boot class path, which makes JDK 25 warn) and
 * then sets its fields to its own recorder. Until then, and if the agent fails, every call is a
 * null check.
 *
 * <p>Fields hold JDK functional types so that the agent's code, in its own class loader, needs no
 * type from this package.
 */
public final class JattachstatBridge {
    /** (socket object: a channel, a SocketImpl or a Netty socket; fd) when a socket is created. */
    public static volatile ObjIntConsumer<Object> opened;
    /** (listener object, accepted socket object) when a connection is accepted. */
    public static volatile BiConsumer<Object, Object> accepted;
    /** (socket object) when the application closes a Socket or SocketChannel: its addresses are still set. */
    public static volatile Consumer<Object> closingSocket;
    /** (fd) just before a socket's file descriptor is closed. */
    public static volatile IntConsumer closing;
    /**
     * (the wait, {@link #pack packed}) when a thread enters an operation that may block on a socket;
     * returns the token to hand to {@link #waited}, or null when nothing was recorded.
     */
    public static volatile LongFunction<Object> waiting;
    /** The same, from the JDK's poller, where a virtual thread parks until its socket is ready. */
    public static volatile LongFunction<Object> parking;
    /** (token) when that operation returns or throws. */
    public static volatile Consumer<Object> waited;

    /** What a thread waits for; a parked virtual thread's "read" may be an accept, its "write" a connect. */
    public static final int READ = 0, WRITE = 1, ACCEPT = 2, CONNECT = 3;

    private JattachstatBridge() {
    }

    public static void opened(Object socket, FileDescriptor fd) {
        ObjIntConsumer<Object> sink = opened;
        if (sink != null && fd != null) {
            sink.accept(socket, IOUtil.fdVal(fd));
        }
    }

    public static void opened(Object socket, int fd) {
        ObjIntConsumer<Object> sink = opened;
        if (sink != null && fd >= 0) {
            sink.accept(socket, fd);
        }
    }

    /** A socket whose fd the advice could not read: the agent reads it from the object (-1). */
    public static void opened(Object socket) {
        ObjIntConsumer<Object> sink = opened;
        if (sink != null) {
            sink.accept(socket, -1);
        }
    }

    public static void accepted(Object listener, Object socket) {
        BiConsumer<Object, Object> sink = accepted;
        if (sink != null && socket != null) {
            sink.accept(listener, socket);
        }
    }

    public static void closingSocket(Object socket) {
        Consumer<Object> sink = closingSocket;
        if (sink != null) {
            sink.accept(socket);
        }
    }

    public static void closing(FileDescriptor fd) {
        IntConsumer sink = closing;
        if (sink != null && fd != null) {
            sink.accept(IOUtil.fdVal(fd));
        }
    }

    /** A blocking operation starts; {@code timeoutMillis} 0 means none. */
    public static Object waiting(FileDescriptor fd, int op, int timeoutMillis) {
        LongFunction<Object> sink = waiting;
        return sink == null || fd == null ? null : sink.apply(pack(IOUtil.fdVal(fd), op, timeoutMillis));
    }

    /** The same with the timeout in nanoseconds (the socket adaptor's timed paths); 0 means none. */
    public static Object waitingNanos(FileDescriptor fd, int op, long timeoutNanos) {
        LongFunction<Object> sink = waiting;
        return sink == null || fd == null ? null : sink.apply(pack(IOUtil.fdVal(fd), op, millis(timeoutNanos)));
    }

    /** A virtual thread parks in the poller until {@code fd} is ready for {@code event}. */
    public static Object parking(int fd, int event, long timeoutNanos) {
        LongFunction<Object> sink = parking;
        return sink == null ? null : sink.apply(pack(fd, event == Net.POLLIN ? READ : WRITE, millis(timeoutNanos)));
    }

    public static void waited(Object token) {
        Consumer<Object> sink = waited;
        if (sink != null && token != null) {
            sink.accept(token);
        }
    }

    /**
     * One long, so that the JDK's own functional types carry it: bits 0-30 the fd, 31-32 the
     * operation, 33-63 the timeout in milliseconds (0: none).
     */
    public static long pack(int fd, int op, long timeoutMillis) {
        long timeout = Math.max(0, Math.min(timeoutMillis, Integer.MAX_VALUE));
        return timeout << 33 | (long) (op & 3) << 31 | (fd & 0x7fff_ffffL);
    }

    /** Rounded up, as the JDK rounds a park's nanoseconds: a wait of 1 ns has a timeout. */
    private static long millis(long nanos) {
        return nanos <= 0 ? 0 : nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
    }

    public static void closing(int fd) {
        IntConsumer sink = closing;
        if (sink != null && fd >= 0) {
            sink.accept(fd);
        }
    }
}
