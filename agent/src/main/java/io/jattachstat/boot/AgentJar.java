package io.jattachstat.boot;

import java.net.URL;
import java.nio.file.Path;

/**
 * The agent jar these classes came from, whatever it is called and wherever it is: found through a
 * class only it carries, under jattachstat-inf/. A class of its own, with no JDK module but
 * java.base behind it, so that each entry (agent, CLI, JConsole plugin) can use it in a JVM that
 * lacks the others' modules (JConsole's has no java.instrument).
 */
final class AgentJar {
    private static final String RUNTIME = "io.jattachstat.agent.AgentRuntime";

    private AgentJar() {
    }

    static Path path() throws Exception {
        String entry = IsolatedClassLoader.PREFIX + RUNTIME.replace('.', '/') + ".class";
        URL url = AgentJar.class.getClassLoader().getResource(entry);
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IllegalStateException("no " + entry + " on the class path: not a jattachstat agent jar");
        }
        String file = url.getPath(); // file:/path/agent.jar!/jattachstat-inf/...
        return Path.of(new java.net.URI(file.substring(0, file.indexOf("!/"))));
    }
}
