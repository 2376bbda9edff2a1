package io.jattachstat.jmx;

import io.jattachstat.snapshot.ListenerBacklog;
import io.jattachstat.snapshot.SnapshotFacts;

/** One listener's MBean; its values are refreshed by {@link ListenerRegistry} with each snapshot. */
public final class Listener implements ListenerMBean {
    private final SnapshotFacts facts;
    private final String protocol;
    private final String localAddress;
    private final int port;
    private final int fd;
    private final long inode;
    private volatile int acceptQueue;
    private volatile int maxBacklog = -1;
    private volatile String backlogSource = "unknown";

    Listener(SnapshotFacts facts, String protocol, String localAddress, int port, int fd, long inode) {
        this.facts = facts;
        this.protocol = protocol;
        this.localAddress = localAddress;
        this.port = port;
        this.fd = fd;
        this.inode = inode;
    }

    void update(ListenerBacklog.Queue queue) {
        acceptQueue = queue.length();
        maxBacklog = queue.max();
        backlogSource = queue.source();
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getLocalAddress() {
        return localAddress;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public int getAcceptQueue() {
        facts.get(); // a stale snapshot is refreshed first; the registry then updates this listener
        return acceptQueue;
    }

    @Override
    public int getMaxBacklog() {
        facts.get();
        return maxBacklog;
    }

    @Override
    public double getFillRatio() {
        facts.get();
        int max = maxBacklog;
        return max <= 0 ? Double.NaN : (double) acceptQueue / max;
    }

    @Override
    public String getBacklogSource() {
        facts.get();
        return backlogSource;
    }

    @Override
    public int getFd() {
        return fd;
    }

    @Override
    public long getInode() {
        return inode;
    }
}
