package io.jattachstat.e2e.apps;

import com.sun.jna.Function;
import com.sun.jna.Native;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.bytebuddy.ByteBuddy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * An application with its own JNA, Byte Buddy and Micrometer on its class path. It opens a listener
 * (so an agent would query TCP_INFO through its own JNA), prints READY, and on "go" uses its three
 * libraries and prints which copies it got.
 */
public final class IsolationApp {
    public static void main(String[] args) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 7, InetAddress.getLoopbackAddress())) {
            System.out.println("READY " + ProcessHandle.current().pid() + " " + listener.getLocalPort());
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("jna=" + Native.VERSION + " " + where(Native.class));
            System.out.println("getpid=" + Function.getFunction("c", "getpid").invokeInt(new Object[0]));
            Class<?> made = new ByteBuddy().subclass(Object.class).name("io.jattachstat.e2e.apps.Made").make()
                    .load(IsolationApp.class.getClassLoader()).getLoaded();
            System.out.println("bytebuddy=" + made.getName() + " " + where(ByteBuddy.class));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Counter counter = registry.counter("isolation.test");
            counter.increment();
            System.out.println("micrometer=" + counter.count() + " " + where(SimpleMeterRegistry.class));
            System.out.println("agent=" + System.getProperty("jattachstat.agent"));
            System.out.println("DONE");
        }
    }

    private static String where(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation().getPath();
    }
}
