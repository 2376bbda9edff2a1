package io.jattachstat.hooks;

import net.bytebuddy.asm.Advice;
import sun.nio.ch.JattachstatBridge;

import java.io.FileDescriptor;
import java.nio.channels.SelectableChannel;

/**
 * The advice around the JDK's socket operations that may block: on entry the bridge records the
 * thread, the fd, the operation, its timeout and the time; {@link Waited}, on every way out, clears
 * it. Each entry piece returns the bridge's token (null when nothing was recorded), which Byte Buddy
 * hands to the exit piece. A channel in non-blocking mode (a selector's) never blocks: its entry is
 * one branch.
 */
public final class WaitAdvice {
    private WaitAdvice() {
    }

    /** The exit of every hooked operation, normal or by an exception. */
    public static final class Waited {
        private Waited() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            JattachstatBridge.waited(token);
        }
    }

    /** {@code NioSocketImpl.implRead}: a Socket's read, with its SO_TIMEOUT. */
    public static final class SocketRead {
        private SocketRead() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.FieldValue("timeout") int timeout) {
            return JattachstatBridge.waiting(fd, JattachstatBridge.READ, timeout);
        }
    }

    /** {@code NioSocketImpl.accept}: a ServerSocket's accept, with its SO_TIMEOUT. */
    public static final class SocketAccept {
        private SocketAccept() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.FieldValue("timeout") int timeout) {
            return JattachstatBridge.waiting(fd, JattachstatBridge.ACCEPT, timeout);
        }
    }

    /** {@code NioSocketImpl.implWrite}: a Socket's write (never timed). */
    public static final class SocketWrite {
        private SocketWrite() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd) {
            return JattachstatBridge.waiting(fd, JattachstatBridge.WRITE, 0);
        }
    }

    /** {@code NioSocketImpl.connect(SocketAddress, int)}: the timeout is the argument. */
    public static final class SocketConnect {
        private SocketConnect() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(1) int millis) {
            return JattachstatBridge.waiting(fd, JattachstatBridge.CONNECT, millis);
        }
    }

    /** A blocking channel's read (channels have no timeout). */
    public static final class ChannelRead {
        private ChannelRead() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This SelectableChannel self, @Advice.FieldValue("fd") FileDescriptor fd) {
            return self.isBlocking() ? JattachstatBridge.waiting(fd, JattachstatBridge.READ, 0) : null;
        }
    }

    /** A blocking channel's write, and the socket adaptor's. */
    public static final class ChannelWrite {
        private ChannelWrite() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This SelectableChannel self, @Advice.FieldValue("fd") FileDescriptor fd) {
            return self.isBlocking() ? JattachstatBridge.waiting(fd, JattachstatBridge.WRITE, 0) : null;
        }
    }

    /** A blocking channel's connect and finishConnect. */
    public static final class ChannelConnect {
        private ChannelConnect() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This SelectableChannel self, @Advice.FieldValue("fd") FileDescriptor fd) {
            return self.isBlocking() ? JattachstatBridge.waiting(fd, JattachstatBridge.CONNECT, 0) : null;
        }
    }

    /** A blocking server channel's accept. */
    public static final class ChannelAccept {
        private ChannelAccept() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This SelectableChannel self, @Advice.FieldValue("fd") FileDescriptor fd) {
            return self.isBlocking() ? JattachstatBridge.waiting(fd, JattachstatBridge.ACCEPT, 0) : null;
        }
    }

    /** The socket adaptor's timed read: {@code blockingRead(byte[], int, int, long nanos)}. */
    public static final class AdaptorRead {
        private AdaptorRead() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(3) long nanos) {
            return JattachstatBridge.waitingNanos(fd, JattachstatBridge.READ, nanos);
        }
    }

    /** The socket adaptor's timed connect: {@code blockingConnect(SocketAddress, long nanos)}. */
    public static final class AdaptorConnect {
        private AdaptorConnect() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(1) long nanos) {
            return JattachstatBridge.waitingNanos(fd, JattachstatBridge.CONNECT, nanos);
        }
    }

    /** The server socket adaptor's timed accept: {@code blockingAccept(long nanos)}. */
    public static final class AdaptorAccept {
        private AdaptorAccept() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(0) long nanos) {
            return JattachstatBridge.waitingNanos(fd, JattachstatBridge.ACCEPT, nanos);
        }
    }

    /** {@code Poller.poll(int fd, int event, long nanos, BooleanSupplier)}: a virtual thread parks. */
    public static final class Parked {
        private Parked() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) int fd, @Advice.Argument(1) int event, @Advice.Argument(2) long nanos) {
            return JattachstatBridge.parking(fd, event, nanos);
        }
    }
}
