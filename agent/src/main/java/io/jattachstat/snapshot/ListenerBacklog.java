package io.jattachstat.snapshot;

import io.jattachstat.model.TcpState;
import com.sun.jna.ptr.IntByReference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
    private static final int TCPI_UNACKED = 24;
    private static final int TCPI_SACKED = 28;
    private static final int TCP_INFO_LENGTH = 104;

    /** A listener's queue now, its maximum (-1 if unknown), and where the maximum came from. */
    public record Queue(int length, int max, String source) {
    }

    private final Path somaxconnFile;
    private volatile boolean hooksInstalled;
    private final NativeLibc libc;

    public ListenerBacklog(NativeLibc libc, Path procRoot) {
        this.libc = libc;
        this.somaxconnFile = procRoot.resolve("sys/net/core/somaxconn");
    }

    /**
     * A TCP listener's queue: from TCP_INFO on its fd if possible; else {@code /proc}'s Recv-Q with the
     * backlog recorded when it started listening (capped, as the kernel caps it, by somaxconn).
     */
    public Queue tcp(int fd, int port, long receiveQueue) {
        Queue fromKernel = tcpInfo(fd);
        if (fromKernel != null) {
            return fromKernel;
        }
        return recorded((int) receiveQueue, hooksInstalled ? RecordedBacklogs.tcp(port) : -1);
    }

    /** A unix stream listener's queue: /proc's pending connections, and the recorded backlog. */
    public Queue unix(String path, int pending) {
        return recorded(pending, hooksInstalled ? RecordedBacklogs.unix(path) : -1);
    }

    private Queue recorded(int length, int requested) {
        return requested < 0 ? new Queue(length, -1, "unknown")
                : new Queue(length, Math.min(requested, somaxconn()), "bind");
    }

    /**
     * The kernel caps every backlog at net.core.somaxconn (of this network namespace). Read in one
     * call: a /proc/sys integer file answers a read at a non-zero offset with end-of-file, and
     * Files.readString, seeing size 0, would read one byte first ("4" of "4096").
     */
    private int somaxconn() {
        try (InputStream in = Files.newInputStream(somaxconnFile)) {
            byte[] buf = new byte[32];
            int n = in.read(buf);
            return Integer.parseInt(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The hooks that record backlogs at listen time are in place. */
    public void hooksInstalled() {
        hooksInstalled = true;
    }

    private Queue tcpInfo(int fd) {
        NativeLibc.CLibrary c = libc.get();
        if (c == null || fd < 0) {
            return null;
        }
        byte[] info = new byte[TCP_INFO_LENGTH];
        IntByReference length = new IntByReference(info.length);
        if (c.getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, length) != 0 || length.getValue() < TCPI_SACKED + 4
                || (info[0] & 0xff) != TcpState.LISTEN.kernel()) {
            return null; // not (or no longer) a listener: the fd may have been closed and reused
        }
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.nativeOrder());
        return new Queue(b.getInt(TCPI_UNACKED), b.getInt(TCPI_SACKED), "TCP_INFO");
    }
}
