package io.jattachstat.metrics;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenTelemetryNamesTest {
    @Test
    void everyMeterNameHasAnInstrumentOfItsOwn() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : SocketMeters.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        assertThat(names).hasSize(7).allSatisfy(n -> assertThat(OpenTelemetryNames.isMapped(n)).as(n).isTrue());
    }

    @Test
    void socketsByStateUseTheConventionsAttributesAndValues() {
        MeterSpec synRecv = MeterSpec.gauge(SocketMeters.SOCKETS, null, "d", () -> 1, "transport", "tcp",
                "state", "syn-recv");
        Map<String, Object> e = synRecv.event("add");
        assertThat(e).containsEntry("otelName", "process.socket.count").containsEntry("otelUnit", "{socket}")
                .containsEntry("otelKind", "updowncounter");
        assertThat((Object[]) e.get("otelAttributes"))
                .containsExactly("network.transport", "tcp", "network.connection.state", "syn_received");
        assertThat(states("fin-wait1", "fin-wait2", "close", "close-wait", "time-wait", "listen", "unconnected"))
                .containsExactly("fin_wait_1", "fin_wait_2", "closed", "close_wait", "time_wait", "listen",
                        "unconnected");
    }

    @Test
    void queuesAreBytesWithTheDirectionOfNetworkIo() {
        MeterSpec send = MeterSpec.gauge(SocketMeters.QUEUE, "bytes", "d", () -> 0, "direction", "send", "transport",
                "udp");
        assertThat(OpenTelemetryNames.instrument(send))
                .isEqualTo(new OpenTelemetryNames.Instrument("process.socket.queue.size", "By", "updowncounter"));
        assertThat(OpenTelemetryNames.attributes(send))
                .containsExactly("network.io.direction", "transmit", "network.transport", "udp");
    }

    @Test
    void aListenersPortIsANumberAndClosesAreCounters() {
        MeterSpec backlog = MeterSpec.gauge(SocketMeters.LISTEN_BACKLOG, "connections", "d", () -> 50, "port", "8080",
                "transport", "tcp");
        assertThat(OpenTelemetryNames.instrument(backlog).name()).isEqualTo("process.socket.listen.queue.limit");
        assertThat(OpenTelemetryNames.attributes(backlog)).containsExactly("server.port", 8080L, "network.transport", "tcp");
        MeterSpec closed = MeterSpec.counter(SocketMeters.CLOSED, null, "d", () -> 3, "by", "gc-cleaner");
        assertThat(OpenTelemetryNames.instrument(closed))
                .isEqualTo(new OpenTelemetryNames.Instrument("process.socket.closed", "{socket}", "counter"));
        assertThat(OpenTelemetryNames.attributes(closed)).containsExactly("jattachstat.closed_by", "gc_cleaner");
    }

    @Test
    void aMeterItDoesNotKnowKeepsItsNameAndTags() {
        MeterSpec other = MeterSpec.counter("process.sockets.future", "bytes", "d", () -> 0, "k", "v");
        assertThat(OpenTelemetryNames.instrument(other))
                .isEqualTo(new OpenTelemetryNames.Instrument("process.sockets.future", "bytes", "counter"));
        assertThat(OpenTelemetryNames.attributes(other)).containsExactly("k", "v");
    }

    private static List<Object> states(String... tags) {
        return Arrays.stream(tags)
                .map(t -> OpenTelemetryNames.attributes(MeterSpec.gauge(SocketMeters.SOCKETS, null, "d", () -> 0,
                        "state", t))[1])
                .toList();
    }
}
