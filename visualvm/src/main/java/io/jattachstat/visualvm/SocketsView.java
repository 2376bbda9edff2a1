package io.jattachstat.visualvm;

import io.jattachstat.console.SocketsConsole;
import org.graalvm.visualvm.application.Application;
import org.graalvm.visualvm.core.datasupport.Stateful;
import org.graalvm.visualvm.core.options.GlobalPreferences;
import org.graalvm.visualvm.core.ui.DataSourceView;
import org.graalvm.visualvm.core.ui.DataSourceWindowManager;
import org.graalvm.visualvm.core.ui.components.DataViewComponent;
import org.graalvm.visualvm.tools.jmx.JmxModel;
import org.graalvm.visualvm.tools.jmx.JmxModelFactory;

import javax.swing.SwingWorker;
import javax.swing.Timer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The "Sockets" tab of an application's window: the JConsole tab ({@link SocketsConsole}: the table,
 * sockets by state over time, listeners against their backlog, the selected socket's origin and
 * blocked threads), refreshed at VisualVM's own interval for monitored data (Tools > Options > General,
 * "Polling interval"), from the moment the window opens until it closes.
 */
final class SocketsView extends DataSourceView {
    /** After Overview (10), Monitor (20) and Threads (30), before the samplers and profiler. */
    private static final int POSITION = 35;
    static final String NO_JMX = "VisualVM has no JMX connection to this JVM (yet): the Sockets tab reads the "
            + "jattachstat agent's MBeans through it.";

    private final Application application;
    private final SocketsConsole console = new SocketsConsole(this::bringToFront);
    private Timer timer;

    SocketsView(Application application) {
        super(application, "Sockets", icon(), POSITION, false);
        this.application = application;
    }

    @Override
    protected DataViewComponent createComponent() {
        DataViewComponent.MasterView master = new DataViewComponent.MasterView("Sockets",
                "The JVM's sockets, from the jattachstat agent", console.tab());
        return new DataViewComponent(master, new DataViewComponent.MasterViewConfiguration(true));
    }

    @Override
    protected void added() {
        int seconds = Math.max(1, GlobalPreferences.sharedInstance().getMonitoredDataPoll());
        timer = new Timer(seconds * 1000, e -> refresh());
        timer.setInitialDelay(0);
        timer.start();
    }

    @Override
    protected void removed() {
        if (timer != null) {
            timer.stop();
        }
    }

    /** On the event thread: one refresh, unless the previous one is still under way. */
    private void refresh() {
        if (application.getState() != Stateful.STATE_AVAILABLE) {
            timer.stop(); // the JVM is gone: the tab keeps what it last showed
            return;
        }
        JmxModel jmx = JmxModelFactory.getJmxModelFor(application);
        if (jmx == null || jmx.getConnectionState() != JmxModel.ConnectionState.CONNECTED) {
            console.showMessage(NO_JMX);
            return;
        }
        SwingWorker<?, ?> worker = console.refresh(jmx.getMBeanServerConnection());
        if (worker != null) {
            worker.execute();
        }
    }

    private void bringToFront() {
        DataSourceWindowManager.sharedInstance().selectView(this);
    }

    /** Two sockets joined: drawn, so the module carries no image file. */
    private static Image icon() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x2e, 0x6d, 0xb4));
        g.fillRoundRect(1, 5, 5, 6, 2, 2);
        g.fillRoundRect(10, 5, 5, 6, 2, 2);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(5, 8, 11, 8);
        g.dispose();
        return image;
    }
}
