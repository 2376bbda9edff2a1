package io.jattachstat.cli;

import io.jattachstat.cli.demo.SocketZoo;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.UsageException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jattachstat --demo}: starts a {@link SocketZoo} JVM, prints its netstat view (the options
 * given, or {@code -anp}), and stops it. Needs nothing of the user's.
 */
final class Demo {
    private final PrintStream out;
    private final PrintStream err;
    private final Cli cli;

    Demo(PrintStream out, PrintStream err, Cli cli) {
        this.out = out;
        this.err = err;
        this.cli = cli;
    }

    /** Shows the zoo with the given netstat options ({@code -anp} when there are none). */
    int run(List<String> netstatArgs) {
        List<String> shown = netstatArgs.isEmpty() ? List.of("-anp") : netstatArgs;
        Path unixDir = null;
        Process zoo = null;
        try {
            unixDir = Files.createTempDirectory("jattachstat-demo");
            String java = ProcessHandle.current().info().command().orElse("java");
            String classPath = System.getProperty("java.class.path");
            zoo = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
                    SocketZoo.class.getName(), "--unix-dir", unixDir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(zoo.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                err.println(Cli.PROGRAM + ": the demo JVM did not start");
                return 1;
            }
            NetstatOptions options = NetstatOptionParser.parse(shown);
            out.println("# A demo JVM (pid " + zoo.pid() + ") holds listeners, connections, a CLOSE_WAIT, a stuck");
            out.println("# writer, un-accepted connections, UDP and unix sockets. Its sockets, as netstat shows them:");
            out.println("# " + Cli.PROGRAM + " --no-attach " + zoo.pid() + " " + String.join(" ", shown));
            out.flush();
            return cli.show((int) zoo.pid(), options);
        } catch (IOException | UsageException e) {
            err.println(Cli.PROGRAM + ": demo failed: " + e.getMessage());
            return 1;
        } finally {
            stop(zoo);
            deleteQuietly(unixDir);
        }
    }

    private static void stop(Process zoo) {
        if (zoo == null) {
            return;
        }
        try {
            zoo.getOutputStream().close();
            if (!zoo.waitFor(2, TimeUnit.SECONDS)) {
                zoo.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            zoo.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
