package io.jattachstat.snapshot;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.Digits;
import io.jattachstat.proc.FdTableReader;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The JVM's own sockets asked of the kernel one fd at a time, as the JVM may ask about its own
 * descriptors: the socket's family, type and protocol, its addresses ({@code getsockname},
 * {@code getpeername}), a TCP socket's state and a listener's queue ({@code TCP_INFO}), the bytes
 * queued each way ({@code SIOCINQ}, {@code SIOCOUTQ}; a datagram socket's memory in use,
 * {@code SO_MEMINFO}, which is what /proc prints for it), a unix socket's path. Its cost follows the
 * JVM's sockets, not the host's: {@code /proc/self/net/tcp} lists every socket of the network
 * namespace, and at 200k host sockets reading it is what the agent's idle time went to.
 *
 * <p>What it cannot give: the kernel's row order (the netstat views keep reading /proc for that),
 * TCP timers and retransmits, a unix socket's reference count, and the connections no fd holds any
 * more (TIME_WAIT, FIN_WAIT2, a listener's embryos). A socket that changes while it is read may be
 * skipped (its fd closed) or read half before and half after, like a /proc line read mid-change.
 */
public final class FdSocketReader {
    private static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_ACCEPTCONN = 30, SO_PROTOCOL = 38, SO_DOMAIN = 39,
            SO_MEMINFO = 55;
    private static final int SK_MEMINFO_RMEM_ALLOC = 0, SK_MEMINFO_WMEM_ALLOC = 2;
    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    private static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;
    private static final int IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_UDPLITE = 136;
    private static final int TCP_INFO = 11, TCPI_UNACKED = 24, TCP_INFO_LENGTH = 104;
    private static final long SIOCINQ = 0x541B, SIOCOUTQ = 0x5411;
    /** /proc's state of a socket with no connection: TCP_CLOSE; a connected datagram socket is "established". */
    private static final int CLOSE = 7, ESTABLISHED = 1;
    private static final int UNIX_UNCONNECTED = 1, UNIX_CONNECTED = 3;

    private final NativeLibc libc;
    private final Path self;

    public FdSocketReader(NativeLibc libc, Path procRoot) {
        this.libc = libc;
        this.self = procRoot.resolve("self");
    }

    /** Whether the kernel can be asked per fd here (JNA loaded and allowed). */
    public boolean available() {
        return libc.get() != null;
    }

    /**
     * The JVM's sockets now, in fd order; null when JNA is not available.
     *
     * @throws IOException if the JVM's fd directory cannot be listed
     */
    public SocketTable read() throws IOException {
        NativeLibc.CLibrary c = libc.get();
        if (c == null) {
            return null;
        }
        SocketTable.Builder table = SocketTable.builder((int) ProcessHandle.current().pid());
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(self.resolve("fd"))) {
            for (Path entry : fds) {
                String name = entry.getFileName().toString();
                if (Digits.isDigits(name, 9)) {
                    int fd = Integer.parseInt(name);
                    long inode = FdTableReader.socketInode(self, fd);
                    if (inode > 0) {
                        add(c, table, fd, inode);
                    }
                }
            }
        }
        return table.build();
    }

    private void add(NativeLibc.CLibrary c, SocketTable.Builder table, int fd, long inode) {
        int domain = intOption(c, fd, SOL_SOCKET, SO_DOMAIN);
        if (domain == AF_UNIX) {
            UnixSocket u = unix(c, fd, inode);
            if (u != null) {
                table.add(u);
            }
        } else if (domain == AF_INET || domain == AF_INET6) {
            InetSocket s = inet(c, fd, inode, domain == AF_INET6);
            if (s != null) {
                table.add(s);
            }
        }
        // -1: the fd was closed (or reused by something else) since it was listed
    }

    private InetSocket inet(NativeLibc.CLibrary c, int fd, long inode, boolean v6) {
        int type = intOption(c, fd, SOL_SOCKET, SO_TYPE);
        int protocol = intOption(c, fd, SOL_SOCKET, SO_PROTOCOL);
        Protocol p = protocolOf(type, protocol, v6);
        InetEndpoint local = endpoint(c, fd, v6, false);
        if (p == null || local == null) {
            return null;
        }
        InetEndpoint remote = endpoint(c, fd, v6, true);
        if (remote == null) {
            remote = new InetEndpoint(new byte[v6 ? 16 : 4], 0);
        }
        int state;
        long receiveQueue;
        long sendQueue;
        if (p.isTcp()) {
            ByteBuffer info = tcpInfo(c, fd);
            if (info == null) {
                return null;
            }
            state = info.get(0) & 0xff;
            if (state == TcpState.LISTEN.kernel()) {
                // As /proc prints a listener: the accept queue, and nothing sent (ss would print the
                // maximum backlog there; ListenerBacklog reads it from the same TCP_INFO).
                receiveQueue = info.getInt(TCPI_UNACKED) & 0xffffffffL;
                sendQueue = 0;
            } else {
                receiveQueue = queue(c, fd, SIOCINQ);
                sendQueue = queue(c, fd, SIOCOUTQ);
            }
        } else {
            // /proc prints a datagram socket's memory in use, not its bytes: SO_MEMINFO gives the same.
            state = remote.port() != 0 || !remote.isUnspecified() ? ESTABLISHED : CLOSE;
            int[] memory = memInfo(c, fd);
            receiveQueue = memory == null ? -1 : memory[SK_MEMINFO_RMEM_ALLOC] & 0xffffffffL;
            sendQueue = memory == null ? -1 : memory[SK_MEMINFO_WMEM_ALLOC] & 0xffffffffL;
        }
        return new InetSocket(p, local, remote, state, Math.max(sendQueue, 0), Math.max(receiveQueue, 0), 0, 0, 0,
                -1, 0, inode, fd);
    }

    private static Protocol protocolOf(int type, int protocol, boolean v6) {
        if (type == SOCK_STREAM && protocol == IPPROTO_TCP) {
            return v6 ? Protocol.TCP6 : Protocol.TCP;
        }
        if (type == SOCK_DGRAM && protocol == IPPROTO_UDP) {
            return v6 ? Protocol.UDP6 : Protocol.UDP;
        }
        if (type == SOCK_DGRAM && protocol == IPPROTO_UDPLITE) {
            return v6 ? Protocol.UDPLITE6 : Protocol.UDPLITE;
        }
        return type < 0 ? null : v6 ? Protocol.RAW6 : Protocol.RAW;
    }

    private UnixSocket unix(NativeLibc.CLibrary c, int fd, long inode) {
        int type = intOption(c, fd, SOL_SOCKET, SO_TYPE);
        if (type < 0) {
            return null;
        }
        boolean listening = intOption(c, fd, SOL_SOCKET, SO_ACCEPTCONN) == 1;
        byte[] peer = new byte[110];
        IntByReference peerLength = new IntByReference(peer.length);
        boolean connected = c.getpeername(fd, peer, peerLength) == 0;
        return new UnixSocket(0, 0, listening ? UnixSocket.SO_ACCEPTCON : 0, type,
                connected ? UNIX_CONNECTED : UNIX_UNCONNECTED, inode, unixPath(c, fd), fd);
    }

    /**
     * The bound path as /proc/net/unix prints it: a filesystem path as it is, an abstract name with
     * '@' for its leading NUL (and its other NULs), "" if unbound.
     */
    private static String unixPath(NativeLibc.CLibrary c, int fd) {
        byte[] address = new byte[110];
        IntByReference length = new IntByReference(address.length);
        if (c.getsockname(fd, address, length) != 0 || length.getValue() <= 2) {
            return "";
        }
        byte[] path = Arrays.copyOfRange(address, 2, Math.min(length.getValue(), address.length));
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

    /** A sockaddr_in or sockaddr_in6 from getsockname/getpeername, or null (not connected, or gone). */
    private static InetEndpoint endpoint(NativeLibc.CLibrary c, int fd, boolean v6, boolean peer) {
        byte[] address = new byte[28];
        IntByReference length = new IntByReference(address.length);
        int rc = peer ? c.getpeername(fd, address, length) : c.getsockname(fd, address, length);
        if (rc != 0) {
            return null;
        }
        int port = (address[2] & 0xff) << 8 | address[3] & 0xff;
        return v6 ? new InetEndpoint(Arrays.copyOfRange(address, 8, 24), port)
                : new InetEndpoint(Arrays.copyOfRange(address, 4, 8), port);
    }

    private static ByteBuffer tcpInfo(NativeLibc.CLibrary c, int fd) {
        byte[] info = new byte[TCP_INFO_LENGTH];
        IntByReference length = new IntByReference(info.length);
        if (c.getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, length) != 0 || length.getValue() < TCPI_UNACKED + 4) {
            return null;
        }
        return ByteBuffer.wrap(info).order(ByteOrder.nativeOrder());
    }

    /** SO_MEMINFO: the socket's memory counters (sk_rmem_alloc, sk_rcvbuf, sk_wmem_alloc, ...). */
    private static int[] memInfo(NativeLibc.CLibrary c, int fd) {
        byte[] value = new byte[4 * 16];
        IntByReference length = new IntByReference(value.length);
        if (c.getsockopt(fd, SOL_SOCKET, SO_MEMINFO, value, length) != 0 || length.getValue() < 4 * 3) {
            return null;
        }
        int[] out = new int[length.getValue() / 4];
        ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).asIntBuffer().get(out);
        return out;
    }

    private static int intOption(NativeLibc.CLibrary c, int fd, int level, int name) {
        byte[] value = new byte[4];
        IntByReference length = new IntByReference(4);
        if (c.getsockopt(fd, level, name, value, length) != 0) {
            return -1;
        }
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
    }

    private static long queue(NativeLibc.CLibrary c, int fd, long request) {
        byte[] value = new byte[4];
        if (c.ioctl(fd, new NativeLong(request), value) != 0) {
            return -1;
        }
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt() & 0xffffffffL;
    }
}
