package io.jattachstat.jmx;

import io.jattachstat.snapshot.AgentStatus;
import io.jattachstat.snapshot.SnapshotFacts;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one {@link Listener} MBean per listening socket: follows every new snapshot, registering
 * listeners that appeared and unregistering those that are gone. Keyed by inode, so a port bound
 * again by a new socket gets a new MBean.
 */
public final class ListenerRegistry {
    private final MBeanServer server;
    private final SnapshotFacts facts;
    private final AgentStatus status;
    private final Map<Long, Registered> registered = new HashMap<>();

    private record Registered(ObjectName name, Listener bean) {
    }

    public ListenerRegistry(MBeanServer server, SnapshotFacts facts, AgentStatus status) {
        this.server = server;
        this.facts = facts;
        this.status = status;
    }

    /** Brings the registered MBeans in line with the listeners of a new snapshot. */
    public synchronized void sync(SnapshotFacts.Facts latest) {
        Set<Long> seen = new HashSet<>();
        for (SnapshotFacts.ListenerQueue l : latest.listeners()) {
            seen.add(l.inode());
            Listener bean = bean(l.inode(), () -> new Listener(facts, l.transport().tag(), l.address(), l.port(), l.fd(),
                    l.inode()));
            if (bean != null) {
                bean.update(l.queue());
            }
        }
        registered.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            unregister(e.getValue().name());
            return true;
        });
    }

    private interface Factory {
        Listener create();
    }

    private Listener bean(long inode, Factory factory) {
        Registered r = registered.get(inode);
        if (r != null) {
            return r.bean();
        }
        Listener bean = factory.create();
        try {
            ObjectName name = name(bean);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a closed listener's MBean, same address and port
            }
            server.registerMBean(bean, name);
            registered.put(inode, new Registered(name, bean));
            return bean;
        } catch (Exception e) {
            status.error("listener mbean", e);
            return null;
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (Exception e) {
            status.error("listener mbean", e);
        }
    }

    static ObjectName name(Listener l) throws javax.management.MalformedObjectNameException {
        if (l.getProtocol().equals("unix")) {
            return new ObjectName("jattachstat:type=Listener,protocol=unix,path=" + ObjectName.quote(l.getLocalAddress()));
        }
        return new ObjectName("jattachstat:type=Listener,protocol=tcp,address=" + value(l.getLocalAddress())
                + ",port=" + l.getPort());
    }

    /** ObjectName values must be quoted when they hold ':' (IPv6) or other special characters. */
    private static String value(String v) {
        for (char c : v.toCharArray()) {
            if (c == ':' || c == ',' || c == '=' || c == '"' || c == '*' || c == '?' || c == '\n') {
                return ObjectName.quote(v);
            }
        }
        return v;
    }
}
