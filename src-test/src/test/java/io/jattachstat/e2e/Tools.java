package io.jattachstat.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the commands the end-to-end tests need: the oracles, the launcher, the JDKs. */
final class Tools {
    /** What a finished command printed. Output is decoded byte for byte (ISO-8859-1), as compared. */
    record Result(int status, String out, String err) {
    }

    private Tools() {
    }

    static Path launcher() {
        Path p = Path.of(System.getProperty("jattachstat.launcher", "../attach-cli/target/jattachstat"));
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("build the CLI first (mvn package): " + p.toAbsolutePath());
        }
        return p.toAbsolutePath().normalize();
    }

    static Path cliJar() {
        return launcher().resolveSibling("jattachstat.jar");
    }

    /** The JDKs every end-to-end test runs on: the one running the tests, and Temurin 25. */
    static List<Path> jdks() {
        List<Path> jdks = new ArrayList<>();
        jdks.add(Path.of(System.getProperty("java.home")));
        Path jdk25 = Path.of(System.getProperty("jattachstat.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (Files.isExecutable(jdk25.resolve("bin/java"))) {
            jdks.add(jdk25);
        } else {
            require(false, "the Temurin 25 JDK at " + jdk25);
        }
        return jdks;
    }

    /** The JDK running the tests (17 here). */
    static Path jdk17() {
        return jdks().get(0);
    }

    /** The newest JDK the tests fork (Temurin 25). */
    static Path jdk25() {
        return jdks().get(jdks().size() - 1);
    }

    /**
     * Tools the oracle tests cannot do without. On CI (jattachstat.requireOracle=true) a missing one is
     * a failure, so a run can never pass by skipping the oracle; elsewhere the test is skipped.
     */
    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (Boolean.getBoolean("jattachstat.requireOracle")) {
            throw new AssertionError("required for the oracle tests but missing: " + what);
        }
        Assumptions.assumeTrue(false, "missing: " + what);
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/sbin", command));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Result run(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.ISO_8859_1),
                    new String(err.join(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The path of the agent's control socket in {@code pid}, as the JVM bound it (in its own mount
     * namespace), from the unix rows of its network namespace netstat shows for it; null if none.
     */
    static String agentSocket(long pid) {
        Result r = run(List.of(launcher().toString(), "--no-attach", Long.toString(pid), "-xl"), Map.of());
        for (String line : r.out().split("\n")) {
            int at = line.indexOf("/tmp/.jattachstat-");
            if (at >= 0 && line.endsWith("/control.sock")) {
                return line.substring(at);
            }
        }
        return null;
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toByteArray();
        });
    }
}
