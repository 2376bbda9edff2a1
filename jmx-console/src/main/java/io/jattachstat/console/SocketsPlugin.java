package io.jattachstat.console;

import com.sun.tools.jconsole.JConsoleContext;
import com.sun.tools.jconsole.JConsolePlugin;

import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JConsole plugin (found through META-INF/services): a "Sockets" tab for a JVM with the
 * jattachstat agent ({@link SocketsConsole}). JConsole calls {@link #newSwingWorker} on its refresh
 * interval.
 */
public final class SocketsPlugin extends JConsolePlugin {
    private final SocketsConsole console = new SocketsConsole(this::selectTab);

    @Override
    public Map<String, JPanel> getTabs() {
        Map<String, JPanel> tabs = new LinkedHashMap<>();
        tabs.put("Sockets", console.tab());
        return tabs;
    }

    @Override
    public SwingWorker<?, ?> newSwingWorker() {
        JConsoleContext context = getContext();
        if (context == null || context.getConnectionState() != JConsoleContext.ConnectionState.CONNECTED) {
            return null; // nothing to ask
        }
        return console.refresh(context.getMBeanServerConnection());
    }

    private void selectTab() {
        JTabbedPane tabs = (JTabbedPane) SwingUtilities.getAncestorOfClass(JTabbedPane.class, console.tab());
        if (tabs != null) {
            tabs.setSelectedComponent(console.tab());
        }
    }
}
