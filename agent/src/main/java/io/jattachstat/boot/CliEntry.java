package io.jattachstat.boot;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * {@code java -jar jattachstat-agent.jar <pid> [options]}: the agent jar is the CLI too, for where it
 * is the only jar there is (a container image that carries it for -javaagent). The CLI's classes sit
 * under jattachstat-inf/ with the agent's, loaded by an {@link IsolatedClassLoader} whose parent is
 * the system class loader (the CLI attaches through jdk.attach, which that loader defines); when it
 * attaches to a JVM with no agent, it loads this very jar into it.
 */
public final class CliEntry {
    private static final String MAIN = "io.jattachstat.cli.Main";

    private CliEntry() {
    }

    public static void main(String[] args) throws Throwable {
        Path jar = AgentJar.path();
        ClassLoader loader = new IsolatedClassLoader(jar, ClassLoader.getSystemClassLoader());
        try {
            loader.loadClass(MAIN).getMethod("fromAgentJar", String.class, String[].class)
                    .invoke(null, jar.toString(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
