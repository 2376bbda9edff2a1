package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/** The target's agent as the plugin sees it: the Sockets MBean, one call per refresh. */
final class AgentConnection {
    static final ObjectName SOCKETS = name("jattachstat:type=Sockets");

    private final MBeanServerConnection server;

    AgentConnection(MBeanServerConnection server) {
        this.server = server;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot, or null if the target has no jattachstat agent. */
    ConsoleSnapshot snapshot() throws Exception {
        try {
            return ConsoleSnapshot.fromOpenData((CompositeData) server.invoke(SOCKETS, "consoleSnapshot", null, null));
        } catch (InstanceNotFoundException e) {
            return null;
        }
    }

    String describe(int fd) throws Exception {
        return (String) server.invoke(SOCKETS, "describe", new Object[] {fd}, new String[] {"int"});
    }
}
