package io.jattachstat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real JConsole with the jattachstat plugin on a private Xvfb display, connected to one JVM. The
 * plugin reports each refresh to a file (system property jattachstat.console.report) and paints a
 * screenshot (jattachstat.console.screenshot). Closing it stops JConsole and the display.
 */
final class JConsoleSession implements AutoCloseable {
    /** Where JConsole's "Retry insecurely?" dialog puts its "Insecure connection" button on a 1400x900 screen. */
    private static final int[] INSECURE_BUTTON = {613, 277};

    private final XvfbDisplay display;
    private final Process jconsole;
    final Path report;
    final Path screenshot;

    private JConsoleSession(XvfbDisplay display, Process jconsole, Path report, Path screenshot) {
        this.display = display;
        this.jconsole = jconsole;
        this.report = report;
        this.screenshot = screenshot;
    }

    static JConsoleSession start(Path jdk, long pid, Path screenshot) throws Exception {
        return start(jdk, pid, screenshot, consoleJar());
    }

    /** With {@code pluginJar} on JConsole's plugin path: the console's own jar, or the agent jar (which is the plugin too). */
    static JConsoleSession start(Path jdk, long pid, Path screenshot, Path pluginJar) throws Exception {
        Path jconsoleBin = jdk.resolve("bin/jconsole");
        Tools.require(Files.isExecutable(jconsoleBin), "jconsole in " + jdk);
        XvfbDisplay display = XvfbDisplay.start();
        Path report = Files.createTempFile("jattachstat-console", ".report");
        Files.delete(report);
        List<String> command = new ArrayList<>(List.of(jconsoleBin.toString(), "-interval=1", "-pluginpath",
                pluginJar.toString(), "-J-Djattachstat.console.report=" + report));
        if (screenshot != null) {
            command.add("-J-Djattachstat.console.screenshot=" + screenshot);
        }
        command.add(Long.toString(pid));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display.name);
        return new JConsoleSession(display, pb.start(), report, screenshot);
    }

    static Path consoleJar() {
        return Tools.launcher().getParent().getParent().getParent().resolve("jmx-console/target/jattachstat-console.jar");
    }

    /** The plugin's report once it has one matching {@code prefix}, confirming JConsole's SSL dialog meanwhile. */
    String awaitReport(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        for (int i = 0; System.nanoTime() < deadline; i++) {
            if (Files.exists(report)) {
                last = Files.readString(report).trim();
                if (last.startsWith(prefix)) {
                    return last;
                }
            }
            if (i % 6 == 5) { // every 3 s: the dialog, if it is up, takes the click
                display.play("click:" + INSECURE_BUTTON[0] + "," + INSECURE_BUTTON[1]);
            }
            if (!jconsole.isAlive()) {
                throw new IllegalStateException("jconsole exited with " + jconsole.exitValue());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the plugin never reported '" + prefix + "' (last: '" + last + "')");
    }

    /** The screenshot, once the plugin has painted it. */
    Path awaitScreenshot() throws Exception {
        for (int i = 0; i < 40 && (!Files.exists(screenshot) || Files.size(screenshot) == 0); i++) {
            Thread.sleep(250);
        }
        Thread.sleep(250); // written by ImageIO in one go, but let a slow write finish
        return screenshot;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        jconsole.destroy();
        if (!jconsole.waitFor(5, TimeUnit.SECONDS)) {
            jconsole.destroyForcibly();
        }
        display.close();
        Files.deleteIfExists(report);
    }
}
