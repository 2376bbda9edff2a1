package io.jattachstat.e2e.probe;

import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

/**
 * A JMX client of the Alerts MBean, as JConsole's Notifications pane is one, with nothing of
 * jattachstat on its class path: {@code JmxAlerts <pid>} subscribes, prints "SUBSCRIBED", then one
 * line per notification, "NOTIFICATION type state message", until its stdin closes.
 */
public final class JmxAlerts {
    public static void main(String[] args) throws Exception {
        try (JMXConnector c = LocalJmx.connect(args[0])) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName alerts = new ObjectName("jattachstat:type=Alerts");
            for (int i = 0; i < 100 && !server.isRegistered(alerts); i++) {
                Thread.sleep(100);
            }
            NotificationListener print = (Notification n, Object handback) -> {
                String state = (String) ((CompositeData) n.getUserData()).get("state");
                System.out.println("NOTIFICATION " + n.getType() + " " + state + " " + n.getMessage());
                System.out.flush();
            };
            server.addNotificationListener(alerts, print, null, null);
            System.out.println("SUBSCRIBED");
            System.out.flush();
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }
}
