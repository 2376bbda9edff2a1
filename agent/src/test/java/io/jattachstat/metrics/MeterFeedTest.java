package io.jattachstat.metrics;

import io.jattachstat.snapshot.AgentStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MeterFeedTest {
    private final AgentStatus status = new AgentStatus();
    private final MeterFeed feed = new MeterFeed(status);
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private void record(Map<String, Object> e) {
        events.add(e.get("op") + " " + e.get("key") + " " + String.join(",", (String[]) e.get("tags")));
    }

    private String next() throws InterruptedException {
        return events.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void aSubscriberGetsTheCurrentMetersAtOnceThenEachChangeInOrder() throws Exception {
        feed.add(MeterSpec.gauge("process.sockets", null, "d", () -> 1, "transport", "tcp"));
        AutoCloseable subscription = feed.apply(this::record);
        assertThat(events.poll()).as("replayed on the subscriber's thread, before apply returns")
                .isEqualTo("add process.sockets[transport, tcp] transport,tcp");

        feed.replace("process.sockets.listen.queue", List.of(port(8080), port(9090)));
        assertThat(next()).isEqualTo("add process.sockets.listen.queue[port, 8080] port,8080");
        assertThat(next()).isEqualTo("add process.sockets.listen.queue[port, 9090] port,9090");
        feed.replace("process.sockets.listen.queue", List.of(port(9090)));
        assertThat(next()).isEqualTo("remove process.sockets.listen.queue[port, 8080] port,8080");
        assertThat(feed.meters()).hasSize(2);

        subscription.close();
        feed.add(MeterSpec.gauge("other", null, "d", () -> 0));
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("nothing after the subscription ends").isNull();
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void aFailingSubscriberIsCountedAndOthersStillGetTheirEvents() throws Exception {
        feed.apply(e -> {
            throw new IllegalStateException("broken registry");
        });
        feed.apply(this::record);
        feed.add(MeterSpec.gauge("g", null, "d", () -> 0));
        assertThat(next()).isEqualTo("add g ");
        assertThat(status.errorCount()).isEqualTo(1);
        assertThat(status.lastError()).isEqualTo("metrics binder: java.lang.IllegalStateException: broken registry");
    }

    private static MeterSpec port(int port) {
        return MeterSpec.gauge("process.sockets.listen.queue", "connections", "d", () -> 0, "port", Integer.toString(port));
    }
}
