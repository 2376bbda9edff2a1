package io.jattachstat.netstat;

import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.proc.ProcFixture;
import io.jattachstat.proc.SocketTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formatter rows for the captured {@code /proc} lines. Layouts are those of the real netstat rows in
 * the reference (§1.10, §3); the golden test in src-test checks the same fixtures against netstat itself.
 */
class NetstatFormatterTest {
    @TempDir
    Path dir;

    private SocketTable table(long... inodes) throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(10295, "python3", inodes);
        return new SocketTableReader(f.root()).read("10295", EnumSet.allOf(Protocol.class));
    }

    private static String format(SocketTable t, String options) throws UsageException {
        return new NetstatFormatter(NameResolver.NUMERIC).format(t, NetstatOptionParser.parse(options));
    }

    @Test
    void tcpRowsWithEveryExtraColumn() throws Exception {
        SocketTable t = table(248095, 248121, 248108, 248123, 248112);
        assertThat(format(t, "-tanepo")).isEqualTo("""
                Active Internet connections (servers and established)
                Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer
                tcp        3      0 127.0.0.1:5000          0.0.0.0:*               LISTEN      0          248095     10295/python3        off (0.00/0/0)
                tcp        0      1 127.0.0.1:33844         127.0.0.1:5008          SYN_SENT    0          248121     10295/python3        on (0.94/1/0)
                tcp      101      0 127.0.0.1:5004          127.0.0.1:58000         CLOSE_WAIT  0          248108     10295/python3        off (0.00/0/0)
                tcp        0      0 127.0.0.1:35082         127.0.0.1:5009          ESTABLISHED 0          248123     10295/python3        keepalive (7198.90/0/0)
                tcp        0   4096 127.0.0.1:42796         127.0.0.1:5005          ESTABLISHED 0          248112     10295/python3        probe (0.11/0/1)
                """);
    }

    @Test
    void rowsEndInStatePaddingWithoutExtraColumns() throws Exception {
        SocketTable t = table(248095, 36823, 35240);
        assertThat(format(t, "-tln")).isEqualTo("Active Internet connections (only servers)\n"
                + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n"
                + "tcp        3      0 127.0.0.1:5000          0.0.0.0:*               LISTEN     \n"
                + "tcp6       0      0 127.0.0.1:5030          :::*                    LISTEN     \n"
                + "tcp6       0      0 :::8080                 :::*                    LISTEN     \n");
        assertThat(format(t, "-tn")).as("listeners are servers: not shown without -l or -a")
                .isEqualTo("Active Internet connections (w/o servers)\n"
                        + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n");
    }

    @Test
    void udpAndRawRows() throws Exception {
        SocketTable t = table(248133, 248130, 248139);
        assertThat(format(t, "-uwan")).isEqualTo("Active Internet connections (servers and established)\n"
                + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n"
                + "udp     2496      0 0.0.0.0:5013            0.0.0.0:*                          \n"
                + "udp        0      0 127.0.0.1:5010          127.0.0.1:5011          ESTABLISHED\n"
                + "raw        0      0 127.0.0.1:17            127.0.0.1:*             1          \n");
    }

    @Test
    void unixRowsMatchTheCapturedNetstatRows() throws Exception {
        SocketTable t = table(247735, 247746, 247740, 247750, 247738, 247749);
        assertThat(format(t, "-xap")).isEqualTo("Active UNIX domain sockets (servers and established)\n"
                + "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n"
                + "unix  2      [ ACC ]     STREAM     LISTENING     247735   10295/python3        /run/demo/u/stream.sock\n"
                + "unix  2      [ ]         DGRAM                    247746   10295/python3        /run/demo/u/lonely-dgram.sock\n"
                + "unix  2      [ ACC ]     STREAM     LISTENING     247740   10295/python3        @nslab@embedded\n"
                + "unix  2      [ ACC ]     STREAM     LISTENING     247750   10295/python3        /run/demo/u/with\n"
                + "unix  3      [ ]         STREAM     CONNECTED     247738   10295/python3        \n"
                + "unix  2      [ ACC W N ] SEQPACKET  LISTENING     247749   10295/python3        @nslab.seqpacket\n");
        assertThat(format(t, "-xl")).as("-l keeps only listeners").contains("247735").doesNotContain("247738");
    }

    @Test
    void programColumnIsCutTo19Characters() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(10297, "/opt/bin/a-very-long-program", 248095);
        SocketTable t = new SocketTableReader(f.root()).read("10297", EnumSet.allOf(Protocol.class));
        assertThat(format(t, "-tlnp")).contains(" 10297/a-very-long-p \n");
    }

    @Test
    void explicitlyRequestedMissingFamilyStopsWithStatus1() throws Exception {
        SocketTable t = table(248095);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int status = new NetstatFormatter(NameResolver.NUMERIC).format(t, NetstatOptionParser.parse("-tSxan"), out, err);
        assertThat(status).isEqualTo(1);
        assertThat(err).hasToString("no support for `AF INET (sctp)' on this system.\n");
        assertThat(out.toString()).contains("LISTEN").doesNotContain("UNIX");
        err.setLength(0);
        status = new NetstatFormatter(NameResolver.NUMERIC).format(t, NetstatOptionParser.parse("-A inet -v -an"),
                new StringBuilder(), err);
        assertThat(status).isZero();
        assertThat(err).as("-A inet does not select sctp").isEmpty();
    }

    @Test
    void namesComeFromTheResolverUnlessNumeric() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
        Files.writeString(etc.resolve("services"), "x-old 5000/tcp\nx-new 5000/tcp # last one wins in netstat\n");
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nalias:x:0:0::/:/bin/sh\n");
        SocketTable t = table(248095);
        NetstatFormatter names = new NetstatFormatter(new SystemNameResolver(etc, java.time.Duration.ZERO, false));
        assertThat(names.format(t, NetstatOptionParser.parse(List.of("-tle"))))
                .contains("tcp        3      0 localhost:x-new         0.0.0.0:*               LISTEN      root       248095    \n");
    }
}
