package io.jattachstat.cli;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.jattachstat.Version;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;

/**
 * Loads the agent into a running JVM with the JDK's Attach API, once: the CLI only gets here when
 * the target has no agent socket yet, so a JVM started with -javaagent is never loaded again, and
 * JDK 21+'s dynamic-load warning (JEP 451) appears at most once in its log.
 *
 * <p>The agent jar travels inside the CLI jar. It is copied into the target's own /tmp (through
 * /proc/pid/root), because the JVM opens the jar by path in its mount namespace, which for a
 * container is not ours.
 */
final class AgentLoader {
    private static final String EMBEDDED = "jattachstat-agent.jar";

    private AgentLoader() {
    }

    /**
     * Puts the agent jar into the /tmp under {@code root} (a process's /proc/pid/root, or "/");
     * returns its path as seen from that root. Named by content: a jar already there under this
     * name is this very jar.
     */
    static String extractTo(Path root) throws IOException {
        byte[] jar = embeddedJar();
        String path = "/tmp/jattachstat-agent-" + Version.get() + "-" + crc32(jar) + ".jar";
        copyAgentJar(jar, root.resolve(path.substring(1)));
        return path;
    }

    /** Loads the agent; returns null on success, or why it could not be loaded, in a few words. */
    static String load(TargetProcess target) {
        String pathInTarget;
        try {
            pathInTarget = extractTo(target.root());
        } catch (IOException e) {
            return "cannot put the agent jar into the target's /tmp (" + e.getMessage() + ")";
        }
        System.setProperty("sun.tools.attach.attachTimeout", "5000");
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Integer.toString(target.pid));
        } catch (AttachNotSupportedException | IOException e) {
            return "cannot attach to " + target.pid + " (" + reason(e) + ")";
        }
        try {
            vm.loadAgent(pathInTarget, "");
            return null;
        } catch (AgentLoadException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("not enabled") || message.contains("EnableDynamicAgentLoading")
                    ? "the JVM forbids dynamic agents (-XX:-EnableDynamicAgentLoading); start it with -javaagent for more"
                    : "the JVM refused the agent (" + message + ")";
        } catch (Exception e) {
            return "loading the agent failed (" + reason(e) + ")";
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // the load is done or failed either way
            }
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("not support the attach mechanism") || m.contains("DisableAttachMechanism")) {
            return "attach is disabled: -XX:+DisableAttachMechanism";
        }
        return m.lines().findFirst().orElse(m);
    }

    private static byte[] embeddedJar() throws IOException {
        try (InputStream in = AgentLoader.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IOException("the agent jar is missing from the CLI jar");
            }
            return in.readAllBytes();
        }
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }

    /** Writes the agent jar to {@code dest} unless it is there already (its name says its content). */
    private static void copyAgentJar(byte[] jar, Path dest) throws IOException {
        if (Files.isRegularFile(dest) && Files.size(dest) == jar.length) {
            return;
        }
        Path tmp = Files.createTempFile(dest.getParent(), ".jattachstat-agent", ".tmp");
        try {
            Files.write(tmp, jar);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
