package io.jattachstat.snapshot;

import io.jattachstat.model.SocketTable;
import io.jattachstat.proc.ProcFixture;
import io.jattachstat.proc.SocketTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotCacheTest {
    @TempDir
    Path dir;

    /** The fixture's "self" is a link to a process directory, as /proc/self is. */
    private SocketTableReader reader() throws Exception {
        ProcFixture f = ProcFixture.captured(dir).process(7, "java", 248095);
        Files.createSymbolicLink(f.root().resolve("self"), Path.of("7"));
        return new SocketTableReader(f.root());
    }

    @Test
    void readsAtMostOncePerIntervalAndOnRefresh() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        SnapshotCache cache = new SnapshotCache(reader(), UnaryOperator.identity(), 60_000, new AgentStatus());
        cache.onSnapshot(t -> seen.incrementAndGet());
        SocketTable first = cache.get();
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get()).isSameAs(first);
        }
        assertThat(cache.reads()).isEqualTo(1);
        assertThat(cache.refresh()).isNotSameAs(first);
        assertThat(cache.reads()).isEqualTo(2);
        assertThat(seen).hasValue(2);
        assertThat(first.pid()).isEqualTo(7);
    }

    @Test
    void aFailedReadIsCountedAndYieldsAnEmptyTable() {
        AgentStatus status = new AgentStatus();
        SnapshotCache cache = new SnapshotCache(new SocketTableReader(dir.resolve("missing")), UnaryOperator.identity(),
                1000, status);
        assertThat(cache.get().unix()).isEmpty();
        assertThat(status.errorCount()).isEqualTo(1);
        assertThat(status.lastError()).startsWith("proc: ");
    }
}
