package io.jattachstat.snapshot;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpInfo;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.Digits;
import io.jattachstat.proc.FdTableReader;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.ProgramNameReader;
import io.jattachstat.proc.SocketTableReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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
    private static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_ACCEPTCONN = 30, SO_PROTOCOL = 38, SO_MEMINFO = 55;
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
    private final SocketTableReader unixTable;
    private String programName;
    /** Made on the first read: making it loads JNA's native part. */
    private SocketCalls calls;

    public FdSocketReader(NativeLibc libc, Path procRoot) {
        this.libc = libc;
        this.self = procRoot.resolve("self");
        this.unixTable = new SocketTableReader(procRoot);
    }

    /** Whether the kernel can be asked per fd here (JNA loaded and allowed). */
    public boolean available() {
        return libc.direct();
    }

    /**
     * The JVM's sockets now, in inode order; null when JNA is not available.
     *
     * @throws IOException if the JVM's fd directory cannot be listed
     */
    public synchronized SocketTable read() throws IOException {
        if (!libc.direct()) {
            return null;
        }
        calls();
        if (programName == null) {
            programName = ProgramNameReader.read(self); // as -p prints it; the JVM's argv[0] does not change
        }
        SocketTable.Builder table = SocketTable.builder((int) ProcessHandle.current().pid()).programName(programName);
        int open = 0;
        // A socket on two fds (dup; System.inheritedChannel() dups stdin) is one row, on the higher
        // fd, as /proc's reader has it.
        Map<Long, Integer> fdByInode = new TreeMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(self.resolve("fd"))) {
            for (Path entry : fds) {
                String name = entry.getFileName().toString();
                if (Digits.isDigits(name, 9)) {
                    open++;
                    int fd = Integer.parseInt(name);
                    long inode = SocketCalls.FSTAT < 0 ? FdTableReader.socketInode(self, fd) : calls.socketInode(fd);
                    if (inode > 0) {
                        fdByInode.merge(inode, fd, Math::max);
                    }
                }
            }
        }
        boolean unixListener = false;
        for (Map.Entry<Long, Integer> e : fdByInode.entrySet()) {
            unixListener |= add(table, e.getValue(), e.getKey());
        }
        if (unixListener) {
            pendingUnix(table);
        }
        return table.openFds(open).ownedSocketCount(fdByInode.size()).build();
    }

    /**
     * {@code table} with the TCP_INFO of each of its TCP sockets that is still on its fd
     * ({@code --tcp-info}); without it, and why, when the kernel cannot be asked per fd here.
     */
    public synchronized SocketTable withTcpInfo(SocketTable table) {
        if (!libc.direct()) {
            return table.withTcpInfo(Map.of(), libc.unavailable() + " (the agent reads TCP_INFO through JNA)");
        }
        calls();
        Map<Long, TcpInfo> byInode = new HashMap<>();
        for (Protocol p : new Protocol[] {Protocol.TCP, Protocol.TCP6}) {
            for (InetSocket s : table.inet(p)) {
                // The fd may have been closed, even reused, since the table was read: ask only if it
                // still holds the same socket.
                if (s.fd() >= 0 && (SocketCalls.FSTAT < 0 || calls.socketInode(s.fd()) == s.inode())) {
                    TcpInfo info = calls.tcpInfo(s.fd());
                    if (info != null) {
                        byInode.put(s.inode(), info);
                    }
                }
            }
        }
        return table.withTcpInfo(byInode, null);
    }

    /** The calls' buffer, made on first use (making it loads JNA's native part); under the lock. */
    private SocketCalls calls() {
        if (calls == null) {
            calls = new SocketCalls();
        }
        return calls;
    }

    /** The TCP_INFO of the TCP socket on {@code fd}, or null (no TCP socket there, or no per-fd calls here). */
    public synchronized TcpInfo tcpInfo(int fd) {
        if (!libc.direct()) {
            return null;
        }
        return calls().tcpInfo(fd);
    }

    /**
     * A unix listener's waiting connections are sockets no fd holds yet; only the namespace's unix
     * table lists them (usually short: read only when the JVM has a unix listener).
     */
    private void pendingUnix(SocketTable.Builder table) {
        try {
            SocketTable unix = unixTable.read("self", EnumSet.of(Protocol.UNIX));
            for (UnixSocket u : unix.unix()) {
                for (int i = unix.pendingUnixConnections(u.path()); u.isListening() && i > 0; i--) {
                    table.pendingUnixConnection(u.path());
                }
            }
        } catch (ProcAccessException e) {
            // the queue lengths stay unknown (0); the sockets themselves are right
        }
    }

    /**
     * Adds the socket on {@code fd}; true if it is a unix stream listener with a path. Few calls per
     * socket, since a check makes them for every socket: the family comes with the local address, and
     * a TCP socket is known by its TCP_INFO.
     */
    private boolean add(SocketTable.Builder table, int fd, long inode) {
        int length = calls.address(fd, false);
        if (length < 2) {
            return false; // the fd was closed (or reused by something else) since it was listed
        }
        int family = calls.result().getShort(0);
        if (family == AF_UNIX) {
            UnixSocket u = unix(fd, inode, unixPath(length));
            if (u != null) {
                table.add(u);
                return u.isListening() && u.type() == SOCK_STREAM && !u.path().isEmpty();
            }
        } else if (family == AF_INET || family == AF_INET6) {
            InetSocket s = inet(fd, inode, family == AF_INET6, endpoint(family == AF_INET6));
            if (s != null) {
                table.add(s);
            }
        }
        return false;
    }

    private InetSocket inet(int fd, long inode, boolean v6, InetEndpoint local) {
        boolean tcp = calls.option(fd, IPPROTO_TCP, TCP_INFO, TCP_INFO_LENGTH) >= TCPI_UNACKED + 4;
        int tcpState = tcp ? calls.result().get(0) & 0xff : -1;
        long acceptQueue = tcp ? calls.result().getInt(TCPI_UNACKED) & 0xffffffffL : -1;
        Protocol p = tcp ? (v6 ? Protocol.TCP6 : Protocol.TCP)
                : protocolOf(calls.intOption(fd, SOL_SOCKET, SO_TYPE), calls.intOption(fd, SOL_SOCKET, SO_PROTOCOL), v6);
        if (p == null) {
            return null;
        }
        InetEndpoint remote = calls.address(fd, true) >= 0 ? endpoint(v6) : new InetEndpoint(new byte[v6 ? 16 : 4], 0);
        int state;
        long receiveQueue;
        long sendQueue;
        if (tcp) {
            state = tcpState;
            if (state == TcpState.LISTEN.kernel()) {
                // As /proc prints a listener: the accept queue, and nothing sent (ss would print the
                // maximum backlog there; ListenerBacklog reads it from the same TCP_INFO).
                receiveQueue = acceptQueue;
                sendQueue = 0;
            } else {
                receiveQueue = calls.intIoctl(fd, SIOCINQ);
                if (receiveQueue >= 0 && finReceived(state) && finUnread(fd, receiveQueue)) {
                    receiveQueue++; // /proc counts the peer's FIN (a sequence number) until it is read
                }
                sendQueue = calls.intIoctl(fd, SIOCOUTQ);
            }
        } else {
            // /proc prints a datagram socket's memory in use, not its bytes: SO_MEMINFO gives the same.
            state = remote.port() != 0 || !remote.isUnspecified() ? ESTABLISHED : CLOSE;
            boolean memory = calls.option(fd, SOL_SOCKET, SO_MEMINFO, 4 * 16) >= 4 * 3;
            receiveQueue = memory ? calls.result().getInt(4 * SK_MEMINFO_RMEM_ALLOC) & 0xffffffffL : -1;
            sendQueue = memory ? calls.result().getInt(4 * SK_MEMINFO_WMEM_ALLOC) & 0xffffffffL : -1;
        }
        return new InetSocket(p, local, remote, state, Math.max(sendQueue, 0), Math.max(receiveQueue, 0), 0, 0, 0,
                -1, 0, inode, fd);
    }

    /** The states after the peer's FIN: CLOSE_WAIT, LAST_ACK, CLOSING. */
    private static boolean finReceived(int state) {
        return state == TcpState.CLOSE_WAIT.kernel() || state == TcpState.LAST_ACK.kernel()
                || state == TcpState.CLOSING.kernel();
    }

    /**
     * Whether the application has yet to read the peer's FIN (its end of file): /proc's Recv-Q
     * counts it, SIOCINQ does not. With bytes unread it is behind them; with none, it is unread while
     * its segment still holds receive memory (the kernel frees it when the read returns end of file).
     */
    private boolean finUnread(int fd, long readable) {
        if (readable > 0) {
            return true;
        }
        return calls.option(fd, SOL_SOCKET, SO_MEMINFO, 4 * 16) >= 4 * 3
                && calls.result().getInt(4 * SK_MEMINFO_RMEM_ALLOC) != 0;
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

    private UnixSocket unix(int fd, long inode, String path) {
        int type = calls.intOption(fd, SOL_SOCKET, SO_TYPE);
        if (type < 0) {
            return null;
        }
        boolean listening = calls.intOption(fd, SOL_SOCKET, SO_ACCEPTCONN) == 1;
        boolean connected = calls.address(fd, true) >= 0;
        return new UnixSocket(0, 0, listening ? UnixSocket.SO_ACCEPTCON : 0, type,
                connected ? UNIX_CONNECTED : UNIX_UNCONNECTED, inode, path, fd);
    }

    /**
     * The sockaddr_un just read, as /proc/net/unix prints its path: a filesystem path as it is, an
     * abstract name with '@' for its leading NUL (and its other NULs), "" if unbound.
     */
    private String unixPath(int length) {
        if (length <= 2) {
            return "";
        }
        byte[] path = new byte[length - 2];
        calls.result().get(2, path);
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
    private InetEndpoint endpoint(boolean v6) {
        byte[] address = new byte[v6 ? 16 : 4];
        calls.result().get(v6 ? 8 : 4, address);
        int port = (calls.result().get(2) & 0xff) << 8 | calls.result().get(3) & 0xff;
        return new InetEndpoint(address, port);
    }
}
