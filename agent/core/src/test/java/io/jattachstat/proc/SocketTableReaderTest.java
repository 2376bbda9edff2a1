package io.jattachstat.proc;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.UnixSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketTableReaderTest {
    private static final Set<Protocol> ALL = EnumSet.allOf(Protocol.class);

    @TempDir
    Path dir;

    @Test
    void decodesEveryFieldOfCapturedLines() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(10295, "python3", 248095, 248121, 248108, 248123, 248112);
        SocketTable t = new SocketTableReader(f.root()).read("10295", ALL);

        assertThat(t.pid()).isEqualTo(10295);
        assertThat(t.programName()).isEqualTo("python3");
        InetSocket listener = t.inet(Protocol.TCP).get(0);
        assertThat(listener.local().numericHost()).isEqualTo("127.0.0.1");
        assertThat(listener.local().port()).isEqualTo(5000);
        assertThat(listener.remote().isUnspecified()).isTrue();
        assertThat(TcpState.of(listener.state())).isEqualTo(TcpState.LISTEN);
        assertThat(listener.receiveQueue()).isEqualTo(3);
        assertThat(listener.fd()).isEqualTo(3);

        InetSocket synSent = t.inet(Protocol.TCP).get(1);
        assertThat(synSent.state()).isEqualTo(2);
        assertThat(synSent.sendQueue()).isEqualTo(1);
        assertThat(synSent.timerCode()).isEqualTo(1);
        assertThat(synSent.timerTicks()).isEqualTo(0x5E);
        assertThat(synSent.retransmits()).isEqualTo(1);

        InetSocket closeWait = t.inet(Protocol.TCP).get(2);
        assertThat(closeWait.receiveQueue()).isEqualTo(101);
        assertThat(closeWait.remote().port()).isEqualTo(0xE290);

        InetSocket probe = t.inet(Protocol.TCP).get(4);
        assertThat(probe.timerCode()).isEqualTo(4);
        assertThat(probe.probes()).isEqualTo(1);
        assertThat(probe.sendQueue()).isEqualTo(4096);
    }

    /**
     * FIN_WAIT1, LAST_ACK, CLOSING and the 8 MB queues were captured with loopback taken down inside a
     * private namespace (the reference's technique); CLOSE (7) never appears in a kernel's TCP table.
     */
    @Test
    void readsEveryTcpStateTheKernelLists() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 248095, 248121, 248108, 248123, 248112,
                598386, 597779, 597786, 598387, 597784);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.inet(Protocol.TCP)).extracting(InetSocket::state)
                .containsExactly(10, 2, 8, 1, 1, 1, 4, 9, 1, 11);
        InetSocket stuckSender = t.inet(Protocol.TCP).get(5);
        assertThat(stuckSender.sendQueue()).isEqualTo(0x7EFA89);
        assertThat(stuckSender.timerCode()).isEqualTo(4);
        assertThat(t.inet(Protocol.TCP).get(8).receiveQueue()).isEqualTo(0x7EEB2C);
        InetSocket closing = t.inet(Protocol.TCP).get(9);
        assertThat(closing.sendQueue()).as("our unacked FIN").isEqualTo(1);
        assertThat(closing.receiveQueue()).as("their unread FIN").isEqualTo(1);
        assertThat(closing.retransmits()).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheProcessesOwnSocketsInKernelOrder() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "/usr/lib/jvm/bin/java", 248123, 248095, 36823, 247740);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);

        assertThat(t.inet(Protocol.TCP)).extracting(InetSocket::inode).containsExactly(248095L, 248123L);
        assertThat(t.inet(Protocol.TCP6)).extracting(InetSocket::inode).containsExactly(36823L);
        assertThat(t.unix()).extracting(UnixSocket::inode).containsExactly(247740L);
        assertThat(t.programName()).as("an absolute argv[0] keeps only its last part").isEqualTo("java");
        assertThat(t.ownedSocketCount()).isEqualTo(4);
    }

    @Test
    void inodeZeroRowsBelongToNobody() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 0);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.inet(Protocol.TCP)).isEmpty();
        assertThat(t.unix()).isEmpty();
    }

    @Test
    void decodesIpv6AndMappedAddresses() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 36823, 35239, 35240);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.inet(Protocol.TCP6)).extracting(s -> s.local().numericHost())
                .containsExactly("::ffff:127.0.0.1", "::1", "::");
        assertThat(t.inet(Protocol.TCP6).get(0).local().isV4Mapped()).isTrue();
        assertThat(t.inet(Protocol.TCP6).get(1).remote().port()).isEqualTo(0xAFE2);
        assertThat(t.inet(Protocol.TCP6).get(2).uid()).isEqualTo(1000);
    }

    @Test
    void decodesUnixFlagsTypesAbstractNamesAndPathsWithSpaces() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 247735, 247740, 247750, 247738, 247749, 247746);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.unix()).extracting(UnixSocket::path).containsExactly("/run/demo/u/stream.sock",
                "/run/demo/u/lonely-dgram.sock", "@nslab@embedded", "/run/demo/u/with space.sock", "", "@nslab.seqpacket");
        UnixSocket listener = t.unix().get(0);
        assertThat(listener.isListening()).isTrue();
        assertThat(listener.refCount()).isEqualTo(2);
        UnixSocket dgram = t.unix().get(1);
        assertThat(dgram.type()).isEqualTo(2);
        assertThat(dgram.isListening()).isFalse();
        assertThat(t.unix().get(5).flags()).isEqualTo(0x70000);
        assertThat(t.unix().get(5).type()).isEqualTo(5);
    }

    /**
     * Another user's socket path can hold a newline and then a made-up row with our socket's inode.
     * netstat shows the made-up row and the real one; the real one must not be lost.
     */
    @Test
    void aMadeUpUnixRowInAnotherPathDoesNotHideTheRealOne() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).table("unix", "Num       RefCount Protocol Flags    Type St Inode Path\n"
                + "00000000b4054c68: 00000002 00000000 00010000 0001 01 130552 /tmp/evil/x\n"
                + "0000000000000000: 00000002 00000000 00010000 0001 01 111764 fake\n"
                + "00000000414ec921: 00000002 00000000 00010000 0001 01 111764 /run/app/real.sock\n")
                .process(7, "java", 111764);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.unix()).extracting(UnixSocket::path).containsExactly("fake", "/run/app/real.sock");
    }

    @Test
    void skipsAndCountsMalformedLinesInsteadOfThrowing() throws Exception {
        // 248199 sits on a line with a bad hex digit; nothing owned 248198, so every line is read.
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 248199, 248198);
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.inet(Protocol.TCP)).isEmpty();
        // tcp: the garbage line and the bad-hex line; unix: "bogus unix line".
        assertThat(t.malformedLines()).isEqualTo(3);
    }

    @Test
    void stopsReadingOnceEverySocketIsFoundButStillReportsRows() throws Exception {
        // Only a tcp6 socket is owned: the reader must not need the (here unreadable) tcp table.
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 36823);
        Files.delete(f.root().resolve("net/tcp"));
        Files.createDirectory(f.root().resolve("net/tcp")); // reading a directory would fail
        SocketTable t = new SocketTableReader(f.root()).read("7", EnumSet.of(Protocol.TCP, Protocol.TCP6));
        assertThat(t.inet(Protocol.TCP6)).hasSize(1);
        assertThat(t.isMissing(Protocol.TCP)).isFalse();
    }

    @Test
    void recordsTablesAndFamiliesThatDoNotExist() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 1);
        Files.delete(f.root().resolve("net/udplite"));
        SocketTable t = new SocketTableReader(f.root()).read("7", ALL);
        assertThat(t.isMissing(Protocol.UDPLITE)).isTrue();
        assertThat(t.isMissing(Protocol.UDP)).isFalse();
        assertThat(t.isFamilyMissing("sctp")).isTrue();
    }

    @Test
    void saysWhyAProcessCannotBeRead() {
        ProcFixture f = ProcFixture.captured(dir);
        assertThatThrownBy(() -> new SocketTableReader(f.root()).read("99999", ALL))
                .isInstanceOfSatisfying(ProcAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProcAccessException.Reason.NO_SUCH_PROCESS));
    }

    @Test
    void readsItsOwnProcessLive() throws Exception {
        try (var server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            SocketTable t = SocketTableReader.live().read("self", ALL);
            assertThat(t.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(t.inet(Protocol.TCP6).stream().map(InetSocket::local).anyMatch(e -> e.port() == server.getLocalPort())
                    || t.inet(Protocol.TCP).stream().map(InetSocket::local).anyMatch(e -> e.port() == server.getLocalPort()))
                    .isTrue();
        }
    }
}
