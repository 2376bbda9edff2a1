package io.jattachstat.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM running the CLI jar's {@code SocketZoo}, alone in a new network namespace
 * ({@code unshare -n}, loopback up), so that every socket netstat shows in that namespace is the
 * zoo's or nobody's. Closing it kills the JVM.
 */
final class Zoo implements AutoCloseable {
    private final Process process;
    private final Path unixDir;
    final String readyLine;

    private final Path log;

    private final long javaPid;
    /** What the JVM printed on stdout after READY (a thread dump would land here). */
    private final StringBuffer stdout = new StringBuffer();

    private Zoo(Process process, long javaPid, Path unixDir, String readyLine, Path log, BufferedReader out) {
        this.process = process;
        this.javaPid = javaPid;
        this.unixDir = unixDir;
        this.readyLine = readyLine;
        this.log = log;
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    stdout.append(line).append('\n');
                }
            } catch (IOException e) {
                // the JVM is gone
            }
        }, "zoo-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    /** What the zoo JVM wrote to stdout after its READY line. */
    String stdout() {
        return stdout.toString();
    }

    /**
     * Like {@link #start(Path, List)}, with the JVM running as {@code user} (its own network namespace
     * still made as root). Its jar is copied where any user can read it.
     */
    static Zoo startAs(String user, Path jdk, List<String> jvmOptions) throws IOException {
        Path jar = Users.readableCopy(Tools.cliJar());
        return start(jdk, jvmOptions, "-n", "", jar, user);
    }

    static Zoo start(Path jdk, List<String> jvmOptions) throws IOException {
        return start(jdk, jvmOptions, false, "");
    }

    /**
     * With {@code ownMounts} the zoo also gets a private mount namespace, and {@code setup} (shell
     * commands) runs inside both namespaces before the JVM starts, e.g. to bind a resolv.conf.
     */
    static Zoo start(Path jdk, List<String> jvmOptions, boolean ownMounts, String setup) throws IOException {
        return start(jdk, jvmOptions, ownMounts ? "-mn" : "-n", setup);
    }

    /**
     * Like a container: its own pid, mount and network namespaces (the JVM is pid 1 there). The zoo's
     * jar is copied out of /tmp first, since {@code setup} may cover /tmp (and this checkout may be in it).
     */
    static Zoo startContained(Path jdk, List<String> jvmOptions, String setup) throws IOException {
        Path jar = Files.createTempFile(Path.of("/var/tmp"), "jattachstat-zoo", ".jar");
        Files.copy(Tools.cliJar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        jar.toFile().deleteOnExit();
        return start(jdk, jvmOptions, "-mnpf", "mount -t proc proc /proc && " + setup, jar, null);
    }

    /**
     * Like a pod's container: pid 1 of its own pid, mount and network namespaces, run as {@code user}
     * (root when null) with {@code env} added to its environment (JAVA_TOOL_OPTIONS, say).
     */
    static Zoo startInPod(Path jdk, List<String> jvmOptions, String user, Map<String, String> env) throws IOException {
        return start(jdk, jvmOptions, "-mnpf", "mount -t proc proc /proc && ", Users.readableCopy(Tools.cliJar()), user,
                env);
    }

    private static Zoo start(Path jdk, List<String> jvmOptions, String namespaces, String setup) throws IOException {
        return start(jdk, jvmOptions, namespaces, setup, Tools.cliJar(), null);
    }

    private static Zoo start(Path jdk, List<String> jvmOptions, String namespaces, String setup, Path jar, String user)
            throws IOException {
        return start(jdk, jvmOptions, namespaces, setup, jar, user, Map.of());
    }

    /** {@code user}: the user the JVM runs as (root when null). */
    private static Zoo start(Path jdk, List<String> jvmOptions, String namespaces, String setup, Path jar, String user,
                             Map<String, String> env) throws IOException {
        Tools.require(Tools.isRoot(), "root (for unshare -n)");
        for (String tool : List.of("unshare", "nsenter", "ip", "netstat", "ss")) {
            Tools.require(Tools.onPath(tool), tool);
        }
        Path unixDir = Files.createTempDirectory("jattachstat-e2e");
        String runAs = "";
        if (user != null) {
            Users.giveTo(unixDir, user);
            runAs = String.join(" ", Users.as(user)) + " ";
        }
        List<String> command = new ArrayList<>(List.of("unshare", namespaces, "sh", "-c",
                "ip link set lo up && " + setup + " exec " + runAs + "\"$@\"", "sh", jdk.resolve("bin/java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), "io.jattachstat.cli.demo.SocketZoo",
                "--wildcard", "--unix-dir", unixDir.toString()));
        Path log = Files.createTempFile("jattachstat-zoo", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        long javaPid = ready != null && namespaces.contains("p") ? onlyChild(p.pid()) : p.pid();
        if (ready == null || !ready.startsWith("READY ") || javaPid < 0) {
            p.destroyForcibly();
            throw new IOException("zoo did not start (pid " + p.pid() + "): " + ready + "\n" + Files.readString(log));
        }
        return new Zoo(p, javaPid, unixDir, ready, log, out);
    }

    /** With a new pid namespace, unshare forks: the JVM is its child. */
    private static long onlyChild(long parent) throws IOException {
        String children = Files.readString(Path.of("/proc/" + parent + "/task/" + parent + "/children")).trim();
        return children.isEmpty() ? -1 : Long.parseLong(children.split(" ")[0]);
    }

    /** What the zoo JVM wrote to stderr so far (the agent's messages, JVM warnings). */
    String stderr() throws IOException {
        return Files.readString(log);
    }

    /** The JVM's pid, as this (the host's) pid namespace numbers it. */
    long pid() {
        return javaPid;
    }

    /** The real netstat, inside the zoo's network namespace. */
    Tools.Result netstat(List<String> options) {
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid()), "-n", "--",
                "netstat"));
        command.addAll(options);
        return Tools.run(command, java.util.Map.of("LC_ALL", "C"));
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            ProcessHandle.of(javaPid).ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (var files = Files.list(unixDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(unixDir);
        Files.deleteIfExists(log);
    }

    /**
     * The options that start a JVM of {@code jdk} with the agent asking the kernel per fd: on JDK
     * 24+ that takes native access (else the agent reads /proc).
     */
    static List<String> withAgent(Path jdk) {
        List<String> options = new ArrayList<>(List.of("-javaagent:" + agentJar()));
        if (!jdk.equals(Tools.jdk17())) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        return options;
    }

    /** The agent jar, for -javaagent. */
    static Path agentJar() {
        return Tools.launcher().getParent().getParent().getParent().resolve("agent/target/jattachstat-agent.jar");
    }
}
