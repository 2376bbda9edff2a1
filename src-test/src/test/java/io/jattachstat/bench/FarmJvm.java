package io.jattachstat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link SocketFarm} JVM (this JVM's java and class path), for the benchmarks that need a host full of sockets. */
final class FarmJvm implements AutoCloseable {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static final String CLASS_PATH = System.getProperty("java.class.path");

    final int sockets;
    final boolean ipv4;
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    /**
     * @param ipv4       IPv4 sockets only ({@code -Djava.net.preferIPv4Stack=true}: in /proc/net/tcp)
     * @param jvmOptions more options, e.g. {@code -javaagent:...}
     */
    FarmJvm(int sockets, boolean ipv4, List<String> jvmOptions) throws IOException {
        this.sockets = sockets;
        this.ipv4 = ipv4;
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx256m", "-XX:+UseSerialGC"));
        if (ipv4) {
            command.add("-Djava.net.preferIPv4Stack=true");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", CLASS_PATH, SocketFarm.class.getName(), Integer.toString(sockets)));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY")) {
            throw new IOException("socket farm did not start: " + ready);
        }
    }

    long pid() {
        return process.pid();
    }

    long snapshotMicros(int runs) throws IOException {
        in.println("snapshot " + runs);
        return Long.parseLong(out.readLine().trim());
    }

    @Override
    public void close() throws Exception {
        in.close();
        process.waitFor();
    }
}
