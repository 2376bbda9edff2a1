package io.jattachstat.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The meters as OpenTelemetry names them (docs/metrics.md, "OpenTelemetry"): dotted singular names
 * with a unit in UCUM ({@code By}, {@code {socket}}), the instrument its semantic conventions pick
 * (counts and bytes that add up across attributes are up-down counters), and the attributes of the
 * conventions where there is one: {@code network.transport}, {@code network.connection.state} with
 * its values ({@code syn_received}, {@code fin_wait_1}, {@code closed}), {@code network.io.direction}
 * ({@code transmit} for send), {@code server.port} as a number.
 */
final class OpenTelemetryNames {
    static final String UP_DOWN_COUNTER = "updowncounter";
    static final String COUNTER = "counter";

    /** The OpenTelemetry instrument of one Micrometer meter name. */
    record Instrument(String name, String unit, String kind) {
    }

    private static final Map<String, Instrument> INSTRUMENTS = Map.of(
            SocketMeters.SOCKETS, new Instrument("process.socket.count", "{socket}", UP_DOWN_COUNTER),
            SocketMeters.QUEUE, new Instrument("process.socket.queue.size", "By", UP_DOWN_COUNTER),
            SocketMeters.LISTEN_QUEUE, new Instrument("process.socket.listen.queue.size", "{connection}", UP_DOWN_COUNTER),
            SocketMeters.LISTEN_BACKLOG, new Instrument("process.socket.listen.queue.limit", "{connection}",
                    UP_DOWN_COUNTER),
            SocketMeters.OPENED, new Instrument("process.socket.opened", "{socket}", COUNTER),
            SocketMeters.CLOSED, new Instrument("process.socket.closed", "{socket}", COUNTER),
            SocketMeters.UNTRACKED, new Instrument("process.socket.origin.unknown", "{socket}", UP_DOWN_COUNTER));

    private static final Map<String, String> ATTRIBUTES = Map.of(
            "transport", "network.transport",
            "state", "network.connection.state",
            "direction", "network.io.direction",
            "port", "server.port",
            "by", "jattachstat.closed_by");

    /** TCP's states as the conventions spell them where a Micrometer tag differs by more than '-' for '_'. */
    private static final Map<String, String> STATES = Map.of(
            "syn-recv", "syn_received",
            "fin-wait1", "fin_wait_1",
            "fin-wait2", "fin_wait_2",
            "close", "closed");

    private OpenTelemetryNames() {
    }

    /** Whether {@code micrometerName} has an instrument of its own here (every meter of SocketMeters does). */
    static boolean isMapped(String micrometerName) {
        return INSTRUMENTS.containsKey(micrometerName);
    }

    /** The instrument; a meter this does not know keeps its name, as an up-down counter or a counter. */
    static Instrument instrument(MeterSpec meter) {
        Instrument known = INSTRUMENTS.get(meter.name());
        if (known != null) {
            return known;
        }
        return new Instrument(meter.name(), meter.unit(),
                MeterSpec.COUNTER.equals(meter.type()) ? COUNTER : UP_DOWN_COUNTER);
    }

    /** The attributes, names and values alternating; values are Strings, or Longs for numbers. */
    static Object[] attributes(MeterSpec meter) {
        List<Object> out = new ArrayList<>();
        List<String> tags = meter.tags();
        for (int i = 0; i + 1 < tags.size(); i += 2) {
            String tag = tags.get(i);
            String value = tags.get(i + 1);
            String name = ATTRIBUTES.getOrDefault(tag, tag);
            out.add(name);
            out.add(switch (tag) {
                case "state" -> STATES.getOrDefault(value, value.replace('-', '_'));
                case "direction" -> value.equals("send") ? "transmit" : value;
                case "port" -> Long.valueOf(value);
                case "by" -> value.replace('-', '_');
                default -> value;
            });
        }
        return out.toArray();
    }
}
