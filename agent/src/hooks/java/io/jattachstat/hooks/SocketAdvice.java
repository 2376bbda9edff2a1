package io.jattachstat.hooks;

import net.bytebuddy.asm.Advice;
import sun.nio.ch.JattachstatBridge;

import java.io.FileDescriptor;

/**
 * The advice woven into the JDK's and Netty's socket classes. Each piece only hands the socket to
 * {@link JattachstatBridge}; all the work (stacks, records, addresses) happens in the agent's code,
 * where it can be tested and where a failure is counted. {@code suppress = Throwable.class}: nothing
 * a hook throws ever reaches the application.
 *
 * <p>Compiled apart from the agent (see the agent's pom): it names {@code sun.nio.ch} classes, and
 * Byte Buddy reads it as bytes without loading it.
 */
public final class SocketAdvice {
    private SocketAdvice() {
    }

    /** Exit of a constructor or method that sets the instance's {@code fd} field to a new socket. */
    public static final class OpenedField {
        private OpenedField() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd) {
            JattachstatBridge.opened(self, fd);
        }
    }

    /**
     * Exit of a constructor of a socket whose {@code fd} field the advice cannot see (a subclass of
     * the channel that declares it private): the agent reads the fd from the object.
     */
    public static final class OpenedObject {
        private OpenedObject() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            JattachstatBridge.opened(self);
        }
    }

    /** Exit of {@code NioSocketImpl.accept(SocketImpl)}: the argument is the accepted socket. */
    public static final class AcceptedArgument {
        private AcceptedArgument() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Argument(0) Object accepted) {
            JattachstatBridge.accepted(self, accepted); // exit advice runs on normal returns only
        }
    }

    /** Exit of {@code ServerSocketChannelImpl.finishAccept}: the returned channel is the accepted socket. */
    public static final class AcceptedReturn {
        private AcceptedReturn() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Return Object accepted) {
            JattachstatBridge.accepted(self, accepted);
        }
    }

    /**
     * Entry of {@code NioSocketImpl.close()} and {@code SocketChannelImpl.implCloseSelectableChannel()}:
     * the socket's addresses are still in its fields (reading them later would cost syscalls).
     */
    public static final class ClosingObject {
        private ClosingObject() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            JattachstatBridge.closingSocket(self);
        }
    }

    /** Entry of a dispatcher's {@code close(FileDescriptor)}: the fd is still open. */
    public static final class Closing {
        private Closing() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) FileDescriptor fd) {
            JattachstatBridge.closing(fd);
        }
    }

    /** Exit of a Netty unix {@code Socket} constructor: {@code FileDescriptor.fd} holds the new fd. */
    public static final class NettyOpened {
        private NettyOpened() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Argument(0) int fd) {
            JattachstatBridge.opened(self, fd);
        }
    }

    /** Exit of Netty's {@code Socket.accept(byte[])}: a non-negative result is the accepted fd. */
    public static final class NettyAccepted {
        private NettyAccepted() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Return int fd) {
            if (fd >= 0) {
                JattachstatBridge.accepted(self, Integer.valueOf(fd));
            }
        }
    }

    /**
     * Entry of Netty's {@code FileDescriptor.close()}: the fd is still open. Netty calls close() more
     * than once per socket; bit 0 of {@code state} says it is already closed, when the fd number may
     * already belong to a newer socket.
     */
    public static final class NettyClosing {
        private NettyClosing() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("fd") int fd, @Advice.FieldValue("state") int state) {
            if ((state & 1) == 0) {
                JattachstatBridge.closing(fd);
            }
        }
    }
}
