package io.jattachstat.boot;

import java.lang.reflect.InvocationTargetException;

/**
 * The demo's JVM when the CLI runs from the agent jar ({@code java -jar jattachstat-agent.jar
 * --demo}): its socket zoo sits under jattachstat-inf/ with the CLI, so this runs it from there.
 */
public final class DemoEntry {
    private static final String ZOO = "io.jattachstat.cli.demo.SocketZoo";

    private DemoEntry() {
    }

    public static void main(String[] args) throws Throwable {
        ClassLoader loader = new IsolatedClassLoader(AgentJar.path(), ClassLoader.getSystemClassLoader());
        try {
            loader.loadClass(ZOO).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
