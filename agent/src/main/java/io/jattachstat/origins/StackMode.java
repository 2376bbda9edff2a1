package io.jattachstat.origins;

import java.util.Locale;

/**
 * How much of the Java stack a hook captures.
 * <ul>
 *   <li>{@code off}: none; records keep fd, kind, thread and time, and their origin reads "stacks off".</li>
 *   <li>{@code sampled} (default): every opened socket gets its origin frame (a short walk that stops
 *       there); the full short stack is kept for the first socket of each origin and then one socket
 *       in {@code sampleEvery}; one close in {@code sampleEvery} records its closing origin.</li>
 *   <li>{@code always}: the full short stack of every open and every close.</li>
 * </ul>
 */
public enum StackMode {
    OFF, SAMPLED, ALWAYS;

    /** The mode named (any case), or null. */
    public static StackMode parse(String name) {
        for (StackMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
