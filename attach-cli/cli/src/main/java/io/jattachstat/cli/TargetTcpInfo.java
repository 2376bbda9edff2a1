package io.jattachstat.cli;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --no-attach --tcp-info}: TCP_INFO is only given to a process holding the socket, so the CLI
 * takes a copy of each of the target's TCP descriptors ({@code pidfd_getfd}, Linux 5.6+; the kernel
 * allows it to root, or to whoever may ptrace the target) and asks of the copy. The copies are
 * closed at once and nothing is written through them: the target's connections are untouched.
 * Without that right, the table comes back with one sentence saying why.
 */
final class TargetTcpInfo {
    /** The same numbers on every architecture (the unified syscall table, Linux 5.3+). */
    private static final long PIDFD_OPEN = 434, PIDFD_GETFD = 438;
    private static final int EPERM = 1, ESRCH = 3, EBADF = 9, ENOSYS = 38;
    private static final String WITHOUT_NO_ATTACH = "; without --no-attach the agent reads them";

    /** The C functions, bound directly (static natives), once. */
    static final class Libc {
        static native long syscall(long number, long a, long b, long c);

        static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

        static native int close(int fd);
    }

    private static String unavailable;
    private static boolean loaded;

    private TargetTcpInfo() {
    }

    /** {@code table} (of process {@code pid}) with its TCP sockets' TCP_INFO, or with the reason there is none. */
    static SocketTable of(int pid, SocketTable table) {
        String why = load();
        if (why != null) {
            return table.withTcpInfo(Map.of(), why);
        }
        long pidfd = Libc.syscall(PIDFD_OPEN, pid, 0, 0);
        if (pidfd < 0) {
            return table.withTcpInfo(Map.of(), "pidfd_open(" + pid + ") failed: " + errno(Native.getLastError()));
        }
        Memory memory = new Memory(8 + TcpInfo.REQUEST_BYTES);
        Map<Long, TcpInfo> byInode = new HashMap<>();
        try {
            for (Protocol p : new Protocol[] {Protocol.TCP, Protocol.TCP6}) {
                for (InetSocket s : table.inet(p)) {
                    if (s.fd() < 0) {
                        continue;
                    }
                    long copy = Libc.syscall(PIDFD_GETFD, pidfd, s.fd(), 0);
                    if (copy < 0) {
                        int error = Native.getLastError();
                        if (error == EBADF) {
                            continue; // closed since the table was read
                        }
                        return table.withTcpInfo(Map.of(), "cannot take the sockets of " + pid
                                + " (pidfd_getfd: " + errno(error) + ")" + (error == EPERM
                                ? ": that needs root, or the right to ptrace it (kernel.yama.ptrace_scope)" : "")
                                + WITHOUT_NO_ATTACH);
                    }
                    try {
                        TcpInfo info = sameSocket((int) copy, s.inode()) ? ask((int) copy, memory) : null;
                        if (info != null) {
                            byInode.put(s.inode(), info);
                        }
                    } finally {
                        Libc.close((int) copy);
                    }
                }
            }
        } finally {
            Libc.close((int) pidfd);
        }
        return table.withTcpInfo(byInode, null);
    }

    /** The fd number may have been reused since the table was read: the copy must be the row's socket. */
    private static boolean sameSocket(int fd, long inode) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().equals("socket:[" + inode + "]");
        } catch (IOException e) {
            return false;
        }
    }

    private static TcpInfo ask(int fd, Memory memory) {
        Pointer length = memory;
        Pointer value = memory.share(8);
        ByteBuffer result = memory.getByteBuffer(8, TcpInfo.REQUEST_BYTES).order(ByteOrder.nativeOrder());
        byte[] congestion = null;
        length.setInt(0, TcpInfo.CONGESTION_BYTES);
        if (Libc.getsockopt(fd, TcpInfo.IPPROTO_TCP, TcpInfo.TCP_CONGESTION, value, length) == 0) {
            congestion = new byte[TcpInfo.CONGESTION_BYTES];
            result.get(0, congestion);
        }
        length.setInt(0, TcpInfo.REQUEST_BYTES);
        if (Libc.getsockopt(fd, TcpInfo.IPPROTO_TCP, TcpInfo.TCP_INFO, value, length) != 0) {
            return null;
        }
        return TcpInfo.parse(result, length.getInt(0), congestion);
    }

    /**
     * Loads JNA, once; null if loaded, else why not. Its native part is unpacked into a directory
     * of this process's own (mode 0700, removed at exit): the CLI runs as root, and a library in a
     * directory another user can write to is one that user could swap before it is loaded.
     */
    private static synchronized String load() {
        if (!loaded) {
            loaded = true;
            try {
                if (System.getProperty("jna.tmpdir") == null) {
                    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
                    Path dir = tmp.resolve(PrivateDirs.create(tmp, "jattachstat-jna-"));
                    dir.toFile().deleteOnExit(); // after the library JNA unpacks there (exit hooks run in reverse)
                    System.setProperty("jna.tmpdir", dir.toString());
                }
                System.setProperty("jna.nosys", "true"); // only the library that came in this jar
                Native.register(Libc.class, NativeLibrary.getInstance("c"));
            } catch (Throwable t) {
                unavailable = "cannot load JNA to ask the kernel: " + t;
            }
        }
        return unavailable;
    }

    private static String errno(int error) {
        return switch (error) {
            case EPERM -> "operation not permitted";
            case ESRCH -> "no such process";
            case ENOSYS -> "not in this kernel (Linux 5.6 or later has it)";
            default -> "errno " + error;
        };
    }
}
