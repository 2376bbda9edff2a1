package io.jattachstat.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadWaitTrackerTest {
    private static List<Long> seen(List<ThreadWait> waits) {
        return waits.stream().map(ThreadWait::seenMillis).toList();
    }

    private static final ThreadWait READ = ThreadWait.fromProc(10, "reader", "read", 5, 501, -1);
    private static final ThreadWait ACCEPT = ThreadWait.fromProc(11, "acceptor", "accept", 6, 601, -1);

    @Test
    void aWaitIsSeenForAsLongAsItStaysTheSame() {
        ThreadWaitTracker t = new ThreadWaitTracker();
        assertThat(seen(t.look(List.of(READ), 1_000))).containsExactly(0L);
        assertThat(seen(t.look(List.of(READ, ACCEPT), 4_000))).containsExactly(3_000L, 0L);
        assertThat(seen(t.look(List.of(ACCEPT), 9_000))).as("the reader got its data").containsExactly(5_000L);
        assertThat(seen(t.look(List.of(READ, ACCEPT), 10_000))).as("a new wait of the same thread starts over")
                .containsExactly(0L, 6_000L);
        ThreadWait sameThreadOtherSocket = ThreadWait.fromProc(10, "reader", "read", 7, 701, -1);
        assertThat(seen(t.look(List.of(sameThreadOtherSocket), 12_000))).containsExactly(0L);
    }
}
