package io.jattachstat.snapshot;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpInfo;
import io.jattachstat.model.TcpState;
import io.jattachstat.proc.Digits;
import io.jattachstat.proc.FdTableReader;
import io.jattachstat.proc.ProgramNameReader;
import io.jattachstat.proc.SocketTableReader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's own sockets asked of the kernel one fd at a time, as the JVM may ask about its own
 * descriptors: the socket's family, type and protocol, its addresses ({@code getsockname},
 * {@code SO_PEERNAME}), a TCP socket's state and a listener's queue ({@code TCP_INFO}), the bytes
 * queued each way ({@code SIOCINQ}, {@code SIOCOUTQ}; a datagram socket's memory in use,
 * {@code SO_MEMINFO}, which is what /proc prints for it), a unix socket's path. Its cost follows the
 * JVM's sockets, not the host's: {@code /proc/self/net/tcp} lists every socket of the network
 * namespace, and at 200k host sockets reading it is what the agent's idle time went to. Unix sockets
 * are the exception: they are taken from the namespace's (usually short) unix table, the only place
 * that has their reference counts and a listener's waiting connections ({@link UnixSockets}).
 *
 * <p>What it cannot give: the kernel's row order (the netstat views keep reading /proc for that),
 * TCP timers and retransmits, the socket's uid, and the connections no fd holds any more
 * (TIME_WAIT, FIN_WAIT2, a listener's embryos). A socket that changes while it is read may be
 * skipped (its fd closed) or read half before and half after, like a /proc line read mid-change.
 */
public final class FdSocketReader {
    private static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_PROTOCOL = 38, SO_MEMINFO = 55;
    private static final int SK_MEMINFO_RMEM_ALLOC = 0, SK_MEMINFO_WMEM_ALLOC = 2;
    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    private static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;
    private static final int IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_UDPLITE = 136;
    private static final int TCP_INFO = 11, TCPI_UNACKED = 24, TCPI_BYTES_RECEIVED = 128, TCPI_NOTSENT = 144,
            TCP_INFO_LENGTH = 148;
    private static final long SIOCINQ = 0x541B, SIOCOUTQ = 0x5411;
    /** sizeof(struct sockaddr_in), sizeof(struct sockaddr_in6). */
    private static final int SOCKADDR_IN = 16, SOCKADDR_IN6 = 28;
    /** /proc's state of a socket with no connection: TCP_CLOSE; a connected datagram socket is "established". */
    private static final int CLOSE = 7, ESTABLISHED = 1;

    private final NativeLibc libc;
    private final Path self;
    private final UnixSockets unixSockets;
    private String programName;
    /** What the last read learnt that stays put while the socket lives, by inode (see {@link Known}). */
    private Map<Long, Known> known = new HashMap<>();
    /** Made on the first read: making it loads JNA's native part. */
    private SocketCalls calls;

    public FdSocketReader(NativeLibc libc, Path procRoot) {
        this.libc = libc;
        this.self = procRoot.resolve("self");
        this.unixSockets = new UnixSockets(new SocketTableReader(procRoot));
    }

    /** Whether the kernel can be asked per fd here (JNA loaded and allowed). */
    public boolean available() {
        return libc.direct();
    }

    /** Why the kernel cannot be asked per fd here ("" if it can). */
    public String unavailable() {
        return libc.unavailable();
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
        Map<Long, Integer> unixFdByInode = new TreeMap<>();
        Map<Long, Known> seen = new HashMap<>();
        for (Map.Entry<Long, Integer> e : fdByInode.entrySet()) {
            if (addInet(table, e.getValue(), e.getKey(), seen) == AF_UNIX) {
                unixFdByInode.put(e.getKey(), e.getValue());
            }
        }
        known = seen;
        if (!unixFdByInode.isEmpty()) {
            unixSockets.add(table, unixFdByInode, calls);
        }
        return table.openFds(open).ownedSocketCount(fdByInode.size()).build();
    }

    /**
     * {@code table} with the TCP_INFO of each of its TCP sockets that is still on its fd
     * ({@code --tcp-info}); without it, and why, when the kernel cannot be asked per fd here.
     */
    public synchronized SocketTable withTcpInfo(SocketTable table) {
        if (!libc.direct()) {
            return table.withTcpInfo(Map.of(), unavailable() + " (the agent reads TCP_INFO through JNA)");
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
     * What the last read learnt of a socket, so that a socket seen before costs fewer calls: its
     * family, and a TCP socket's addresses once they are fixed (null before); its state, the bytes it
     * had received (TCP_INFO's bytes_received; -1 unknown) and its Recv-Q then. The inode names the
     * socket (fstat checks it on every read: an fd number may be reused), and sockfs gives each new
     * socket a new one.
     */
    private record Known(int family, InetEndpoint local, InetEndpoint remote, int state, long bytesReceived,
                         long receiveQueue) {
        static Known family(int family, InetEndpoint local) {
            return new Known(family, local, null, -1, -1, -1);
        }

        /** Nothing received since, in the same state, and nothing was left to read: nothing is now. */
        boolean nothingToRead(int stateNow, long bytesReceivedNow) {
            return state == stateNow && bytesReceivedNow >= 0 && bytesReceived == bytesReceivedNow && receiveQueue == 0;
        }
    }

    /** One internet socket read, and its count of bytes received (-1 for none, or unknown). */
    private record InetRead(InetSocket socket, long bytesReceived) {
    }

    /**
     * Adds the socket on {@code fd} if it is an internet one; returns its family (-1 if the fd was
     * closed, or reused, since it was listed). Few calls per socket, since a check makes them for
     * every socket: the family comes with the local address, a TCP socket is known by its TCP_INFO,
     * and what a socket seen before cannot have changed is not asked again.
     */
    private int addInet(SocketTable.Builder table, int fd, long inode, Map<Long, Known> seen) {
        Known k = known.get(inode);
        if (k == null || k.family() != AF_UNIX && k.local() == null) {
            int length = calls.address(fd);
            if (length < 2) {
                return -1;
            }
            int family = calls.result().getShort(0);
            k = Known.family(family, family == AF_INET || family == AF_INET6 ? calls.inetAddress(family == AF_INET6) : null);
        }
        if (k.family() == AF_INET || k.family() == AF_INET6) {
            InetRead read = inet(fd, inode, k);
            if (read != null) {
                InetSocket s = read.socket();
                table.add(s);
                boolean fixed = addressesFixed(s);
                k = new Known(k.family(), fixed ? s.local() : null, fixed ? s.remote() : null, s.state(),
                        read.bytesReceived(), s.receiveQueue());
            }
        }
        seen.put(inode, k);
        return k.family();
    }

    /**
     * A TCP socket's addresses stay put once it listens or is connected (until it is closed; only a
     * disconnect, which no Java API makes, would change them), not while it is still connecting.
     */
    private static boolean addressesFixed(InetSocket s) {
        TcpState state = TcpState.of(s.state());
        return s.protocol().isTcp() && state != null && state != TcpState.CLOSE && state != TcpState.SYN_SENT
                && state != TcpState.SYN_RECV;
    }

    /**
     * The internet socket on {@code fd}, {@code k} holding its local address (and its peer's, if
     * fixed) and what the last read saw.
     */
    private InetRead inet(int fd, long inode, Known k) {
        boolean v6 = k.family() == AF_INET6;
        int infoLength = calls.option(fd, IPPROTO_TCP, TCP_INFO, TCP_INFO_LENGTH);
        boolean tcp = infoLength >= TCPI_UNACKED + 4;
        int tcpState = tcp ? calls.result().get(0) & 0xff : -1;
        long unacked = tcp ? calls.result().getInt(TCPI_UNACKED) & 0xffffffffL : -1;
        long notSent = infoLength >= TCPI_NOTSENT + 4 ? calls.result().getInt(TCPI_NOTSENT) & 0xffffffffL : -1;
        long bytesReceived = infoLength >= TCPI_BYTES_RECEIVED + 8 ? calls.result().getLong(TCPI_BYTES_RECEIVED) : -1;
        boolean nothingQueuedToSend = unacked == 0 && notSent == 0 && countsAllItSends(tcpState);
        Protocol p = tcp ? (v6 ? Protocol.TCP6 : Protocol.TCP)
                : protocolOf(calls.intOption(fd, SOL_SOCKET, SO_TYPE), calls.intOption(fd, SOL_SOCKET, SO_PROTOCOL), v6);
        if (p == null) {
            return null;
        }
        InetEndpoint remote = k.remote() != null ? k.remote()
                : tcpState != TcpState.LISTEN.kernel() && calls.peer(fd, v6 ? SOCKADDR_IN6 : SOCKADDR_IN) ? calls.inetAddress(v6)
                : new InetEndpoint(new byte[v6 ? 16 : 4], 0);
        int state;
        long receiveQueue;
        long sendQueue;
        if (tcp) {
            state = tcpState;
            if (state == TcpState.LISTEN.kernel()) {
                // As /proc prints a listener: the accept queue (TCP_INFO's unacked, for a listener),
                // and nothing sent (ss would print the maximum backlog there; ListenerBacklog reads it
                // from the same TCP_INFO).
                receiveQueue = unacked;
                sendQueue = 0;
            } else {
                // Recv-Q is what arrived and is not read yet: with nothing new, it can only have shrunk.
                receiveQueue = k.nothingToRead(state, bytesReceived) ? 0 : receiveQueue(fd, state);
                // SIOCOUTQ says 0 while connecting; /proc counts the SYN (a sequence number) in flight.
                sendQueue = state == TcpState.SYN_SENT.kernel() ? 1 + notSent
                        : nothingQueuedToSend ? 0 : calls.intIoctl(fd, SIOCOUTQ);
            }
        } else {
            // /proc prints a datagram socket's memory in use, not its bytes: SO_MEMINFO gives the same.
            state = remote.port() != 0 || !remote.isUnspecified() ? ESTABLISHED : CLOSE;
            boolean memory = calls.option(fd, SOL_SOCKET, SO_MEMINFO, 4 * 16) >= 4 * 3;
            receiveQueue = memory ? calls.result().getInt(4 * SK_MEMINFO_RMEM_ALLOC) & 0xffffffffL : -1;
            sendQueue = memory ? calls.result().getInt(4 * SK_MEMINFO_WMEM_ALLOC) & 0xffffffffL : -1;
        }
        return new InetRead(new InetSocket(p, k.local(), remote, state, Math.max(sendQueue, 0), Math.max(receiveQueue, 0),
                0, 0, 0, -1, 0, inode, fd), tcp ? bytesReceived : -1);
    }

    /**
     * The states in which nothing in flight (TCP_INFO's unacked, its packets out) and nothing unsent
     * means a Send-Q of 0, so SIOCOUTQ need not be asked: not after our FIN (which takes a sequence
     * number of its own), nor after a reset (which empties the queue, not the count).
     */
    private static boolean countsAllItSends(int state) {
        return state == TcpState.ESTABLISHED.kernel() || state == TcpState.CLOSE_WAIT.kernel()
                || state == TcpState.FIN_WAIT2.kernel();
    }

    /** A TCP connection's Recv-Q as /proc prints it, or -1 if the fd is gone. */
    private long receiveQueue(int fd, int state) {
        long readable = calls.intIoctl(fd, SIOCINQ);
        if (readable >= 0 && finReceived(state) && finUnread(fd, readable)) {
            return readable + 1; // /proc counts the peer's FIN (a sequence number) until it is read
        }
        return readable;
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
}
