package io.jattachstat.alerts;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketCounts;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.snapshot.ListenerBacklog;
import io.jattachstat.snapshot.SnapshotFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertCheckerTest {
    private static final FdUsage FEW_FDS = new FdUsage(10, 100);
    private final AlertThresholds thresholds = new AlertThresholds(0.8, 5, 0.9, 60, 0.2);
    private final AlertChecker checker = new AlertChecker(thresholds);

    @Test
    void closeWaitIsRaisedOnceAtTheThresholdAndClearedOnceBelowTheHysteresis() {
        assertThat(messages(closeWait(4), FEW_FDS)).isEmpty();
        assertThat(messages(closeWait(5), FEW_FDS)).containsExactly("close-wait raised: 5 sockets in CLOSE_WAIT (threshold 5)");
        assertThat(messages(closeWait(9), FEW_FDS)).as("still raised").isEmpty();
        assertThat(messages(closeWait(4), FEW_FDS)).as("4 is not below 5 × 0.8").isEmpty();
        assertThat(checker.active()).hasSize(1);
        assertThat(messages(closeWait(3), FEW_FDS)).containsExactly("close-wait cleared: 3 sockets in CLOSE_WAIT (clears below 4)");
        assertThat(checker.active()).isEmpty();
        assertThat(messages(closeWait(5), FEW_FDS)).hasSize(1);
    }

    @Test
    void eachListenerHasItsOwnAcceptQueueAlert() {
        List<AlertEvent> raised = checker.check(listeners(4, 1), FEW_FDS, List.of());
        assertThat(raised).extracting(AlertEvent::message).containsExactly(
                "accept-queue raised: tcp 127.0.0.1:8080 has 4 of 5 connections waiting to be accepted (80%) (threshold 80%)");
        assertThat(raised.get(0).subject()).isEqualTo("tcp 127.0.0.1:8080");
        assertThat(raised.get(0).notificationType()).isEqualTo("jattachstat.accept-queue.raised");
        assertThat(messages(listeners(4, 4), FEW_FDS)).containsExactly(
                "accept-queue raised: tcp 127.0.0.1:9090 has 4 of 5 connections waiting to be accepted (80%) (threshold 80%)");
        assertThat(messages(listeners(3, 4), FEW_FDS)).as("3 of 5 is 60%, below 64%").containsExactly(
                "accept-queue cleared: tcp 127.0.0.1:8080 has 3 of 5 connections waiting to be accepted (60%) (clears below 64%)");
        assertThat(messages(listeners(-1, 4), FEW_FDS)).isEmpty(); // 8080's backlog unknown: no alert on it
        assertThat(messages(closeWait(0), FEW_FDS)).as("the listener on 9090 closed").containsExactly(
                "accept-queue cleared: tcp 127.0.0.1:9090 closed");
    }

    @Test
    void fileDescriptorsAgainstTheLimitAndAnAlertTurnedOff() {
        assertThat(messages(closeWait(0), new FdUsage(89, 100))).isEmpty();
        assertThat(messages(closeWait(0), new FdUsage(90, 100))).containsExactly(
                "fds raised: 90 of 100 file descriptors open (90%) (threshold 90%)");
        thresholds.setFds(0);
        assertThat(messages(closeWait(0), new FdUsage(95, 100))).containsExactly(
                "fds cleared: 95 of 100 file descriptors open (95%) (alert turned off)");
        assertThat(messages(closeWait(0), new FdUsage(100, 100))).as("off").isEmpty();
    }

    @Test
    void aThreadWaitingWithNoTimeoutIsRaisedOnceAndClearedWhenItStopsWaiting() {
        SnapshotFacts.Facts facts = closeWait(1); // one connection, 127.0.0.1:8080 to 127.0.0.1:40000, inode 100
        ThreadWait reading = new ThreadWait(0, "pool-1-thread-3", "read", 10, 100, -1, -1, 61_500,
                new ThreadWait.JavaThread(31, false, "RUNNABLE"));
        ThreadWait timed = new ThreadWait(0, "timed", "read", 11, 100, 3_600_000, -1, 90_000,
                new ThreadWait.JavaThread(32, false, "RUNNABLE"));
        List<AlertEvent> raised = checker.check(facts, FEW_FDS, List.of(reading, timed));
        assertThat(raised).extracting(AlertEvent::message).containsExactly("blocked raised: thread \"pool-1-thread-3\" #31"
                + " read from 127.0.0.1:40000 has waited 61 s with no timeout (threshold 60)");
        assertThat(raised.get(0).notificationType()).isEqualTo("jattachstat.blocked.raised");
        assertThat(checker.check(facts, FEW_FDS, List.of(reading))).as("still waiting").isEmpty();
        assertThat(checker.check(facts, FEW_FDS, List.of())).extracting(AlertEvent::message).containsExactly(
                "blocked cleared: thread \"pool-1-thread-3\" #31 read from 127.0.0.1:40000 stopped waiting");
        thresholds.setBlockedSeconds(0);
        assertThat(checker.check(facts, FEW_FDS, List.of(reading))).as("off").isEmpty();
    }

    @Test
    void thresholdsRejectNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> thresholds.setAcceptQueue(1.5))
                .hasMessage("accept queue threshold must be a fraction from 0 (off) to 1, not 1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> thresholds.setCloseWait(-1))
                .hasMessage("CLOSE_WAIT threshold must be 0 (off) or more, not -1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> thresholds.setHysteresis(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> messages(SnapshotFacts.Facts facts, FdUsage fds) {
        return checker.check(facts, fds, List.of()).stream().map(AlertEvent::message).toList();
    }

    private static SnapshotFacts.Facts closeWait(int n) {
        SocketTable.Builder b = SocketTable.builder(1);
        for (int i = 0; i < n; i++) {
            b.add(new InetSocket(Protocol.TCP, endpoint(8080), endpoint(40000 + i), 8, 0, 1, 0, 0, 0, 1000, 0, 100 + i, 10 + i));
        }
        SocketTable t = b.build();
        return new SnapshotFacts.Facts(t, new SocketCounts(t), List.of());
    }

    /** Listeners on 8080 and 9090 with these queue lengths (of 5); -1: the first one's backlog is unknown. */
    private static SnapshotFacts.Facts listeners(int first, int second) {
        SocketTable t = SocketTable.builder(1).build();
        List<SnapshotFacts.ListenerQueue> l = new ArrayList<>();
        l.add(new SnapshotFacts.ListenerQueue(io.jattachstat.model.Transport.TCP, "127.0.0.1", 8080, 3, 1,
                first < 0 ? new ListenerBacklog.Queue(0, -1, "unknown") : new ListenerBacklog.Queue(first, 5, "TCP_INFO")));
        l.add(new SnapshotFacts.ListenerQueue(io.jattachstat.model.Transport.TCP, "127.0.0.1", 9090, 4, 2, new ListenerBacklog.Queue(second, 5, "bind")));
        return new SnapshotFacts.Facts(t, new SocketCounts(t), l);
    }

    static InetEndpoint endpoint(int port) {
        return new InetEndpoint(new byte[] {127, 0, 0, 1}, port);
    }
}
