package io.jattachstat.jmx;

import io.jattachstat.agent.AgentStatus;
import io.jattachstat.agent.ListenerBacklog;
import io.jattachstat.agent.SnapshotCache;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;

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
    private final SnapshotCache cache;
    private final ListenerBacklog backlog;
    private final AgentStatus status;
    private final Map<Long, Registered> registered = new HashMap<>();

    private record Registered(ObjectName name, Listener bean) {
    }

    public ListenerRegistry(MBeanServer server, SnapshotCache cache, ListenerBacklog backlog, AgentStatus status) {
        this.server = server;
        this.cache = cache;
        this.backlog = backlog;
        this.status = status;
    }

    /** Brings the registered MBeans in line with {@code table}. */
    public synchronized void sync(SocketTable table) {
        Set<Long> seen = new HashSet<>();
        for (Protocol p : new Protocol[] {Protocol.TCP, Protocol.TCP6}) {
            for (InetSocket s : table.inet(p)) {
                if (s.state() != InetSocket.TCP_LISTEN) {
                    continue;
                }
                seen.add(s.inode());
                Listener bean = bean(s.inode(), () -> new Listener(cache, "tcp", s.local().numericHostAsNetstat(),
                        s.local().port(), s.fd(), s.inode()));
                if (bean != null) {
                    bean.update(backlog.tcp(s.fd(), s.local().port(), s.receiveQueue()));
                }
            }
        }
        for (UnixSocket u : table.unix()) {
            if (u.isListening() && u.type() == 1 && !u.path().isEmpty()) {
                seen.add(u.inode());
                Listener bean = bean(u.inode(), () -> new Listener(cache, "unix", u.path(), 0, u.fd(), u.inode()));
                if (bean != null) {
                    bean.update(backlog.unix(u.path(), table.pendingUnixConnections(u.path())));
                }
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
