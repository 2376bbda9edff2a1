package io.jattachstat.visualvm;

import org.graalvm.visualvm.application.Application;
import org.graalvm.visualvm.core.ui.DataSourceView;
import org.graalvm.visualvm.core.ui.DataSourceViewProvider;
import org.graalvm.visualvm.core.ui.DataSourceViewsManager;
import org.graalvm.visualvm.tools.jmx.JmxModelFactory;

/**
 * Offers the Sockets view for every application VisualVM can reach over JMX: local JVMs (VisualVM
 * attaches and starts their local management agent) and JMX connections. Whether the JVM has the
 * jattachstat agent is for the view to say, as the JConsole tab does.
 */
final class SocketsViewProvider extends DataSourceViewProvider<Application> {
    private static final SocketsViewProvider INSTANCE = new SocketsViewProvider();

    static void register() {
        DataSourceViewsManager.sharedInstance().addViewProvider(INSTANCE, Application.class);
    }

    static void unregister() {
        DataSourceViewsManager.sharedInstance().removeViewProvider(INSTANCE);
    }

    @Override
    protected boolean supportsViewFor(Application application) {
        return JmxModelFactory.getJmxModelFor(application) != null;
    }

    @Override
    protected DataSourceView createView(Application application) {
        return new SocketsView(application);
    }
}
