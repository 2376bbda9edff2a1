package io.jattachstat.origins;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketRegistryTest {
    static SocketRecord record(int fd) {
        return new SocketRecord(fd, SocketKind.SOCKET, false, "main", false, 1000, "a.B.c(B.java:1)", null, null);
    }

    @Test
    void keepsOneRecordPerFdAndRetiresItOnRemove() {
        SocketRegistry r = new SocketRegistry(10);
        SocketRecord first = record(5);
        assertThat(r.put(first)).isTrue();
        assertThat(r.get(5)).isSameAs(first);
        SocketRecord reused = record(5); // the fd was closed unseen and reused
        r.put(reused);
        assertThat(r.get(5)).isSameAs(reused);
        assertThat(r.size()).isEqualTo(1);
        r.removeExactly(first);
        assertThat(r.get(5)).as("only the exact record is removed").isSameAs(reused);
        assertThat(r.remove(5)).isSameAs(reused);
        assertThat(r.get(5)).isNull();
        assertThat(r.size()).isZero();
        assertThat(r.remove(5)).isNull();
    }

    @Test
    void fdsFarApartLiveInTheirOwnChunks() {
        SocketRegistry r = new SocketRegistry(10);
        r.put(record(3));
        r.put(record(1_000_003));
        assertThat(r.get(1_000_003).fd()).isEqualTo(1_000_003);
        assertThat(r.get(3).fd()).isEqualTo(3);
        assertThat(r.get(-1)).isNull();
        assertThat(r.get(Integer.MAX_VALUE)).isNull();
        assertThat(r.all()).extracting(SocketRecord::fd).containsExactly(3, 1_000_003);
    }

    @Test
    void isBoundedAndCountsWhatItDropped() {
        SocketRegistry r = new SocketRegistry(2);
        assertThat(r.put(record(1))).isTrue();
        assertThat(r.put(record(2))).isTrue();
        assertThat(r.put(record(3))).isFalse();
        assertThat(r.put(record(2))).as("replacing needs no room").isTrue();
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.dropped()).isEqualTo(1);
    }

    @Test
    void aRecordClaimsTheFirstInodeSeenAfterItWasOpened() {
        SocketRecord r = record(7); // opened at 1000 ms
        assertThat(r.claim(42, 999)).as("a snapshot older than the socket saw another socket on fd 7").isFalse();
        assertThat(r.inode()).isZero();
        assertThat(r.claim(42, 1001)).isTrue();
        assertThat(r.claim(42, 5000)).isTrue();
        assertThat(r.claim(43, 5000)).as("fd 7 now holds another socket: the record is stale").isFalse();
    }
}
