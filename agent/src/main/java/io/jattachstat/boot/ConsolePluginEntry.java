package io.jattachstat.boot;

import com.sun.tools.jconsole.JConsolePlugin;

import javax.swing.JPanel;
import javax.swing.SwingWorker;
import java.util.Map;

/**
 * {@code jconsole -pluginpath jattachstat-agent.jar}: the agent jar is the JConsole plugin too.
 * JConsole finds this class through the jar's META-INF/services; the plugin itself (the console
 * module's SocketsPlugin) sits under jattachstat-inf/, loaded by an {@link IsolatedClassLoader}
 * whose parent is this class's loader, so both see JConsole's API, and this hands every call on.
 * Nothing here may throw into JConsole: a plugin that cannot load shows no tab.
 */
public final class ConsolePluginEntry extends JConsolePlugin {
    private static final String PLUGIN = "io.jattachstat.console.SocketsPlugin";

    private final JConsolePlugin plugin;

    public ConsolePluginEntry() {
        JConsolePlugin loaded = null;
        try {
            ClassLoader loader = new IsolatedClassLoader(AgentJar.path(), ConsolePluginEntry.class.getClassLoader());
            loaded = (JConsolePlugin) loader.loadClass(PLUGIN).getDeclaredConstructor().newInstance();
        } catch (Throwable t) {
            System.err.println("jattachstat: the Sockets tab cannot load: " + t);
        }
        this.plugin = loaded;
    }

    @Override
    public Map<String, JPanel> getTabs() {
        return withContext() ? plugin.getTabs() : Map.of();
    }

    @Override
    public SwingWorker<?, ?> newSwingWorker() {
        return withContext() ? plugin.newSwingWorker() : null;
    }

    @Override
    public void dispose() {
        if (plugin != null) {
            plugin.dispose();
        }
    }

    /** JConsole gives its context to this class; the plugin reads it from its own. */
    private boolean withContext() {
        if (plugin == null) {
            return false;
        }
        if (plugin.getContext() != getContext()) {
            plugin.setContext(getContext());
        }
        return true;
    }
}
