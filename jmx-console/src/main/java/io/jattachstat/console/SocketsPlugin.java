package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

import com.sun.tools.jconsole.JConsoleContext;
import com.sun.tools.jconsole.JConsolePlugin;

import javax.imageio.ImageIO;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JConsole plugin (found through META-INF/services): a "Sockets" tab for a JVM with the
 * jattachstat agent. JConsole calls {@link #newSwingWorker} on its refresh interval; the worker makes
 * one MBean call off the event thread and hands the parsed snapshot to the tab. Nothing here may
 * throw into JConsole.
 *
 * <p>Two system properties serve tests and the docs' screenshot: {@code jattachstat.console.report}
 * (a file the plugin rewrites after each refresh: rows, rows shown, listeners, event-thread time)
 * and {@code jattachstat.console.screenshot} (a PNG of JConsole's window, written once the tab has
 * shown sockets).
 */
public final class SocketsPlugin extends JConsolePlugin {
    private final SocketsTab tab = new SocketsTab();
    private volatile boolean busy;
    /** Refreshes with sockets still to go before the screenshot: the tab is shown first, then laid out. */
    private int screenshotIn = 3;

    @Override
    public Map<String, JPanel> getTabs() {
        Map<String, JPanel> tabs = new LinkedHashMap<>();
        tabs.put("Sockets", tab);
        return tabs;
    }

    @Override
    public SwingWorker<?, ?> newSwingWorker() {
        JConsoleContext context = getContext();
        if (busy || context == null || context.getConnectionState() != JConsoleContext.ConnectionState.CONNECTED) {
            return null; // the previous refresh is still under way, or there is nothing to ask
        }
        AgentConnection connection = new AgentConnection(context.getMBeanServerConnection());
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

    private static void report(String line) {
        String file = System.getProperty("jattachstat.console.report");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8);
            } catch (Exception e) {
                // a test aid: never a reason to disturb JConsole
            }
        }
    }

    /**
     * Paints JConsole's window with this tab shown and its first socket selected into a PNG, a few
     * refreshes after the tab first shows sockets (so that its rows and details are laid out).
     */
    private void screenshot() {
        String file = System.getProperty("jattachstat.console.screenshot");
        if (file == null || screenshotIn <= 0) {
            return;
        }
        if (screenshotIn-- == 3) {
            javax.swing.JTabbedPane tabs = (javax.swing.JTabbedPane) SwingUtilities.getAncestorOfClass(
                    javax.swing.JTabbedPane.class, tab);
            if (tabs != null) {
                tabs.setSelectedComponent(tab);
            }
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
                // a test aid: never a reason to disturb JConsole
            }
        });
    }
}
