package io.jattachstat.snapshot;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;

/**
 * The C library through JNA, loaded once, on first need, if the agent option {@code jna} allows:
 * with {@code auto}, not on JDK 24+ unless native access is enabled, since loading it there makes
 * the JVM print a warning into the application's log (JEP 472). Null when it may not or cannot be
 * loaded; the "jna" capability says which.
 */
public final class NativeLibc {
    /** The functions the agent calls; an interface JNA implements. */
    public interface CLibrary extends Library {
        int getsockopt(int fd, int level, int name, byte[] value, IntByReference length);

        int socket(int domain, int type, int protocol);

        int ioctl(int fd, NativeLong request, byte[] argument);

        int close(int fd);
    }

    private final String mode;
    private final AgentStatus status;
    private volatile CLibrary libc;
    private volatile boolean direct;
    private volatile boolean decided;
    private volatile String unavailable = "";

    public NativeLibc(String mode, AgentStatus status) {
        this.mode = mode;
        this.status = status;
        status.capability("jna", "not needed yet");
    }

    public CLibrary get() {
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

    /** Whether {@link DirectLibc}'s functions are bound (JNA loaded, and its direct mapping worked). */
    boolean direct() {
        return get() != null && direct;
    }

    /** Why the per-fd calls cannot be made here ("" if they can, or if not tried yet). */
    public String unavailable() {
        return direct() ? "" : unavailable;
    }

    private CLibrary load() {
        String refusal = refusal();
        if (refusal != null) {
            status.capability("jna", "no: " + refusal);
            unavailable = "JNA not loaded: " + refusal;
            return null;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            try {
                Native.register(DirectLibc.class, NativeLibrary.getInstance("c"));
                direct = true;
            } catch (Throwable t) {
                status.error("jna", "cannot bind the per-fd calls directly; the JVM's sockets are read from /proc: " + t);
                unavailable = "cannot bind the per-fd calls: " + t;
            }
            status.capability("jna", "yes (JNA " + Native.VERSION + ")");
            return c;
        } catch (Throwable t) {
            status.capability("jna", "no: " + t);
            unavailable = "cannot load JNA: " + t;
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
            Module module = NativeLibc.class.getModule();
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
