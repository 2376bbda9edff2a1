package io.jattachstat.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FdTableReaderTest {
    @ParameterizedTest
    @CsvSource({"socket:[12345],12345", "[0000]:777,777", "pipe:[12345],-1", "socket:[],-1", "socket:[12a],-1",
        "/dev/null,-1", "anon_inode:[eventpoll],-1", "socket:[99999999999999999999],-1", "socket:[-5],-1",
        "socket:[12345,-1", "socket:12345],-1"})
    void readsSocketInodesFromLinks(String link, long inode) {
        assertThat(FdTableReader.socketInode(link)).isEqualTo(inode);
    }

    /** An fd directory as odd as /proc could make it: what is not a socket fd is skipped, never thrown. */
    @Test
    void readsAnFdDirectoryAndSkipsWhatIsNotASocketFd(@TempDir Path process) throws Exception {
        Path fd = Files.createDirectory(process.resolve("fd"));
        link(fd, "3", "socket:[1001]");
        link(fd, "4", "socket:[1002]");
        link(fd, "7", "socket:[1001]"); // a dup: the higher fd is the one kept, whatever the listing order
        link(fd, "5", "pipe:[1003]");
        link(fd, "6", "socket:[not-a-number]");
        link(fd, "notanfd", "socket:[1004]");
        link(fd, "99999999999", "socket:[1005]");
        Files.createFile(fd.resolve("8")); // not a link: readlink fails, as for an fd closed meanwhile
        FdTable table = FdTableReader.read(process);
        assertThat(table.inodes()).containsExactlyInAnyOrder(1001L, 1002L);
        assertThat(table.fdOf(1002)).isEqualTo(4);
        assertThat(table.fdOf(1001)).isEqualTo(7);
        assertThat(table.openFds()).as("fds 3 to 8").isEqualTo(6);
    }

    @Test
    void whetherItHoldsOneSocketIsAnsweredWithoutRegardToLookalikes(@TempDir Path process) throws Exception {
        Path fd = Files.createDirectory(process.resolve("fd"));
        link(fd, "3", "socket:[1001]");
        link(fd, "4", "pipe:[1002]");
        link(fd, "notanfd", "socket:[1003]");
        link(fd, "5", "socket:[10021]");
        assertThat(FdTableReader.holds(process, 1001)).isTrue();
        assertThat(FdTableReader.holds(process, 10021)).isTrue();
        assertThat(FdTableReader.holds(process, 1002)).as("a pipe with that number").isFalse();
        assertThat(FdTableReader.holds(process, 1003)).as("not an fd").isFalse();
        assertThatThrownBy(() -> FdTableReader.holds(process.resolve("gone"), 1001)).isInstanceOf(ProcAccessException.class);
    }

    @Test
    void aProcessThatIsGoneIsSaidSo(@TempDir Path process) {
        assertThatThrownBy(() -> FdTableReader.read(process.resolve("12345"))).isInstanceOf(ProcAccessException.class)
                .extracting(e -> ((ProcAccessException) e).reason()).isEqualTo(ProcAccessException.Reason.NO_SUCH_PROCESS);
    }

    private static void link(Path dir, String name, String target) throws IOException {
        Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }
}
