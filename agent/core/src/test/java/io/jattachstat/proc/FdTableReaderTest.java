package io.jattachstat.proc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FdTableReaderTest {
    @ParameterizedTest
    @CsvSource({"socket:[12345],12345", "[0000]:777,777", "pipe:[12345],-1", "socket:[],-1", "socket:[12a],-1",
        "/dev/null,-1", "anon_inode:[eventpoll],-1"})
    void readsSocketInodesFromLinks(String link, long inode) {
        assertThat(FdTableReader.socketInode(link)).isEqualTo(inode);
    }
}
