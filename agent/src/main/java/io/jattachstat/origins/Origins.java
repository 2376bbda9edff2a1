package io.jattachstat.origins;

import io.jattachstat.instrument.Hook;
import io.jattachstat.model.SocketTable;
import io.jattachstat.options.AgentOptions;
import io.jattachstat.proc.FdTable;
import io.jattachstat.proc.FdTableReader;
import io.jattachstat.snapshot.AgentStatus;
import io.jattachstat.waits.BlockingWaits;
import io.jattachstat.waits.WaitHooks;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Socket origins: who opened each socket, who closed the ones the kernel still lists. Owns the
 * records, the interned stacks and the close ring, all bounded by agent options, and answers the
 * views' questions about a snapshot.
 */
public final class Origins {
    /** Closes are kept about as long as the kernel keeps TIME_WAIT (60 s), plus a margin. */
    static final long CLOSE_WINDOW_MILLIS = 65_000;

    private final SocketRegistry registry;
    private final CloseRing closes;
    private final StackCapture stacks;
    private final SocketRecorder recorder;
    private final WalkBudget budget;
    private final OriginHooks hooks;
    /** The sockets open before the agent, by inode: their Java kind when the JDK's cleaner knows it, else "". */
    private final Map<Long, String> beforeAgent;
    /** The agent's control socket's path ("" until it is bound): its row is the agent's own. */
    private final Supplier<String> controlSocket;
    private final int stackDepth;
    private final BlockingWaits waits;

    private Origins(OriginHooks hooks, SocketRegistry registry, CloseRing closes, StackCapture stacks,
                    SocketRecorder recorder, WalkBudget budget, Map<Long, String> beforeAgent, Supplier<String> controlSocket,
                    int stackDepth, BlockingWaits waits) {
        this.waits = waits;
        this.budget = budget;
        this.hooks = hooks;
        this.registry = registry;
        this.closes = closes;
        this.stacks = stacks;
        this.recorder = recorder;
        this.beforeAgent = beforeAgent;
        this.controlSocket = controlSocket;
        this.stackDepth = stackDepth;
    }

    /**
     * Opens the JDK to the agent, defines the bridge and connects it to a new recorder. The hooks
     * themselves are installed by the caller, with the agent's other hooks ({@link #hooks()}).
     */
    public static Origins start(Instrumentation inst, AgentOptions options, AgentStatus status, Path procRoot,
                                Supplier<String> controlSocket) throws Exception {
        OriginHooks hooks = new OriginHooks(inst);
        hooks.openJdk();
        String agentPackage = Origins.class.getPackageName() + ".";
        StackCapture stacks = new StackCapture(name -> name.startsWith(agentPackage), options.originSkip(),
                options.stackDepth(), options.maxStacks());
        SocketRegistry registry = new SocketRegistry(options.maxSockets());
        CloseRing closes = new CloseRing(options.closeRing());
        WalkBudget budget = new WalkBudget(options.walksPerSecond());
        SocketRecorder recorder = new SocketRecorder(stacks, registry, closes, StackMode.parse(options.stacks()),
                options.sampleEvery(), budget, status);
        // Sockets open now were opened before the agent could see them: their origin is "unknown",
        // with what the JDK's cleaner still knows of them.
        FdTable before = FdTableReader.read(procRoot.resolve("self"));
        Map<Integer, String> kindsByFd = CleanerInventory.socketKindsByFd(inst);
        Map<Long, String> beforeAgent = new HashMap<>();
        for (long inode : before.inodes()) {
            beforeAgent.put(inode, kindsByFd.getOrDefault(before.fdOf(inode), ""));
        }
        BlockingWaits waits = options.waits() ? new BlockingWaits() : null;
        hooks.connect(recorder, waits);
        return new Origins(hooks, registry, closes, stacks, recorder, budget, beforeAgent, controlSocket,
                options.stackDepth(), waits);
    }

    /** The hooks to install: origins', and the wait hooks unless the agent option waits=false. */
    public List<Hook> hooks() {
        List<Hook> all = new ArrayList<>(OriginHooks.hooks());
        if (waits != null) {
            all.addAll(WaitHooks.hooks());
        }
        return all;
    }

    /** What the wait hooks record, or null when they are off (the agent option waits=false). */
    public BlockingWaits waits() {
        return waits;
    }

    public BiConsumer<TypeDescription, JavaModule> beforeAppClass() {
        return hooks.exportBridgeTo();
    }

    /** Joins a snapshot with the records (and with the recent closes, for inode-0 rows). */
    public Attribution attribute(SocketTable table) {
        return new Attribution(table, registry, beforeAgent, closes.since(System.currentTimeMillis(), CLOSE_WINDOW_MILLIS),
                controlSocket.get());
    }

    /** The closes of the last minute and more (about the TIME_WAIT lifetime), oldest first. */
    public List<ClosedSocket> recentCloses() {
        return closes.since(System.currentTimeMillis(), CLOSE_WINDOW_MILLIS);
    }

    /** True if closes of the last {@code windowMillis} were lost to the ring's size. */
    public boolean closesLost(long windowMillis) {
        return closes.wrappedWithin(System.currentTimeMillis(), windowMillis);
    }

    /** When a socket was last opened, accepted or closed, in ms since the epoch. */
    public long lastEventMillis() {
        return recorder.lastEventMillis();
    }

    /** The live record on {@code fd}, or null. */
    public SocketRecord record(int fd) {
        return registry.get(fd);
    }

    public StackMode stackMode() {
        return recorder.mode();
    }

    public void stackMode(StackMode mode) {
        recorder.mode(mode);
    }

    public int stackDepth() {
        return stackDepth;
    }

    /** Sockets the hooks saw opened (or accepted) since the agent started. */
    public long socketsOpened() {
        return recorder.openedCount();
    }

    /** Socket closes the hooks saw; {@code byGcCleaner}: only those the JDK's cleaner made for unreachable sockets. */
    public long closes(boolean byGcCleaner) {
        return byGcCleaner ? closes.totalByCleaner() : closes.total();
    }

    /** Bounds and current use, for the Agent MBean: name, then value. */
    public Usage usage() {
        long bytes = registry.size() * SocketRecord.retainedBytes() + registry.indexBytes() + stacks.retainedBytes()
                + closes.retainedBytes();
        return new Usage(registry.size(), registry.max(), registry.dropped(), recorder.openedCount(),
                stacks.distinctStacks(), stacks.maxStacks(), stacks.stacksDropped(), closes.used(), closes.capacity(),
                closes.total(), closes.totalByCleaner(), budget.perSecond(), budget.skipped(), bytes);
    }

    /** What the origins bookkeeping holds and may hold. */
    public record Usage(int records, int maxRecords, long recordsDropped, long socketsOpened, int stacks, int maxStacks,
                        long stacksDropped, int closeRingUsed, int closeRingCapacity, long closes, long closesByGcCleaner,
                        int walksPerSecond, long walksSkipped, long retainedBytes) {
    }
}
