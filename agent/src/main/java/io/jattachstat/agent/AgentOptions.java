package io.jattachstat.agent;

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
 *   <tr><td>mbeanDelay</td><td>ms to wait before registering MBeans when started with -javaagent (default 0; for application servers that install their own logging manager late)</td></tr>
 *   <tr><td>proc</td><td>the /proc root to read (default /proc)</td></tr>
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
        values.put("proc", "/proc");
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
            case "control" -> value.equals("true") || value.equals("false");
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
