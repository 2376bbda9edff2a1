package io.jattachstat.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test application in a forked JVM (host network namespace): reads its stdout, writes its stdin. */
final class ForkedJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Path stderr;
    /** The JVM's pid as the host numbers it: the process's, or its child's when unshare forked it. */
    private final long javaPid;
    final String readyLine;
    /** What the application said before READY. */
    final List<String> beforeReady = new ArrayList<>();

    private ForkedJvm(Process process, Path stderr, boolean forked) throws IOException {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = out.readLine();
        while (line != null && line.startsWith("SOCKET ")) { // what an app says of its first sockets
            beforeReady.add(line);
            line = out.readLine();
        }
        if (line == null || !line.startsWith("READY")) {
            process.destroyForcibly();
            throw new IOException("test JVM did not start: " + line + "\n" + Files.readString(stderr));
        }
        this.readyLine = line;
        this.javaPid = forked ? onlyChild(process.pid()) : process.pid();
    }

    /** Starts {@code mainClass} from the test classes (plus {@code extraClassPath}) on {@code jdk}. */
    static ForkedJvm start(Path jdk, List<String> jvmOptions, String extraClassPath, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
        command.addAll(jvmOptions);
        String testClasses = Path.of("target/test-classes").toAbsolutePath().toString();
        command.addAll(List.of("-cp", extraClassPath.isEmpty() ? testClasses : testClasses + ":" + extraClassPath,
                mainClass));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("jattachstat-jvm", ".err");
        return new ForkedJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr, false);
    }

    /**
     * The same in pid, network and mount namespaces of its own, as in a container (pid 1 there, its
     * own /proc, loopback only). Root only.
     */
    static ForkedJvm startContained(Path jdk, List<String> jvmOptions, String mainClass) throws IOException {
        Tools.require(Tools.isRoot() && Tools.onPath("unshare"), "root and unshare");
        List<String> command = new ArrayList<>(List.of("unshare", "-mnpf", "sh", "-c",
                "mount -t proc proc /proc && ip link set lo up && exec \"$@\"", "sh", jdk.resolve("bin/java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", Path.of("target/test-classes").toAbsolutePath().toString(), mainClass));
        Path stderr = Files.createTempFile("jattachstat-jvm", ".err");
        return new ForkedJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr, true);
    }

    private static long onlyChild(long parent) throws IOException {
        String children = Files.readString(Path.of("/proc/" + parent + "/task/" + parent + "/children")).trim();
        if (children.isEmpty()) {
            throw new IOException("unshare " + parent + " has no child");
        }
        return Long.parseLong(children.split(" ")[0]);
    }

    long pid() {
        return javaPid;
    }

    void send(String line) {
        in.println(line);
    }

    /** Lines of stdout up to and including the first that starts with {@code last}. */
    List<String> readUntil(String last) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
            if (line.startsWith(last)) {
                break;
            }
        }
        return lines;
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Waits for the JVM to end by itself; its exit status, or -1 if it is still running. */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(stderr);
    }
}
