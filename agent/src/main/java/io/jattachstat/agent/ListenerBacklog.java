package io.jattachstat.agent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A TCP listener's maximum backlog, which {@code /proc} does not carry. For a socket in LISTEN state
 * the kernel's {@code getsockopt(TCP_INFO)} reports the accept-queue length in {@code tcpi_unacked}
 * and the maximum backlog in {@code tcpi_sacked}; the agent, inside the process, can ask on its own
 * fd. JNA is loaded only when first needed, and on JDK 24+ only if that cannot make the JVM print a
 * native-access warning (JEP 472) into the application's log, unless the {@code jna} option says so.
 */
public final class ListenerBacklog {
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_INFO = 11;
    private static final int TCP_LISTEN = 10;
    private static final int TCPI_UNACKED = 24;
    private static final int TCPI_SACKED = 28;
    private static final int TCP_INFO_LENGTH = 104;

    /** What getsockopt said: the queue now and its maximum. */
    public record Queue(int length, int max) {
    }

    /** The C library function; an interface JNA implements. */
    public interface CLibrary extends Library {
        int getsockopt(int fd, int level, int name, byte[] value, IntByReference length);
    }

    private final String mode;
    private final AgentStatus status;
    private volatile CLibrary libc;
    private volatile boolean decided;

    public ListenerBacklog(String mode, AgentStatus status) {
        this.mode = mode;
        this.status = status;
        status.capability("jna", "not needed yet");
    }

    /** The queue of the TCP listener on {@code fd}, or null when TCP_INFO cannot be had. */
    public Queue tcpInfo(int fd) {
        CLibrary c = libc();
        if (c == null || fd < 0) {
            return null;
        }
        byte[] info = new byte[TCP_INFO_LENGTH];
        IntByReference length = new IntByReference(info.length);
        if (c.getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, length) != 0 || length.getValue() < TCPI_SACKED + 4
                || (info[0] & 0xff) != TCP_LISTEN) {
            return null; // not (or no longer) a listener: the fd may have been closed and reused
        }
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.nativeOrder());
        return new Queue(b.getInt(TCPI_UNACKED), b.getInt(TCPI_SACKED));
    }

    private CLibrary libc() {
        if (!decided) {
            synchronized (this) {
                if (!decided) {
                    libc = load();
                    decided = true;
                }
            }
        }
        return libc;
    }

    private CLibrary load() {
        String refusal = refusal();
        if (refusal != null) {
            status.capability("jna", "no: " + refusal);
            return null;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            status.capability("jna", "yes (JNA " + Native.VERSION + ")");
            return c;
        } catch (Throwable t) {
            status.capability("jna", "no: " + t);
            status.error("jna", "cannot load JNA; listener backlogs will be unknown: " + t);
            return null;
        }
    }

    private String refusal() {
        if (mode.equals("false")) {
            return "agent option jna=false";
        }
        if (mode.equals("auto") && Runtime.version().feature() >= 24 && !nativeAccessEnabled()) {
            return "on JDK " + Runtime.version().feature() + " loading it would print a native-access warning"
                    + " (JEP 472); start the JVM with --enable-native-access=ALL-UNNAMED, or use agent option jna=true";
        }
        return null;
    }

    /** Module.isNativeAccessEnabled() exists from JDK 22; the agent is compiled for 17. */
    private static boolean nativeAccessEnabled() {
        try {
            Module module = ListenerBacklog.class.getModule();
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
