package io.jattachstat.origins;

import java.util.Arrays;

/**
 * A captured stack, innermost first, cut to the configured depth. Equal stacks are interned by
 * {@link StackTable}, so thousands of sockets opened by one code path share one instance.
 *
 * @param frames  "class.method(File:line)" per frame
 * @param origin  index in {@code frames} of the origin frame (the first outside the JDK and the agent), or -1
 */
public record Stack(String[] frames, int origin) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Stack s && s.origin == origin && Arrays.equals(s.frames, frames);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frames) * 31 + origin;
    }

    /** Rough bytes this stack retains (array, strings are shared with the frame table). */
    long retainedBytes() {
        return 16 + 8L * frames.length + 24;
    }
}
