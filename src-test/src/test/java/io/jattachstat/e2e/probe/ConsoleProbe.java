package io.jattachstat.e2e.probe;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

/**
 * What the JConsole plugin does each refresh, with nothing of jattachstat on the class path:
 * {@code ConsoleProbe <pid>} takes a fresh snapshot (so that it holds this very connection), calls
 * {@code consoleSnapshot()} and prints its open data: "item=value" per simple item and, per row of an
 * array, the item's name and the row's "field=value" pairs, tab-separated; then "END". It
 * keeps the connection until its stdin closes, so that netstat sees the sockets the snapshot saw.
 */
public final class ConsoleProbe {
    public static void main(String[] args) throws Exception {
        try (JMXConnector c = LocalJmx.connect(args[0])) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName sockets = new ObjectName("jattachstat:type=Sockets");
            server.invoke(sockets, "refresh", null, null);
            CompositeData data = (CompositeData) server.invoke(sockets, "consoleSnapshot", null, null);
            for (String item : data.getCompositeType().keySet()) {
                Object value = data.get(item);
                if (value instanceof CompositeData[] rows) {
                    for (CompositeData row : rows) {
                        StringBuilder line = new StringBuilder(item);
                        for (String field : row.getCompositeType().keySet()) {
                            line.append('\t').append(field).append('=').append(row.get(field));
                        }
                        System.out.println(line);
                    }
                } else {
                    System.out.println(item + "=" + value);
                }
            }
            System.out.println("END");
            System.out.flush();
            System.in.read();
        }
    }
}
