package io.jattachstat.cli;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.jattachstat.Errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the agent in a target JVM, loading it with the JDK's Attach API if it is not there, once:
 * a JVM started with -javaagent is never loaded again (its agent may still be starting), one that
 * already has the agent (loaded by jcmd, say) is not either, and concurrent CLIs take turns
 * ({@link LoadLock}), so JDK 21+'s dynamic-load warning (JEP 451) appears at most once in its log.
 */
final class AgentLoader {
    private static final String EMBEDDED = "jattachstat-agent.jar";
    /** The agent sets this system property as it starts. */
    private static final String LOADED_PROPERTY = "jattachstat.agent";
    private static final long SOCKET_WAIT_MILLIS = 10_000;

    /** The agent's control socket, or why there is none to use. */
    record Outcome(Path socket, String why) {
        static Outcome failed(String why) {
            return new Outcome(null, why);
        }
    }

    private AgentLoader() {
    }

    /** The target's agent socket, loading the agent first if need be; {@code notes} gets side remarks. */
    static Outcome ensure(TargetProcess target, PrintStream notes) {
        long started = target.startTime();
        AgentSocket.Lookup found = AgentSocket.find(target);
        if (found.unsafe() != null) {
            return Outcome.failed(found.unsafe());
        }
        if (found.found()) {
            return new Outcome(found.path(), null);
        }
        if (target.startedWithAgent()) {
            return awaitSocket(target, started, "the agent given with -javaagent");
        }
        if (!target.isJvm()) {
            return Outcome.failed(target.pid + " is not a JVM");
        }
        try (LoadLock lock = LoadLock.take(target)) {
            if (lock.note() != null) {
                notes.println(Cli.PROGRAM + ": " + lock.note());
            }
            // Another CLI may have loaded it while this one waited for the lock.
            found = AgentSocket.find(target);
            if (found.found() || found.unsafe() != null) {
                return found.found() ? new Outcome(found.path(), null) : Outcome.failed(found.unsafe());
            }
            return load(target, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    private static Outcome load(TargetProcess target, long started) {
        System.setProperty("sun.tools.attach.attachTimeout", "5000");
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Integer.toString(target.pid));
        } catch (AttachNotSupportedException | IOException e) {
            return Outcome.failed("cannot attach to " + target.pid + " (" + reason(e) + ")");
        }
        StagedJar jar = null;
        try {
            if (vm.getSystemProperties().getProperty(LOADED_PROPERTY) != null) {
                // Loaded by other means (jcmd, jattach, a CLI that found no lock): only wait for it.
                return awaitSocket(target, started, "the agent already loaded");
            }
            try {
                jar = StagedJar.write(target, embeddedJar());
            } catch (IOException e) {
                return Outcome.failed("cannot put the agent jar into the target's /tmp (" + Errors.describe(e) + ")");
            }
            vm.loadAgent(jar.pathInTarget(), "");
            return awaitSocket(target, started, "the agent loaded");
        } catch (AgentLoadException e) {
            String message = String.valueOf(e.getMessage());
            return Outcome.failed(message.contains("not enabled") || message.contains("EnableDynamicAgentLoading")
                    ? "the JVM forbids dynamic agents (-XX:-EnableDynamicAgentLoading); start it with -javaagent for more"
                    : "the JVM refused the agent (" + Errors.describe(e) + ")");
        } catch (Exception e) {
            return Outcome.failed("loading the agent failed (" + reason(e) + ")");
        } finally {
            detach(vm);
            // The agent's class loaders hold the jar open by now, or it never started: either way
            // nothing will open it by its path again.
            if (jar != null) {
                jar.close();
            }
        }
    }

    /**
     * Waits for the agent's socket (its start is asynchronous); stops early if the target exits, or
     * its pid is taken by another process.
     */
    private static Outcome awaitSocket(TargetProcess target, long started, String which) {
        long deadline = System.nanoTime() + SOCKET_WAIT_MILLIS * 1_000_000L;
        while (true) {
            AgentSocket.Lookup found = AgentSocket.find(target);
            if (found.found()) {
                return new Outcome(found.path(), null);
            }
            if (found.unsafe() != null) {
                return Outcome.failed(found.unsafe());
            }
            if (!target.isStill(started)) {
                return Outcome.failed("the JVM " + target.pid + " exited before " + which + " answered");
            }
            if (System.nanoTime() > deadline) {
                return Outcome.failed(which + " (pid " + target.pid + ") opened no control socket in "
                        + SOCKET_WAIT_MILLIS / 1000 + " s (see its log, or --no-attach)");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed("interrupted");
            }
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // the load is done or failed either way
        }
    }

    private static String reason(Exception e) {
        String m = Errors.describe(e);
        if (m.contains("not support the attach mechanism") || m.contains("DisableAttachMechanism")) {
            return "attach is disabled: -XX:+DisableAttachMechanism";
        }
        return m;
    }

    /**
     * Running from the agent jar itself ({@code java -jar jattachstat-agent.jar}): the jar to load into
     * a JVM is that one. Set once, before anything else runs; null when the CLI runs from its own jar.
     */
    private static volatile Path runningAgentJar;

    static void runningFromAgentJar(Path jar) {
        runningAgentJar = jar;
    }

    /**
     * The class a demo JVM runs for {@code zoo}: on the agent jar's class path, its boot entry that
     * runs the zoo from where the CLI's classes are (jattachstat-inf/).
     */
    static String zooMainClass(String zoo) {
        return runningAgentJar != null ? "io.jattachstat.boot.DemoEntry" : zoo;
    }

    /** The agent jar's bytes: the jar the CLI runs from, if that is the agent jar, else the one the CLI jar carries. */
    static byte[] embeddedJar() throws IOException {
        Path self = runningAgentJar;
        if (self != null) {
            return Files.readAllBytes(self);
        }
        try (InputStream in = AgentLoader.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IOException("the agent jar is missing from the CLI jar");
            }
            return in.readAllBytes();
        }
    }
}
