package io.jattachstat.jmx;

import io.jattachstat.agent.SnapshotCache;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.origins.OriginViews;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@code jattachstat:type=Sockets} MBean. */
public final class Sockets implements SocketsMBean {
    private final SnapshotCache cache;
    private final NetstatView view;
    private final Supplier<OriginViews> originViews;
    private final Supplier<String> originsUnavailable;
    private SocketTable countedTable;
    private Counts counts;

    /**
     * @param originViews        the origins views, or null while (or if) the socket hooks are not installed
     * @param originsUnavailable why they are not, one sentence
     */
    public Sockets(SnapshotCache cache, NetstatView view, Supplier<OriginViews> originViews,
                   Supplier<String> originsUnavailable) {
        this.cache = cache;
        this.view = view;
        this.originViews = originViews;
        this.originsUnavailable = originsUnavailable;
    }

    /** Counts for the current snapshot, computed once per snapshot. */
    private synchronized Counts counts() {
        SocketTable t = cache.get();
        if (t != countedTable) {
            counts = new Counts(t);
            countedTable = t;
        }
        return counts;
    }

    @Override
    public int getTcpEstablished() {
        return counts().tcpStates[1];
    }

    @Override
    public int getTcpSynSent() {
        return counts().tcpStates[2];
    }

    @Override
    public int getTcpSynRecv() {
        return counts().tcpStates[3];
    }

    @Override
    public int getTcpFinWait1() {
        return counts().tcpStates[4];
    }

    @Override
    public int getTcpFinWait2() {
        return counts().tcpStates[5];
    }

    @Override
    public int getTcpTimeWait() {
        return counts().tcpStates[6];
    }

    @Override
    public int getTcpClose() {
        return counts().tcpStates[7];
    }

    @Override
    public int getTcpCloseWait() {
        return counts().tcpStates[8];
    }

    @Override
    public int getTcpLastAck() {
        return counts().tcpStates[9];
    }

    @Override
    public int getTcpListen() {
        return counts().tcpStates[10];
    }

    @Override
    public int getTcpClosing() {
        return counts().tcpStates[11];
    }

    @Override
    public int getTcp() {
        return counts().tcp;
    }

    @Override
    public int getUdp() {
        return counts().udp;
    }

    @Override
    public int getRaw() {
        return counts().raw;
    }

    @Override
    public int getUnix() {
        return counts().unix;
    }

    @Override
    public int getTotal() {
        Counts c = counts();
        return c.tcp + c.udp + c.raw + c.unix;
    }

    @Override
    public long getReceiveQueueBytes() {
        return counts().receiveQueue;
    }

    @Override
    public long getSendQueueBytes() {
        return counts().sendQueue;
    }

    @Override
    public String[] getNetstat() {
        return netstat("-anp").split("\n");
    }

    @Override
    public long getSnapshotTime() {
        return cache.get().takenAtMillis();
    }

    @Override
    public long getSnapshotAgeMillis() {
        cache.get();
        return cache.ageMillis();
    }

    @Override
    public long getRefreshIntervalMillis() {
        return cache.refreshMillis();
    }

    @Override
    public void setRefreshIntervalMillis(long millis) {
        cache.setRefreshMillis(millis);
    }

    @Override
    public long getProcReads() {
        return cache.reads();
    }

    @Override
    public int getMalformedLines() {
        return cache.get().malformedLines();
    }

    @Override
    public String netstat(String options) {
        NetstatView.Result r = view.render(cache.get(), options == null ? List.of() : NetstatOptionParser.words(options));
        return r.err() + r.out();
    }

    @Override
    public void refresh() {
        cache.refresh();
    }

    @Override
    public String[] origins(String state, int top) {
        return withOrigins(views -> views.topOrigins(state, top), why -> new String[] {why});
    }

    @Override
    public String describe(int fd) {
        return withOrigins(views -> views.describe(fd), why -> why);
    }

    @Override
    public String leaks() {
        return withOrigins(views -> views.leaks(true), why -> why);
    }

    @Override
    public String originsView(String options) {
        List<String> words = options == null ? List.of() : NetstatOptionParser.words(options);
        return withOrigins(views -> {
            NetstatView.Result r = views.origins(words, true);
            return r.err() + r.out();
        }, why -> why);
    }

    /** The origins views' answer, or (while the hooks are not installed, or if they are off) why not. */
    private <T> T withOrigins(Function<OriginViews, T> answer, Function<String, T> unavailable) {
        OriginViews views = originViews.get();
        return views == null ? unavailable.apply(originsUnavailable.get()) : answer.apply(views);
    }

    /** Per-state and per-protocol totals of one snapshot. */
    private static final class Counts {
        final int[] tcpStates = new int[12];
        int tcp;
        int udp;
        int raw;
        final int unix;
        long receiveQueue;
        long sendQueue;

        Counts(SocketTable t) {
            for (Protocol p : Protocol.values()) {
                if (!p.isInet()) {
                    continue;
                }
                for (InetSocket s : t.inet(p)) {
                    if (p.isTcp()) {
                        tcp++;
                        if (s.state() < tcpStates.length) {
                            tcpStates[s.state()]++;
                        }
                    } else if (p.isUdp()) {
                        udp++;
                    } else {
                        raw++;
                    }
                    receiveQueue += s.receiveQueue();
                    sendQueue += s.sendQueue();
                }
            }
            unix = t.unix().size();
        }
    }
}
