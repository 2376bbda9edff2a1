package io.jattachstat.jmx;

import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.SocketCounts;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.TcpInfo;
import io.jattachstat.model.TcpState;
import io.jattachstat.model.ThreadWait;
import io.jattachstat.model.Transport;
import io.jattachstat.netstat.BlockedView;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.UsageException;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.netstat.TcpInfoText;
import io.jattachstat.origins.OriginViews;
import io.jattachstat.origins.OriginsState;
import io.jattachstat.snapshot.FdSocketReader;
import io.jattachstat.snapshot.SnapshotCache;
import io.jattachstat.snapshot.SnapshotFacts;

import javax.management.openmbean.CompositeData;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@code jattachstat:type=Sockets} MBean. */
public final class Sockets implements SocketsMBean {
    private final SnapshotCache cache;
    private final FdSocketReader perFd;
    private final Function<NetstatOptions, SocketTable> tables;
    private final Function<NetstatOptions, NetstatView.Result> blocked;
    private final Supplier<BlockedThreads> blockedNow;
    private final NetstatView view;
    private final Supplier<OriginsState> origins;
    private final SnapshotFacts facts;
    private final DoubleSupplier acceptQueueThreshold;

    /**
     * @param origins            where the origins work stands (its views once ready)
     */
    /** @param tables the sockets a netstat view of the given options is rendered from, as the CLI's */
    public Sockets(SnapshotCache cache, Function<NetstatOptions, SocketTable> tables, SnapshotFacts facts,
                   NetstatView view, Supplier<OriginsState> origins,
                   DoubleSupplier acceptQueueThreshold, Function<NetstatOptions, NetstatView.Result> blocked,
                   Supplier<BlockedThreads> blockedNow, FdSocketReader perFd) {
        this.blockedNow = blockedNow;
        this.perFd = perFd;
        this.tables = tables;
        this.acceptQueueThreshold = acceptQueueThreshold;
        this.blocked = blocked;
        this.cache = cache;
        this.facts = facts;
        this.view = view;
        this.origins = origins;
    }

    private SocketCounts counts() {
        return facts.get().counts();
    }

    private int tcp(TcpState state) {
        return counts().count(Transport.TCP, state);
    }

    @Override
    public int getTcpEstablished() {
        return tcp(TcpState.ESTABLISHED);
    }

    @Override
    public int getTcpSynSent() {
        return tcp(TcpState.SYN_SENT);
    }

    @Override
    public int getTcpSynRecv() {
        return tcp(TcpState.SYN_RECV);
    }

    @Override
    public int getTcpFinWait1() {
        return tcp(TcpState.FIN_WAIT1);
    }

    @Override
    public int getTcpFinWait2() {
        return tcp(TcpState.FIN_WAIT2);
    }

    @Override
    public int getTcpTimeWait() {
        return tcp(TcpState.TIME_WAIT);
    }

    @Override
    public int getTcpClose() {
        return tcp(TcpState.CLOSE);
    }

    @Override
    public int getTcpCloseWait() {
        return tcp(TcpState.CLOSE_WAIT);
    }

    @Override
    public int getTcpLastAck() {
        return tcp(TcpState.LAST_ACK);
    }

    @Override
    public int getTcpListen() {
        return tcp(TcpState.LISTEN);
    }

    @Override
    public int getTcpClosing() {
        return tcp(TcpState.CLOSING);
    }

    @Override
    public int getTcp() {
        return counts().count(Transport.TCP);
    }

    @Override
    public int getUdp() {
        return counts().count(Transport.UDP);
    }

    @Override
    public int getRaw() {
        return counts().count(Transport.RAW);
    }

    @Override
    public int getUnix() {
        return counts().count(Transport.UNIX);
    }

    @Override
    public int getTotal() {
        return counts().total();
    }

    @Override
    public long getReceiveQueueBytes() {
        SocketCounts c = counts();
        long bytes = c.acceptQueued();
        for (Transport transport : Transport.values()) {
            bytes += c.queueBytes(transport, true);
        }
        return bytes;
    }

    @Override
    public long getSendQueueBytes() {
        SocketCounts c = counts();
        long bytes = 0;
        for (Transport transport : Transport.values()) {
            bytes += c.queueBytes(transport, false);
        }
        return bytes;
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
        return render(tables, options);
    }

    @Override
    public String ownSockets(String options) {
        return render(o -> o.tcpInfo() ? perFd.withTcpInfo(facts.get().table()) : facts.get().table(), options);
    }

    private String render(Function<NetstatOptions, SocketTable> table, String options) {
        NetstatView.Result r;
        try {
            NetstatOptions parsed = NetstatOptionParser.parse(options == null ? "" : options);
            r = view.render(table.apply(parsed), parsed);
        } catch (UsageException e) {
            r = NetstatView.usageError(e);
        }
        return r.err() + r.out();
    }

    @Override
    public CompositeData consoleSnapshot() {
        return ConsoleRows.of(facts.get(), origins.get().views(), acceptQueueThreshold.getAsDouble(), blockedNow.get())
                .toOpenData();
    }

    @Override
    public String blocked() {
        try {
            return blocked.apply(NetstatOptionParser.parse("")).out();
        } catch (UsageException e) {
            throw new IllegalStateException(e); // no options: nothing to refuse
        }
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
        StringBuilder b = new StringBuilder(withOrigins(views -> views.describe(fd), why -> why));
        for (ThreadWait w : blockedNow.get().onSockets()) {
            if (w.fd() == fd) {
                b.append("  blocked: ").append(BlockedView.describe(w)).append('\n');
            }
        }
        TcpInfo info = perFd.tcpInfo(fd);
        if (info != null) { // as ss -i prints it, after its tab
            b.append("  tcp-info:").append(TcpInfoText.line(info, true).substring(1)).append('\n');
        }
        return b.toString();
    }

    @Override
    public String leaks() {
        return withOrigins(views -> views.leaks(true, false), why -> why);
    }

    @Override
    public String originsView(String options) {
        NetstatView.Result r;
        try {
            NetstatOptions parsed = NetstatOptionParser.parse(options);
            r = withOrigins(views -> views.origins(parsed, true), why -> new NetstatView.Result(1, "", why));
        } catch (UsageException e) {
            r = NetstatView.usageError(e);
        }
        return r.err() + r.out();
    }

    /** The origins views' answer, or (while the hooks are not installed, or if they are off) why not. */
    private <T> T withOrigins(Function<OriginViews, T> answer, Function<String, T> unavailable) {
        OriginsState state = origins.get();
        return state.isReady() ? answer.apply(state.views()) : unavailable.apply(state.unavailable());
    }
}
