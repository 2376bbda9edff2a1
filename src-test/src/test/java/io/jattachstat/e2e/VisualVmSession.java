package io.jattachstat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's VisualVM (2.1.5, /usr/bin/visualvm) on a private Xvfb display, with a fresh user
 * directory of its own, driven as a user drives it: the jattachstat plugin installed through Tools >
 * Plugins > Downloaded, then an application opened. The Sockets tab reports each refresh to a file and
 * paints a screenshot, as the JConsole tab does (SocketsConsole's test aids).
 */
final class VisualVmSession implements AutoCloseable {
    static final Path VISUALVM = Path.of("/usr/bin/visualvm");
    /* Where the Plugins dialog, its wizard and the installer's warning have what is clicked, in each window. */
    private static final String MAIN_WINDOW = "VisualVM 2.1.5";
    private static final int[] TOOLS_MENU = {171, 8};
    private static final int[] PLUGINS_ITEM = {178, 31};
    private static final int[] DOWNLOADED_TAB = {243, 21};
    private static final int[] INSTALL_BUTTON = {59, -69};
    private static final int[] PLUGINS_CLOSE = {-111, -24};
    private static final int[] WIZARD_NEXT = {-206, -23};
    private static final int[] WIZARD_FINISH = {-117, -23};
    private static final int[] UNSIGNED_CONTINUE = {-152, -35};

    private final XvfbDisplay display;
    private final Process visualvm;
    private final Path userdir;
    private final Path cachedir;
    final Path report;
    final Path screenshot;

    private VisualVmSession(XvfbDisplay display, Process visualvm, Path userdir, Path cachedir, Path report,
                            Path screenshot) {
        this.display = display;
        this.visualvm = visualvm;
        this.userdir = userdir;
        this.cachedir = cachedir;
        this.report = report;
        this.screenshot = screenshot;
    }

    /** VisualVM started on a fresh user directory, its main window up. */
    static VisualVmSession start(Path screenshot) throws Exception {
        Tools.require(Files.isExecutable(VISUALVM), "visualvm (Debian package visualvm, with default-jdk)");
        Path userdir = Files.createTempDirectory("jattachstat-visualvm-user",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path cachedir = Files.createTempDirectory("jattachstat-visualvm-cache",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // The GPL notice VisualVM shows once per user directory, as accepted by clicking "I Accept".
        Files.createDirectories(userdir.resolve("var"));
        Files.createFile(userdir.resolve("var/license_accepted"));
        Path report = cachedir.resolve("sockets.report");
        XvfbDisplay display = XvfbDisplay.start();
        ProcessBuilder pb = new ProcessBuilder(command(userdir, cachedir, "--nosplash",
                "-J-Djattachstat.console.report=" + report, "-J-Djattachstat.console.screenshot=" + screenshot))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display.name);
        VisualVmSession session = new VisualVmSession(display, pb.start(), userdir, cachedir, report, screenshot);
        session.awaitLog("Turning on modules", 60);
        display.await(MAIN_WINDOW);
        Thread.sleep(2000); // its contents, laid out after it shows
        return session;
    }

    private static List<String> command(Path userdir, Path cachedir, String... more) {
        List<String> command = new ArrayList<>(List.of(VISUALVM.toString(), "--userdir", userdir.toString(),
                "--cachedir", cachedir.toString()));
        command.addAll(List.of(more));
        return command;
    }

    /**
     * Tools > Plugins > Downloaded > Add Plugins... > the NBM > Install > Next > Continue (it is not
     * signed) > Finish > Close: the plugin is installed, and active without a restart. Each step waits
     * for its window, and clicks at a place inside it.
     */
    void installThroughThePluginsDialog(Path nbm, Path evidence) throws Exception {
        try {
            clickThroughThePluginsDialog(nbm, evidence);
        } catch (AssertionError e) {
            throw failed(e);
        }
        if (!Files.exists(userdir.resolve("modules/io-jattachstat-visualvm.jar"))) {
            throw failed(new AssertionError("the plugin is not in the user directory"));
        }
    }

    /** The screen as it is now, kept beside the screenshot, named in the error with VisualVM's log. */
    private AssertionError failed(AssertionError e) throws IOException {
        Path screen = screenshot.resolveSibling("visualvm-failure.png");
        display.screenshot(screen);
        return new AssertionError(e.getMessage() + "; the screen is in " + screen + ", VisualVM's log says:\n" + log(), e);
    }

    private void clickThroughThePluginsDialog(Path nbm, Path evidence) throws Exception {
        XvfbDisplay.Window main = display.await(MAIN_WINDOW);
        display.play(click(main, TOOLS_MENU), "wait:1000", click(main, PLUGINS_ITEM));
        XvfbDisplay.Window plugins = display.await("Plugins");
        display.play("wait:1000", click(plugins, DOWNLOADED_TAB), "wait:1500", "keys:alt+a");
        display.await("Add Plugins");
        display.play("wait:1000", "keys:alt+n", "type:" + nbm.toAbsolutePath(), "keys:enter");
        display.awaitGone("Add Plugins");
        display.play("wait:1500", click(plugins, INSTALL_BUTTON));
        display.play("wait:1500", click(display.await("Plugin Installer"), WIZARD_NEXT));
        display.play("wait:1500", click(display.await("Validation Warning"), UNSIGNED_CONTINUE));
        display.awaitGone("Validation Warning");
        display.play("wait:5000"); // installing, then the wizard's last page
        display.screenshot(evidence); // "Installation completed successfully"
        display.play(click(display.await("Plugin Installer"), WIZARD_FINISH));
        display.awaitGone("Plugin Installer");
        display.play("wait:1000", click(plugins, PLUGINS_CLOSE));
        display.awaitGone("Plugins");
    }

    private static String click(XvfbDisplay.Window window, int[] at) {
        return window.click(at[0], at[1]);
    }

    /** What the user directory holds of the plugin, relative to it. */
    List<String> installedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(userdir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("io-jattachstat-visualvm"))
                    .map(p -> userdir.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * Opens the application with this pid in the running VisualVM, as {@code visualvm --openpid} does,
     * once VisualVM has seen it: it looks for new JVMs every 3 s (Tools > Options > General), and a pid
     * it has not seen opens as a "Local Application" with no JMX.
     */
    void open(long pid) throws InterruptedException {
        Thread.sleep(5000);
        Tools.Result r = Tools.run(command(userdir, cachedir, "--openpid", Long.toString(pid)),
                Map.of("DISPLAY", display.name));
        if (r.status() != 0) {
            throw new IllegalStateException("visualvm --openpid: " + r.out() + r.err());
        }
    }

    /** The Sockets tab's report once it matches {@code prefix}. */
    String awaitReport(String prefix) throws Exception {
        String last = "";
        for (int i = 0; i < 120; i++) {
            if (Files.exists(report)) {
                last = Files.readString(report).trim();
                if (last.startsWith(prefix)) {
                    return last;
                }
            }
            if (!visualvm.isAlive()) {
                throw new IllegalStateException("visualvm exited with " + visualvm.exitValue());
            }
            Thread.sleep(500);
        }
        throw failed(new AssertionError("the Sockets tab never reported '" + prefix + "' (last: '" + last + "')"));
    }

    Path awaitScreenshot() throws Exception {
        for (int i = 0; i < 60 && (!Files.exists(screenshot) || Files.size(screenshot) == 0); i++) {
            Thread.sleep(250);
        }
        Thread.sleep(250); // written by ImageIO in one go, but let a slow write finish
        return screenshot;
    }

    private void awaitLog(String line, int seconds) throws Exception {
        for (int i = 0; i < seconds * 4; i++) {
            if (log().contains(line)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("VisualVM did not start in " + seconds + " s; log:\n" + log());
    }

    String log() throws IOException {
        Path log = userdir.resolve("var/log/messages.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    @Override
    public void close() throws Exception {
        // The launcher is a script: VisualVM's JVM is its descendant, and may outlive a script that ends.
        List<ProcessHandle> all = new ArrayList<>(visualvm.descendants().toList());
        all.add(visualvm.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        display.close();
        Tools.run(List.of("rm", "-rf", userdir.toString(), cachedir.toString()), Map.of());
    }
}
