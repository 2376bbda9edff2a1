package sun.nio.ch;

import java.io.FileDescriptor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
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

    public static void closing(int fd) {
        IntConsumer sink = closing;
        if (sink != null && fd >= 0) {
            sink.accept(fd);
        }
    }
}
