package io.jattachstat.snapshot;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.TcpInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The per-fd system calls over one block of native memory, read back through a direct ByteBuffer:
 * each call's result is in {@link #result()} until the next call. Not thread-safe: one per reader,
 * used under its lock.
 */
final class SocketCalls {
    private static final int RESULT_SIZE = 512;
    /**
     * fstat's system call number and where struct stat keeps st_mode, by CPU (st_ino is at 8 on
     * both); -1 elsewhere, where the caller reads the fd's link instead.
     */
    static final long FSTAT = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 5;
        case "aarch64" -> 80;
        default -> -1;
    };
    private static final int STAT_MODE = System.getProperty("os.arch").equals("aarch64") ? 16 : 24;
    private static final int STAT_INO = 8, S_IFMT = 0xF000, S_IFSOCK = 0xC000;
    private static final int SOL_SOCKET = 1, SO_PEERNAME = 28;

    private final Memory memory = new Memory(8 + RESULT_SIZE);
    private final Pointer length = memory;
    private final Pointer buffer = memory.share(8);
    private final ByteBuffer lengthView = memory.getByteBuffer(0, 4).order(ByteOrder.nativeOrder());
    private final ByteBuffer result = memory.getByteBuffer(8, RESULT_SIZE).order(ByteOrder.nativeOrder());

    /** What the last call wrote (absolute reads only). */
    ByteBuffer result() {
        return result;
    }

    /** getsockname: the address's length, or -1 (gone). */
    int address(int fd) {
        lengthView.putInt(0, RESULT_SIZE);
        return DirectLibc.getsockname(fd, buffer, length) == 0 ? Math.min(lengthView.getInt(0), RESULT_SIZE) : -1;
    }

    /**
     * The peer's address, its first {@code size} bytes (the kernel refuses to write fewer than it
     * has: ask for exactly a sockaddr_in's 16 or a sockaddr_in6's 28, or just the family's 2): true
     * if there is one. Asked with {@code getsockopt(SO_PEERNAME)}, which, unlike getpeername, also
     * answers for a TCP socket still connecting (SYN_SENT), whose destination /proc prints too.
     */
    boolean peer(int fd, int size) {
        return option(fd, SOL_SOCKET, SO_PEERNAME, size) >= size; // the kernel answers the whole length
    }

    /** getsockopt of at most {@code size} bytes: the length written, or -1. */
    int option(int fd, int level, int name, int size) {
        lengthView.putInt(0, Math.min(size, RESULT_SIZE));
        return DirectLibc.getsockopt(fd, level, name, buffer, length) == 0 ? lengthView.getInt(0) : -1;
    }

    /** An int-valued getsockopt, or -1. */
    int intOption(int fd, int level, int name) {
        return option(fd, level, name, 4) == 4 ? result.getInt(0) : -1;
    }

    /** An ioctl that writes an int (SIOCINQ, SIOCOUTQ), as unsigned, or -1. */
    long intIoctl(int fd, long request) {
        return DirectLibc.ioctl(fd, request, buffer) == 0 ? result.getInt(0) & 0xffffffffL : -1;
    }

    /** The TCP_INFO of the TCP socket on {@code fd} (and its congestion control), or null if it is none. */
    TcpInfo tcpInfo(int fd) {
        byte[] congestion = null;
        if (option(fd, TcpInfo.IPPROTO_TCP, TcpInfo.TCP_CONGESTION, TcpInfo.CONGESTION_BYTES) > 0) {
            congestion = new byte[TcpInfo.CONGESTION_BYTES];
            result.get(0, congestion);
        }
        int length = option(fd, TcpInfo.IPPROTO_TCP, TcpInfo.TCP_INFO, TcpInfo.REQUEST_BYTES);
        return length > 0 ? TcpInfo.parse(result, length, congestion) : null;
    }

    /** The socket inode on {@code fd} by fstat, or 0 if it is no socket (or gone); only where FSTAT is known. */
    long socketInode(int fd) {
        if (DirectLibc.syscall(FSTAT, fd, buffer) != 0) {
            return 0;
        }
        return (result.getInt(STAT_MODE) & S_IFMT) == S_IFSOCK ? result.getLong(STAT_INO) : 0;
    }

    /**
     * The sockaddr_un just read, as /proc/net/unix prints its path: a filesystem path as it is, an
     * abstract name with '@' for its leading NUL (and its other NULs), "" if unbound.
     */
    String unixPath(int length) {
        if (length <= 2) {
            return "";
        }
        byte[] path = new byte[length - 2];
        result.get(2, path);
        if (path[0] != 0) {
            int end = 0;
            while (end < path.length && path[end] != 0) {
                end++;
            }
            return new String(path, 0, end, StandardCharsets.ISO_8859_1);
        }
        for (int i = 0; i < path.length; i++) {
            if (path[i] == 0) {
                path[i] = '@';
            }
        }
        return new String(path, StandardCharsets.ISO_8859_1);
    }

    /** The sockaddr_in or sockaddr_in6 just read: the port in network order, then the address. */
    InetEndpoint inetAddress(boolean v6) {
        byte[] address = new byte[v6 ? 16 : 4];
        result.get(v6 ? 8 : 4, address);
        int port = (result.get(2) & 0xff) << 8 | result.get(3) & 0xff;
        return new InetEndpoint(address, port);
    }
}
