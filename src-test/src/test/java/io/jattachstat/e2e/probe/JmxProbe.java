package io.jattachstat.e2e.probe;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A JMX client that knows nothing of jattachstat: only the JDK's Attach API and javax.management.
 * Run in its own JVM with no project class on its class path, it prints every attribute of every
 * {@code jattachstat:*} MBean as {@code objectName|attribute=value}, String[] values joined by
 * {@code \n}; with a third argument it also invokes {@code netstat(options)} on the Sockets MBean.
 */
public final class JmxProbe {
    public static void main(String[] args) throws Exception {
        try (JMXConnector c = LocalJmx.connect(args[0])) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            // Listener MBeans follow snapshots; take one now so that the list below is current.
            server.invoke(new ObjectName("jattachstat:type=Sockets"), "refresh", new Object[0], new String[0]);
            for (ObjectName name : new TreeSet<>(server.queryNames(new ObjectName("jattachstat:*"), null))) {
                for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                    Object v = server.getAttribute(name, a.getName());
                    String text = v instanceof String[] lines ? String.join("\\n", lines) : String.valueOf(v);
                    System.out.println(name + "|" + a.getName() + "=" + text);
                }
            }
            if (args.length > 1) {
                Object out = server.invoke(new ObjectName("jattachstat:type=Sockets"), "netstat",
                        new Object[] {args[1]}, new String[] {String.class.getName()});
                System.out.print("netstat(" + args[1] + ")=\n" + out);
            }
            if (args.length > 2 && args[2].equals("poll")) {
                poll(server);
            }
            if (args.length > 2 && args[2].equals("hold")) {
                // Keep the connection open (it is one of the target's sockets) until told to go.
                System.out.println("END");
                System.out.flush();
                System.in.read();
            }
        }
    }

    /** Reads every attribute of every MBean 50 times as fast as possible (for the caching test). */
    private static void poll(MBeanServerConnection server) throws Exception {
        ObjectName sockets = new ObjectName("jattachstat:type=Sockets");
        long before = (Long) server.getAttribute(sockets, "ProcReads");
        for (int i = 0; i < 50; i++) {
            for (ObjectName name : server.queryNames(new ObjectName("jattachstat:*"), null)) {
                server.getAttributes(name, Arrays.stream(server.getMBeanInfo(name).getAttributes())
                        .map(MBeanAttributeInfo::getName).toArray(String[]::new));
            }
        }
        System.out.println("procReadsDuringPoll=" + ((Long) server.getAttribute(sockets, "ProcReads") - before));
    }
}
