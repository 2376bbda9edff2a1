package io.jattachstat.snapshot;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.SocketTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-fd snapshot against the kernel's own /proc tables, for the sockets of this very JVM: TCP
 * (IPv4, IPv6, dual-stack) listening with a connection waiting to be accepted, established with bytes
 * unread, in CLOSE_WAIT with the peer's FIN unread, behind bytes, and read; UDP bound and connected
 * with a datagram queued; connecting (SYN_SENT); unix stream listening and connected. Same rows:
 * protocol, state, addresses, queues, inode, a unix socket's reference count; on a first read and on
 * a second (which asks less of a socket it has seen).
 */
class FdSocketReaderTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void eachSocketAsProcShowsIt(@TempDir Path dir) throws Exception {
        List<Closeable> open = new ArrayList<>();
        try {
            ServerSocket listener = new ServerSocket(0, 7, LOOPBACK); // dual-stack: tcp6, ::ffff:127.0.0.1
            Socket client = new Socket(LOOPBACK, listener.getLocalPort());
            Socket accepted = listener.accept();
            Socket waiting = new Socket(LOOPBACK, listener.getLocalPort()); // left in the accept queue
            client.getOutputStream().write(new byte[100]); // unread: the accepted side's Recv-Q
            ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(LOOPBACK, 0));
            SocketChannel v4Client = SocketChannel.open(StandardProtocolFamily.INET).bind(null);
            v4Client.connect(v4.getLocalAddress());
            SocketChannel v4Accepted = v4.accept();
            ServerSocketChannel v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6)
                    .bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(LOOPBACK, 0));
            DatagramChannel udpConnected = DatagramChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(LOOPBACK, 0)).connect(udp.getLocalAddress());
            udpConnected.write(ByteBuffer.allocate(10)); // one datagram waits in udp's queue
            // CLOSE_WAIT three ways: the peer's FIN unread, behind unread bytes, and read (end of file).
            ServerSocket closing = new ServerSocket(0, 7, LOOPBACK);
            open.add(closing);
            Socket[] closeWait = new Socket[3];
            for (int i = 0; i < 3; i++) {
                Socket peer = new Socket(LOOPBACK, closing.getLocalPort());
                closeWait[i] = closing.accept();
                if (i == 1) {
                    peer.getOutputStream().write(new byte[7]);
                }
                peer.close();
            }
            Thread.sleep(50);
            assertThat(closeWait[2].getInputStream().read()).isEqualTo(-1);
            open.addAll(List.of(closeWait));
            Path path = dir.resolve("s.sock");
            ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                    .bind(UnixDomainSocketAddress.of(path));
            SocketChannel unixClient = SocketChannel.open(UnixDomainSocketAddress.of(path));
            SocketChannel unixAccepted = unix.accept();
            // A connection still connecting (SYN_SENT): its listener's queue (backlog 1) is full, so
            // the kernel drops its SYN and it retries; /proc prints its destination already.
            ServerSocketChannel full = ServerSocketChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(LOOPBACK, 0), 1);
            open.add(full);
            int fullPort = ((InetSocketAddress) full.getLocalAddress()).getPort();
            for (int i = 0; i < 3; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.INET);
                c.configureBlocking(false);
                c.connect(full.getLocalAddress());
                open.add(c);
            }
            open.addAll(List.of(listener, client, accepted, waiting, v4, v4Client, v4Accepted, v6, udp, udpConnected, unix,
                    unixClient, unixAccepted));
            Thread.sleep(50); // the loopback delivers at once; a moment for the kernel's queues to settle

            AgentStatus status = new AgentStatus();
            FdSocketReader reader = new FdSocketReader(new NativeLibc("true", status), Path.of("/proc"));
            SocketTable first = reader.read();
            assertThat(first).as("JNA: " + status).isNotNull();
            // Read again: what the first read learnt (the family, fixed addresses, nothing left to
            // read) is not asked twice, and what changed since is seen: bytes for a socket that had
            // none, a FIN for one that was established.
            v4Client.write(ByteBuffer.allocate(50));
            Socket finPeer = new Socket(LOOPBACK, closing.getLocalPort());
            Socket finLater = closing.accept();
            open.addAll(List.of(finPeer, finLater));
            reader.read();
            finPeer.close();
            Thread.sleep(50);
            SocketTable perFd = reader.read();
            SocketTable proc = new SocketTableReader(Path.of("/proc")).read("self", EnumSet.allOf(Protocol.class));

            Map<Long, String> fromFds = inetRows(perFd);
            Map<Long, String> fromProc = inetRows(proc);
            assertThat(fromFds).as("every inet socket of this JVM, the same way").isEqualTo(fromProc);
            assertThat(fromFds).hasSizeGreaterThanOrEqualTo(16);
            assertThat(fromFds.values()).as("the bytes written after the first read")
                    .anyMatch(r -> r.startsWith("TCP ") && r.contains(" state=1 ") && r.endsWith("rx=50 tx=0"));
            assertThat(fromFds.values()).anyMatch(r -> r.startsWith("TCP6 ") && r.contains(" state=10 ") && r.endsWith("rx=1 tx=0"))
                    .anyMatch(r -> r.contains(" state=1 ") && r.endsWith("rx=100 tx=0"))
                    .anyMatch(r -> r.startsWith("UDP ") && r.contains(" state=7 ") && !r.endsWith("rx=0 tx=0"))
                    .anyMatch(r -> r.contains(" state=8 ") && r.endsWith("rx=1 tx=0"))
                    .anyMatch(r -> r.contains(" state=8 ") && r.endsWith("rx=8 tx=0"))
                    .anyMatch(r -> r.contains(" state=8 ") && r.endsWith("rx=0 tx=0"))
                    .anyMatch(r -> r.contains(" state=2 ") && r.contains(":" + fullPort + " "));
            assertThat(unixRows(perFd)).as("unix sockets: type, state, listening, path").isEqualTo(unixRows(proc));
            assertThat(unixRows(perFd).values()).anyMatch(r -> r.startsWith("type=1 state=1 acc=true path=" + path + " refs="))
                    .anyMatch(r -> r.startsWith("type=1 state=3 acc=false path=" + path + " refs="))
                    .anyMatch(r -> r.startsWith("type=1 state=3 acc=false path= refs="))
                    .noneMatch(r -> r.endsWith(" refs=0"));
        } finally {
            for (Closeable c : open) {
                c.close();
            }
        }
    }

    @Test
    void aUnixSocketTheUnixTableDoesNotListIsAskedPerFd(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("u.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path));
             SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
             SocketChannel accepted = listener.accept()) {
            NativeLibc libc = new NativeLibc("true", new AgentStatus());
            assertThat(libc.direct()).isTrue();
            SocketTable proc = new SocketTableReader(Path.of("/proc")).read("self", EnumSet.of(Protocol.UNIX));
            Map<Long, Integer> fds = new TreeMap<>();
            proc.unix().forEach(u -> fds.put(u.inode(), u.fd()));
            SocketTable.Builder perFd = SocketTable.builder(1);
            // A proc root with no unix table: every socket is asked of the kernel instead.
            new UnixSockets(new SocketTableReader(dir.resolve("no-proc"))).add(perFd, fds, new SocketCalls());
            Map<Long, String> asked = unixRows(perFd.build());
            Map<Long, String> listed = unixRows(proc);
            listed.replaceAll((inode, row) -> row.replaceAll(" refs=\\d+$", " refs=0")); // only /proc counts them
            assertThat(asked).isEqualTo(listed).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    /** What both paths must agree on, by inode. */
    private static Map<Long, String> inetRows(SocketTable t) {
        Map<Long, String> rows = new TreeMap<>();
        for (Protocol p : Protocol.INET_IN_NETSTAT_ORDER) {
            for (InetSocket s : t.inet(p)) {
                rows.put(s.inode(), p + " " + s.local().numericHost() + ":" + s.local().port() + " "
                        + s.remote().numericHost() + ":" + s.remote().port() + " state=" + s.state() + " rx="
                        + s.receiveQueue() + " tx=" + s.sendQueue());
            }
        }
        return rows;
    }

    private static Map<Long, String> unixRows(SocketTable t) {
        Map<Long, String> rows = new HashMap<>();
        for (UnixSocket u : t.unix()) {
            rows.put(u.inode(), "type=" + u.type() + " state=" + u.state() + " acc=" + u.isListening() + " path=" + u.path()
                    + " refs=" + u.refCount());
        }
        return rows;
    }
}
