package io.jattachstat.origins;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds who is calling: the origin frame (the first frame outside the JDK and the agent, and
 * outside frameworks named in {@code originSkip} when the stack has any other frame), the JDK API
 * class it called, and on request a short stack from there outwards.
 *
 * <p>Cost matters, since this runs inside the application's socket calls: a {@link StackWalker}
 * walk stops at the origin unless the full stack is wanted, and frame texts are cached by (class,
 * method, bytecode index), because computing a line number is the expensive part of a frame.
 * Everything it keeps is bounded: frame texts and distinct stacks.
 */
final class StackCapture {
    /** What one walk found. {@code stack} is null unless asked for (or over the distinct-stack bound). */
    record Capture(String origin, String api, Stack stack) {
    }

    private record FrameKey(String type, String method, int bci) {
    }

    /**
     * Without class references: deciding by class name is about twice as fast as asking each
     * frame's class for its loader, and this runs inside the application's socket calls.
     */
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(), 16);
    /** The JDK's packages (java.* and javax.* of the JDK's modules; jdk.*, sun.*, com.sun.* by convention). */
    private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private final Predicate<String> agentClass;
    private final String[] skipped;
    private final int depth;
    private final int maxStacks;
    private final int maxFrames;
    private final ConcurrentHashMap<FrameKey, String> frameTexts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Stack, Stack> stacks = new ConcurrentHashMap<>();
    private final AtomicLong stackBytes = new AtomicLong();
    private final AtomicLong stacksDropped = new AtomicLong();
    private final Function<Stream<StackWalker.StackFrame>, Capture> originOnly = s -> walk(s, false);
    private final Function<Stream<StackWalker.StackFrame>, Capture> withStack = s -> walk(s, true);

    /** @param agentClass which class names are the agent's own (whose frames are on the stack while it records) */
    StackCapture(Predicate<String> agentClass, List<String> skipped, int depth, int maxStacks) {
        this.agentClass = agentClass;
        this.skipped = skipped.toArray(new String[0]);
        this.depth = depth;
        this.maxStacks = maxStacks;
        this.maxFrames = maxStacks * 4;
    }

    Capture capture(boolean fullStack) {
        return WALKER.walk(fullStack ? withStack : originOnly);
    }

    int distinctStacks() {
        return stacks.size();
    }

    long stacksDropped() {
        return stacksDropped.get();
    }

    int maxStacks() {
        return maxStacks;
    }

    /** Rough bytes retained by interned stacks and frame texts. */
    long retainedBytes() {
        return stackBytes.get() + frameTexts.size() * 120L;
    }

    private Capture walk(Stream<StackWalker.StackFrame> frames, boolean fullStack) {
        Iterator<StackWalker.StackFrame> it = frames.iterator();
        StackWalker.StackFrame lastJdk = null;
        StackWalker.StackFrame fallback = null; // first non-JDK frame, if all of them are skipped frameworks
        String fallbackApi = null;
        while (it.hasNext()) {
            StackWalker.StackFrame f = it.next();
            String type = f.getClassName();
            if (isJdkOrAgent(type)) {
                lastJdk = f;
                continue;
            }
            String api = lastJdk == null ? null : lastJdk.getClassName();
            if (isSkipped(type)) {
                if (fallback == null) {
                    fallback = f;
                    fallbackApi = api;
                }
                continue;
            }
            return found(f, api, lastJdk, it, fullStack);
        }
        if (fallback != null) {
            return new Capture(text(fallback), fallbackApi, null);
        }
        return new Capture(null, lastJdk == null ? null : lastJdk.getClassName(), null);
    }

    private Capture found(StackWalker.StackFrame origin, String api, StackWalker.StackFrame apiFrame,
                          Iterator<StackWalker.StackFrame> outer, boolean fullStack) {
        String originText = text(origin);
        if (!fullStack) {
            return new Capture(originText, api, null);
        }
        List<String> texts = new ArrayList<>(depth);
        int originIndex = 0;
        if (apiFrame != null) {
            texts.add(text(apiFrame));
            originIndex = 1;
        }
        texts.add(originText);
        while (texts.size() < depth && outer.hasNext()) {
            texts.add(text(outer.next()));
        }
        return new Capture(originText, api, intern(new Stack(texts.toArray(new String[0]), originIndex)));
    }

    private Stack intern(Stack stack) {
        Stack known = stacks.get(stack);
        if (known != null) {
            return known;
        }
        if (stacks.size() >= maxStacks) {
            stacksDropped.incrementAndGet();
            return null;
        }
        known = stacks.putIfAbsent(stack, stack);
        if (known != null) {
            return known;
        }
        stackBytes.addAndGet(stack.retainedBytes());
        return stack;
    }

    private String text(StackWalker.StackFrame f) {
        FrameKey key = new FrameKey(f.getClassName(), f.getMethodName(), f.getByteCodeIndex());
        String text = frameTexts.get(key);
        if (text == null) {
            text = format(f);
            if (frameTexts.size() < maxFrames) {
                frameTexts.putIfAbsent(key, text);
            }
        }
        return text;
    }

    /** As StackTraceElement prints it, without the module and class loader prefixes. */
    static String format(StackWalker.StackFrame f) {
        StringBuilder b = new StringBuilder(96).append(f.getClassName()).append('.').append(f.getMethodName()).append('(');
        String file = f.getFileName();
        int line = f.getLineNumber();
        if (line == -2) {
            b.append("Native Method");
        } else if (file == null) {
            b.append("Unknown Source");
        } else {
            b.append(file);
            if (line >= 0) {
                b.append(':').append(line);
            }
        }
        return b.append(')').toString();
    }

    private boolean isJdkOrAgent(String className) {
        for (String p : JDK_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return agentClass.test(className);
    }

    private boolean isSkipped(String className) {
        for (String s : skipped) {
            // "io.netty." also matches a shaded "com.acme.shaded.io.netty."
            if (className.startsWith(s) || className.contains("." + s)) {
                return true;
            }
        }
        return false;
    }
}
