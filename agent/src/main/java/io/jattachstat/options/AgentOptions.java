package io.jattachstat.options;

import io.jattachstat.proc.Digits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's options: {@code -javaagent:jattachstat-agent.jar=key=value,key=value}. Parsed strictly:
 * an unknown key or a bad value is an error, reported once, and its default is used; the
 * application starts normally either way.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><td>refresh</td><td>minimum age of a /proc snapshot before it is read again, in ms (default 1000, 100..3600000)</td></tr>
 *   <tr><td>control</td><td>{@code true}: serve jattachstat on an owner-only unix socket in /tmp (default); {@code false}: MBeans only</td></tr>
 *   <tr><td>jna</td><td>{@code auto} (default): load JNA for TCP_INFO unless that makes JDK 24+ print a native-access warning; {@code true}; {@code false}</td></tr>
 *   <tr><td>hookWait</td><td>with -javaagent, the most ms an application thread waits for the hooks when it loads a socket class before they are ready (default 10000, 0..60000; 0: never, and sockets opened then are "unknown")</td></tr>
 *   <tr><td>mbeanDelay</td><td>ms to wait before registering MBeans when started with -javaagent (default 0; for application servers that install their own logging manager late)</td></tr>
 *   <tr><td>proc</td><td>the /proc root to read (default /proc)</td></tr>
 *   <tr><td>origins</td><td>{@code true} (default): hook socket creation, accept and close to record origins; {@code false}: no socket hooks (and no wait hooks)</td></tr>
 *   <tr><td>waits</td><td>{@code true} (default): hook the socket operations that may block, for {@code --blocked} and the blocked alert; {@code false}: {@code --blocked} reads /proc alone</td></tr>
 *   <tr><td>stacks</td><td>{@code off}, {@code sampled} (default) or {@code always}: how much stack the socket hooks capture (switchable in the Agent MBean)</td></tr>
 *   <tr><td>sampleEvery</td><td>in sampled mode, one socket (and one close) in this many gets a full stack (default 16, 1..65536, rounded down to a power of two)</td></tr>
 *   <tr><td>walksPerSecond</td><td>in sampled mode, stack walks per second before sampling starts (default 1000, 1..1000000)</td></tr>
 *   <tr><td>stackDepth</td><td>frames kept per stack, from the JDK call outwards (default 16, 2..128)</td></tr>
 *   <tr><td>maxSockets</td><td>socket records kept at most (default 100000, 16..10000000)</td></tr>
 *   <tr><td>maxStacks</td><td>distinct stacks kept at most (default 4096, 16..1000000)</td></tr>
 *   <tr><td>closeRing</td><td>closes remembered for TIME_WAIT attribution, about 60 s worth (default 65536, 16..4194304, rounded down to a power of two)</td></tr>
 *   <tr><td>originSkip</td><td>package prefixes (separated by {@code |}) of frameworks whose frames are not an origin if the stack has any other (default {@code io.netty.})</td></tr>
 *   <tr><td>micrometer</td><td>{@code true} (default): bind the socket meters to Micrometer's {@code Metrics.globalRegistry} when the application has Micrometer; {@code false}: only explicit binders get them</td></tr>
 *   <tr><td>opentelemetry</td><td>{@code true} (default): register the socket meters on the global OpenTelemetry's meter provider once the application sets one; {@code false}: not</td></tr>
 *   <tr><td>listenerMeters</td><td>{@code true} (default): an accept-queue and a backlog meter per listening TCP port; {@code false}: none</td></tr>
 *   <tr><td>check</td><td>how often the agent looks at its sockets unasked, for the listener MBeans and the alerts, in ms (default 5000, 100..3600000; never more often than refresh)</td></tr>
 *   <tr><td>alertAcceptQueue</td><td>alert when a listener's accept queue reaches this fraction of its backlog (default 0.8; 0: off)</td></tr>
 *   <tr><td>alertCloseWait</td><td>alert when this many sockets are in CLOSE_WAIT (default 100; 0: off)</td></tr>
 *   <tr><td>alertFds</td><td>alert when open file descriptors reach this fraction of the limit (default 0.9; 0: off)</td></tr>
 *   <tr><td>alertBlocked</td><td>alert when a thread has waited on a socket with no timeout this many seconds (default 60, 0..86400; 0: off)</td></tr>
 *   <tr><td>alertHysteresis</td><td>an alert clears when its value falls below threshold &times; (1 - this) (default 0.2)</td></tr>
 * </table>
 */
public final class AgentOptions {
    /** The value in force for each option, in a fixed order, for the Agent MBean. */
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private AgentOptions() {
        values.put("refresh", "1000");
        values.put("control", "true");
        values.put("jna", "auto");
        values.put("mbeanDelay", "0");
        values.put("hookWait", "10000");
        values.put("proc", "/proc");
        values.put("origins", "true");
        values.put("waits", "true");
        values.put("stacks", "sampled");
        values.put("sampleEvery", "16");
        values.put("walksPerSecond", "1000");
        values.put("stackDepth", "16");
        values.put("maxSockets", "100000");
        values.put("maxStacks", "4096");
        values.put("closeRing", "65536");
        values.put("originSkip", "io.netty.");
        values.put("micrometer", "true");
        values.put("opentelemetry", "true");
        values.put("listenerMeters", "true");
        values.put("check", "5000");
        values.put("alertAcceptQueue", "0.8");
        values.put("alertCloseWait", "100");
        values.put("alertFds", "0.9");
        values.put("alertBlocked", "60");
        values.put("alertHysteresis", "0.2");
    }

    public static AgentOptions parse(String text) {
        AgentOptions o = new AgentOptions();
        if (text == null || text.isBlank()) {
            return o;
        }
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            String value = eq < 0 ? null : item.substring(eq + 1).trim();
            if (!o.values.containsKey(key)) {
                o.errors.add("unknown agent option '" + key + "' (known: " + String.join(", ", o.values.keySet()) + ")");
            } else if (value == null || !valid(key, value)) {
                o.errors.add("bad value " + (value == null ? "(none)" : "'" + value + "'") + " for agent option '"
                        + key + "'; using " + o.values.get(key));
            } else {
                o.values.put(key, value);
            }
        }
        return o;
    }

    private static boolean valid(String key, String value) {
        return switch (key) {
            case "refresh" -> isLongIn(value, 100, 3_600_000);
            case "mbeanDelay" -> isLongIn(value, 0, 600_000);
            case "hookWait" -> isLongIn(value, 0, 60_000); // read in premain by the boot package, before this
            case "control", "origins", "waits", "micrometer", "opentelemetry", "listenerMeters" -> value.equals("true") || value.equals("false");
            case "check" -> isLongIn(value, 100, 3_600_000);
            case "alertCloseWait" -> isLongIn(value, 0, 100_000_000);
            case "alertBlocked" -> isLongIn(value, 0, 86_400);
            case "alertAcceptQueue", "alertFds", "alertHysteresis" -> isFraction(value);
            case "stacks" -> value.equals("off") || value.equals("sampled") || value.equals("always");
            case "sampleEvery" -> isLongIn(value, 1, 65_536);
            case "stackDepth" -> isLongIn(value, 2, 128);
            case "walksPerSecond" -> isLongIn(value, 1, 1_000_000);
            case "maxSockets" -> isLongIn(value, 16, 10_000_000);
            case "maxStacks" -> isLongIn(value, 16, 1_000_000);
            case "closeRing" -> isLongIn(value, 16, 4_194_304);
            case "originSkip" -> !value.isEmpty();
            case "jna" -> value.equals("auto") || value.equals("true") || value.equals("false");
            case "proc" -> value.startsWith("/");
            default -> false;
        };
    }

    private static boolean isLongIn(String value, long min, long max) {
        if (!Digits.isDigits(value, 9)) {
            return false;
        }
        long v = Long.parseLong(value);
        return v >= min && v <= max;
    }

    /** A decimal from 0 to 1: "0", "1", "0.8", ".75". */
    private static boolean isFraction(String value) {
        if (!value.matches("(0|1)?(\\.[0-9]{1,6})?") || value.isEmpty() || value.equals(".")) {
            return false;
        }
        double v = Double.parseDouble(value);
        return v >= 0 && v <= 1;
    }

    public Duration refresh() {
        return Duration.ofMillis(Long.parseLong(values.get("refresh")));
    }

    public boolean control() {
        return Boolean.parseBoolean(values.get("control"));
    }

    /** "auto", "true" or "false". */
    public String jna() {
        return values.get("jna");
    }

    public Duration mbeanDelay() {
        return Duration.ofMillis(Long.parseLong(values.get("mbeanDelay")));
    }

    public String procRoot() {
        return values.get("proc");
    }

    public boolean origins() {
        return Boolean.parseBoolean(values.get("origins"));
    }

    /** "off", "sampled" or "always". */
    public String stacks() {
        return values.get("stacks");
    }

    public int sampleEvery() {
        return Integer.parseInt(values.get("sampleEvery"));
    }

    public int walksPerSecond() {
        return Integer.parseInt(values.get("walksPerSecond"));
    }

    public int stackDepth() {
        return Integer.parseInt(values.get("stackDepth"));
    }

    public int maxSockets() {
        return Integer.parseInt(values.get("maxSockets"));
    }

    public int maxStacks() {
        return Integer.parseInt(values.get("maxStacks"));
    }

    /** The close ring's size, a power of two. */
    public int closeRing() {
        return Integer.highestOneBit(Integer.parseInt(values.get("closeRing")));
    }

    public List<String> originSkip() {
        return List.of(values.get("originSkip").split("\\|"));
    }

    public boolean micrometer() {
        return Boolean.parseBoolean(values.get("micrometer"));
    }

    public boolean openTelemetry() {
        return Boolean.parseBoolean(values.get("opentelemetry"));
    }

    public boolean listenerMeters() {
        return Boolean.parseBoolean(values.get("listenerMeters"));
    }

    public Duration check() {
        return Duration.ofMillis(Long.parseLong(values.get("check")));
    }

    public double alertAcceptQueue() {
        return Double.parseDouble(values.get("alertAcceptQueue"));
    }

    public int alertCloseWait() {
        return Integer.parseInt(values.get("alertCloseWait"));
    }

    public double alertFds() {
        return Double.parseDouble(values.get("alertFds"));
    }

    public int alertBlocked() {
        return Integer.parseInt(values.get("alertBlocked"));
    }

    public boolean waits() {
        return Boolean.parseBoolean(values.get("waits"));
    }

    public double alertHysteresis() {
        return Double.parseDouble(values.get("alertHysteresis"));
    }

    /** The problems found, one sentence each. */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** "key=value,..." as in force. */
    public String inForce() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(b.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }
}
