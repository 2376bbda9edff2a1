package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

import javax.imageio.ImageIO;
import javax.management.MBeanServerConnection;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import java.awt.Component;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Sockets tab and its refresh, for any console that has a JMX connection to the target: JConsole
 * (its plugin, {@link SocketsPlugin}) and VisualVM (the jattachstat VisualVM module). Each refresh
 * makes one MBean call off the event thread and hands the parsed snapshot to the tab. Nothing here
 * may throw into the console.
 *
 * <p>Two system properties serve tests and the docs' screenshots: {@code jattachstat.console.report}
 * (a file rewritten after each refresh: rows, rows shown, listeners, event-thread time) and
 * {@code jattachstat.console.screenshot} (a PNG of the console's window, written once the tab has
 * shown sockets; the host brings the tab to front first).
 */
public final class SocketsConsole {
    private final SocketsTab tab = new SocketsTab();
    private final Runnable bringToFront;
    private volatile boolean busy;
    /** Refreshes with sockets still to go before the screenshot: the tab is shown first, then laid out. */
    private int screenshotIn = 3;

    /** @param bringToFront shows the tab in its host (run on the event thread), for the screenshot */
    public SocketsConsole(Runnable bringToFront) {
        this.bringToFront = bringToFront;
    }

    /** The tab, to be added to the host's window once. */
    public JPanel tab() {
        return tab;
    }

    /**
     * A worker that reads the agent through {@code server} and shows what it read, for the host to
     * execute; null while the previous refresh is still under way.
     */
    public SwingWorker<?, ?> refresh(MBeanServerConnection server) {
        if (busy) {
            return null;
        }
        AgentConnection connection = new AgentConnection(server);
        tab.connection(connection);
        busy = true;
        return new SwingWorker<ConsoleSnapshot, Void>() {
            @Override
            protected ConsoleSnapshot doInBackground() throws Exception {
                return connection.snapshot();
            }

            @Override
            protected void done() {
                try {
                    ConsoleSnapshot s = get();
                    if (s == null) {
                        tab.showMessage(SocketsTab.NO_AGENT);
                        report("agent=no");
                    } else {
                        long nanos = tab.show(s);
                        report(String.format("agent=yes rows=%d shown=%d listeners=%d edtMillis=%.1f", s.sockets().size(),
                                tab.rowsShown(), s.listeners().size(), nanos / 1e6));
                        if (!s.sockets().isEmpty()) {
                            screenshot();
                        }
                    }
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    tab.showMessage("Could not read the jattachstat agent's sockets: " + cause);
                    report("error=" + cause);
                } finally {
                    busy = false;
                }
            }
        };
    }

    /** Says why there is nothing to show (no JMX connection yet, say). */
    public void showMessage(String text) {
        tab.showMessage(text);
    }

    private static void report(String line) {
        String file = System.getProperty("jattachstat.console.report");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8);
            } catch (Exception e) {
                // a test aid: never a reason to disturb the console
            }
        }
    }

    /**
     * Paints the console's window with this tab shown and its first socket selected into a PNG, a few
     * refreshes after the tab first shows sockets (so that its rows and details are laid out).
     */
    private void screenshot() {
        String file = System.getProperty("jattachstat.console.screenshot");
        if (file == null || screenshotIn <= 0) {
            return;
        }
        if (screenshotIn-- == 3) {
            bringToFront.run();
            tab.selectFirstRow();
        }
        if (screenshotIn > 0) {
            return;
        }
        SwingUtilities.invokeLater(() -> {
            try {
                Window window = SwingUtilities.getWindowAncestor(tab);
                Component c = window != null ? window : tab;
                BufferedImage image = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
                c.paintAll(image.getGraphics());
                ImageIO.write(image, "png", new File(file));
            } catch (Exception e) {
                // a test aid: never a reason to disturb the console
            }
        });
    }
}
