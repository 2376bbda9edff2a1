package io.jattachstat.origins;

import java.io.FileDescriptor;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can be known, without a heap walk, of the sockets a JVM opened before the agent was loaded:
 * the JDK registers some of its socket objects with its common {@link java.lang.ref.Cleaner} (to
 * close them if they become unreachable), and each registration's action holds the socket's fd.
 *
 * <ul>
 *   <li>{@code NioSocketImpl} (behind every {@code java.net.Socket} and {@code ServerSocket}) registers
 *       a closer: its fd says "a Socket or ServerSocket" (the listening state tells which);</li>
 *   <li>{@code DatagramChannelImpl} (behind {@code DatagramSocket} and {@code DatagramChannel})
 *       registers a releaser: "a DatagramSocket or DatagramChannel";</li>
 *   <li>{@code SocketChannel}, {@code ServerSocketChannel}, the asynchronous channels and sockets
 *       made by native code register nothing: they stay plain "opened before the agent".</li>
 * </ul>
 *
 * Where the code that opened them was is not knowable at all: nothing keeps a stack.
 *
 * <p>The cleaner's list is the JDK's own, read once at the agent's start under the list's lock (the
 * JDK holds it for a few instructions per registration). JDK 17 keeps a linked list of cleanables,
 * JDK 22+ arrays in linked nodes; anything else reads as "nothing known", never as an error.
 */
final class CleanerInventory {
    static final String SOCKET = "java.net.Socket";
    static final String DATAGRAM = "java.net.DatagramSocket or DatagramChannel";

    private CleanerInventory() {
    }

    /** The Java kind of each socket fd the common cleaner knows, by fd; empty if it cannot be read. */
    static Map<Integer, String> socketKindsByFd(Instrumentation inst) {
        try {
            Module javaBase = Object.class.getModule();
            Set<Module> agent = Set.of(CleanerInventory.class.getModule());
            inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("jdk.internal.ref", agent, "java.lang.ref", agent, "java.io", agent),
                    Set.of(), Map.of());
            Object cleaner = Class.forName("jdk.internal.ref.CleanerFactory").getMethod("cleaner").invoke(null);
            Object impl = field(java.lang.ref.Cleaner.class, "impl").get(cleaner);
            Map<Integer, String> kinds = new HashMap<>();
            for (Object cleanable : cleanables(impl)) {
                kindOf(cleanable, kinds);
            }
            return kinds;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Map.of();
        }
    }

    /** Every registered cleanable, taken under the list's lock. */
    private static List<Object> cleanables(Object impl) throws ReflectiveOperationException {
        List<Object> all = new ArrayList<>();
        Class<?> type = impl.getClass();
        Field jdk17 = optionalField(type, "phantomCleanableList");
        if (jdk17 != null) {
            Object head = jdk17.get(impl);
            Field next = field(Class.forName("jdk.internal.ref.PhantomCleanable"), "next");
            synchronized (head) {
                for (Object c = next.get(head); c != null && c != head && all.size() < 10_000_000; c = next.get(c)) {
                    all.add(c);
                }
            }
            return all;
        }
        Object list = field(type, "activeList").get(impl);
        Field head = field(list.getClass(), "head");
        synchronized (list) {
            for (Object node = head.get(list); node != null; node = field(node.getClass(), "next").get(node)) {
                Object array = field(node.getClass(), "arr").get(node);
                int size = field(node.getClass(), "size").getInt(node);
                for (int i = 0; i < size; i++) {
                    all.add(Array.get(array, i));
                }
            }
        }
        return all;
    }

    /** Adds the fd and kind of one cleanable whose action is a JDK socket's closer. */
    private static void kindOf(Object cleanable, Map<Integer, String> kinds) throws ReflectiveOperationException {
        Field actionField = optionalField(cleanable.getClass(), "action");
        Object action = actionField == null ? null : actionField.get(cleanable);
        if (action == null) {
            return;
        }
        String name = action.getClass().getName();
        String kind = name.startsWith("sun.nio.ch.NioSocketImpl") ? SOCKET
                : name.startsWith("sun.nio.ch.DatagramChannelImpl") ? DATAGRAM : null;
        if (kind == null) {
            return;
        }
        for (Field f : action.getClass().getDeclaredFields()) { // the lambda's captured FileDescriptor
            if (f.getType() == FileDescriptor.class) {
                f.setAccessible(true);
                Object fd = f.get(action);
                Field value = field(FileDescriptor.class, "fd");
                int n = fd == null ? -1 : value.getInt(fd);
                if (n >= 0) {
                    kinds.put(n, kind);
                }
            }
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = optionalField(type, name);
        if (f == null) {
            throw new NoSuchFieldException(type.getName() + "." + name);
        }
        return f;
    }

    private static Field optionalField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
