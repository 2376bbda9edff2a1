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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jattachstat --demo}: starts a {@link SocketZoo} JVM with the agent, prints its netstat view
 * (the options given, or {@code -anp}) read from /proc, then what only the agent can say: the code
 * that opened each socket ({@code --origins}), the leak view ({@code --leaks}) and the summary
 * ({@code --summary}); then stops it.
 * Needs nothing of the user's.
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
            // Our own private temporary directory (0700): nobody else can swap the jar the demo JVM loads.
            Path agentJar = Files.write(unixDir.resolve("jattachstat-agent.jar"), AgentLoader.embeddedJar());
            String agent = "-javaagent:" + agentJar;
            zoo = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", agent, "-cp", classPath,
                    AgentLoader.zooMainClass(SocketZoo.class.getName()), "--unix-dir", unixDir.toString())
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
            int status = cli.show((int) zoo.pid(), options);
            if (status != 0) {
                return status;
            }
            List<String> originsView = new ArrayList<>(List.of(Long.toString(zoo.pid()), "--origins"));
            originsView.addAll(netstatArgs.isEmpty() ? List.of("-tan") : netstatArgs);
            out.println();
            out.println("# What netstat cannot say: the code that opened each socket (an accepted connection names");
            out.println("# its listener's code). The JVM was started with -javaagent:jattachstat-agent.jar:");
            out.println("# " + Cli.PROGRAM + " " + String.join(" ", originsView));
            out.flush();
            status = new Cli(out, err).run(originsView);
            if (status != 0) {
                return status;
            }
            out.println();
            out.println("# Who is leaking: connections by state, origin and peer, CLOSE_WAIT first; then closes per origin:");
            out.println("# " + Cli.PROGRAM + " " + zoo.pid() + " --leaks");
            out.flush();
            status = new Cli(out, err).run(List.of(Long.toString(zoo.pid()), "--leaks"));
            if (status != 0) {
                return status;
            }
            out.println();
            out.println("# The JVM's sockets counted, with the lookups of an incident built in (top 5 each):");
            out.println("# " + Cli.PROGRAM + " " + zoo.pid() + " --summary --top 5");
            out.flush();
            return new Cli(out, err).run(List.of(Long.toString(zoo.pid()), "--summary", "--top", "5"));
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
