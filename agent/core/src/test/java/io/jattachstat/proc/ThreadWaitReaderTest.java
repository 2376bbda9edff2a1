package io.jattachstat.proc;

import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.SelectorWait;
import io.jattachstat.model.ThreadWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocked threads from a made-up /proc: syscall lines as the kernel writes them, and a pollfd in "mem". */
class ThreadWaitReaderTest {
    @Test
    void decodesEachBlockingCallAndSkipsWhatIsNot(@TempDir Path proc) throws IOException {
        Path p = Files.createDirectories(proc.resolve("42"));
        Path fd = Files.createDirectories(p.resolve("fd"));
        Files.createSymbolicLink(fd.resolve("5"), Path.of("socket:[501]"));
        Files.createSymbolicLink(fd.resolve("6"), Path.of("socket:[601]"));
        Files.createSymbolicLink(fd.resolve("7"), Path.of("socket:[701]"));
        Files.createSymbolicLink(fd.resolve("8"), Path.of("anon_inode:[eventpoll]"));
        Files.createSymbolicLink(fd.resolve("9"), Path.of("pipe:[901]"));
        try (RandomAccessFile mem = new RandomAccessFile(p.resolve("mem").toFile(), "rw")) {
            mem.seek(0x1000);
            mem.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(6).putShort((short) 1).array());
            mem.seek(0x2000);
            mem.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putShort((short) 4).array());
            mem.seek(0x3000);
            mem.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(500_000_000).array());
        }
        task(p, 100, "reader", "0 0x5 0x7f41d804fba0 0x1 0xc 0x0 0x69ec41b70 0x7f42801c7480 0x7f428582f2ec");
        task(p, 101, "timed-reader", "7 0x1000 0x1 0x36ee80 0xc 0x0 0x69ec43688 0x7f427bffe450 0x7f428583326f");
        task(p, 102, "timed-connect", "271 0x2000 0x1 0x3000 0x0 0x8 0x69ec43688 0x7f427bffe450 0x7f428583326f");
        task(p, 103, "acceptor", "43 0x7 0x7f425979e550 0x7f425979e548 0xc 0x0 0x69eca40f8 0x7f425979e500 0x7f4285");
        task(p, 104, "selector", "232 0x8 0x7f0000 0x1000 0xffffffff 0x0 0x0 0x7f 0x7f");
        task(p, 105, "busy", "running");
        task(p, 106, "not-in-call", "-1 0x7ffee5671b00 0x7fbb8fb80aec");
        task(p, 107, "pipe-reader", "0 0x9 0x7f41d804fba0 0x1 0xc 0x0 0x0 0x7f 0x7f");
        task(p, 108, "two-fds", "7 0x1000 0x2 0xffffffff 0x0 0x0 0x0 0x7f 0x7f");
        task(p, 109, "futex", "202 0x7f 0x80 0x0 0x0 0x0 0x0 0x7f 0x7f");
        task(p, 110, "garbage", "zz 0x1 0x2");
        task(p, 111, "bad-address", "7 0x9000000 0x1 0x10 0x0 0x0 0x0 0x7f 0x7f");
        Path fdinfo = Files.createDirectories(p.resolve("fdinfo"));
        Files.writeString(fdinfo.resolve("8"), "pos:\t0\nflags:\t02000002\nmnt_id:\t15\nino:\t1057\n"
                + "tfd:        5 events:       19 data:                5  pos:0 ino:1f5 sdev:8\n"
                + "tfd:        6 events:       19 data:                6  pos:0 ino:259 sdev:8\n");
        BlockedThreads blocked = ThreadWaitReader.read(proc, "42");
        assertThat(blocked.onSockets()).containsExactly(
                ThreadWait.fromProc(100, "reader", "read", 5, 501, -1),
                ThreadWait.fromProc(101, "timed-reader", "read", 6, 601, 3_600_000),
                ThreadWait.fromProc(102, "timed-connect", "write", 7, 701, 2500),
                ThreadWait.fromProc(103, "acceptor", "accept", 7, 701, -1));
        assertThat(blocked.inSelectors()).containsExactly(new SelectorWait(104, "selector", 8, 2));
    }

    @Test
    void aProcessThatIsGoneHasNoThreads(@TempDir Path proc) {
        assertThat(ThreadWaitReader.read(proc, "12345").onSockets()).isEmpty();
    }

    private static void task(Path process, int tid, String comm, String syscall) throws IOException {
        Path t = Files.createDirectories(process.resolve("task").resolve(Integer.toString(tid)));
        Files.writeString(t.resolve("comm"), comm + "\n");
        Files.writeString(t.resolve("syscall"), syscall + "\n");
    }
}
