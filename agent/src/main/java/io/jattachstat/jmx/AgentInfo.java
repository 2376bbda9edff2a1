package io.jattachstat.jmx;

import java.util.List;
import java.util.LinkedHashMap;
import io.jattachstat.netstat.Json;
import io.jattachstat.options.AgentOptions;
import io.jattachstat.origins.Origins;
import io.jattachstat.origins.OriginsState;
import io.jattachstat.origins.StackMode;
import io.jattachstat.snapshot.AgentStatus;
import io.jattachstat.snapshot.CheckPacing;

import java.util.Map;
import java.util.function.Supplier;

/** The {@code jattachstat:type=Agent} MBean. */
public final class AgentInfo implements AgentInfoMBean {
    private final String version;
    private final String loadedBy;
    private final AgentOptions options;
    private final AgentStatus status;
    private final Supplier<Map<String, String>> hookStates;
    private final Supplier<OriginsState> origins;
    private final CheckPacing pacing;
    private final Supplier<String> ownSocketReads;

    /**
     * @param hookStates         each hook's state, by name (empty until the hooks are being installed)
     * @param origins            where the origins work stands (its bookkeeping once ready)
     * @param pacing             how often the agent looks unasked, and why
     * @param ownSocketReads     how long the last per-fd reads took ("" before the first)
     */
    public AgentInfo(String version, String loadedBy, AgentOptions options, AgentStatus status,
                     Supplier<Map<String, String>> hookStates, Supplier<OriginsState> origins, CheckPacing pacing,
                     Supplier<String> ownSocketReads) {
        this.pacing = pacing;
        this.ownSocketReads = ownSocketReads;
        this.version = version;
        this.loadedBy = loadedBy;
        this.options = options;
        this.status = status;
        this.hookStates = hookStates;
        this.origins = origins;
    }

    @Override
    public String[] getHooks() {
        return lines(hookStates.get());
    }

    @Override
    public String getStackMode() {
        OriginsState state = origins.get();
        return state.isReady() ? state.origins().stackMode().label() : "n/a: " + state.unavailable();
    }

    @Override
    public void setStackMode(String mode) {
        StackMode m = StackMode.parse(mode);
        if (m == null) {
            throw new IllegalArgumentException("stack mode is off, sampled or always, not '" + mode + "'");
        }
        Origins o = origins.get().origins();
        if (o == null) {
            throw new IllegalStateException("origins are not running");
        }
        o.stackMode(m);
    }

    @Override
    public String[] getOriginBounds() {
        Origins o = origins.get().origins();
        if (o == null) {
            return new String[0];
        }
        Origins.Usage u = o.usage();
        return new String[] {
            "socket records: " + u.records() + " of " + u.maxRecords() + " (not recorded for lack of room: " + u.recordsDropped() + ")",
            "sockets recorded since start: " + u.socketsOpened(),
            "distinct stacks: " + u.stacks() + " of " + u.maxStacks() + " (stacks not kept for lack of room: " + u.stacksDropped() + ")",
            "stack depth: " + o.stackDepth() + " frames",
            "stack walks: " + u.walksPerSecond() + " a second before sampling (sampled mode); not walked since start: "
                    + u.walksSkipped(),
            "close ring: " + u.closeRingUsed() + " of " + u.closeRingCapacity(),
            "closes recorded since start: " + u.closes() + " (by the GC cleaner: " + u.closesByGcCleaner() + ")",
            "retained: about " + u.retainedBytes() / 1024 + " KiB",
        };
    }

    @Override
    public long getOriginRetainedBytes() {
        Origins o = origins.get().origins();
        return o == null ? 0 : o.usage().retainedBytes();
    }

    private static String[] lines(Map<String, String> entries) {
        String[] lines = new String[entries.size()];
        int i = 0;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            lines[i++] = e.getKey() + ": " + e.getValue();
        }
        return lines;
    }

    @Override
    public long getCheckIntervalMillis() {
        return pacing.intervalMillis();
    }

    @Override
    public String getCheckIntervalReason() {
        return pacing.why();
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getJdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
    }

    @Override
    public String getLoadedBy() {
        return loadedBy;
    }

    @Override
    public String getOptions() {
        return options.inForce();
    }

    @Override
    public String[] getOptionErrors() {
        return options.errors().toArray(new String[0]);
    }

    @Override
    public String[] getCapabilities() {
        return lines(status.capabilities());
    }

    @Override
    public long getErrorCount() {
        return status.errorCount();
    }

    @Override
    public String getLastError() {
        return status.lastError();
    }

    /** {@link #describe()}, or with {@code json} the same as one JSON object (docs/json.md). */
    public String describe(boolean json) {
        if (!json) {
            return describe();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", "agent");
        m.put("version", version);
        m.put("jdk", getJdk());
        m.put("loadedBy", loadedBy);
        m.put("options", getOptions());
        m.put("optionErrors", List.of(getOptionErrors()));
        m.put("capabilities", new LinkedHashMap<String, Object>(status.capabilities()));
        m.put("hooks", new LinkedHashMap<String, Object>(hookStates.get()));
        m.put("checkIntervalMillis", getCheckIntervalMillis());
        m.put("checkIntervalReason", getCheckIntervalReason());
        m.put("perFdReads", ownSocketReads.get().isEmpty() ? null : ownSocketReads.get());
        m.put("stackMode", getStackMode());
        m.put("originBounds", List.of(getOriginBounds()));
        m.put("errors", getErrorCount());
        m.put("lastError", getErrorCount() > 0 ? getLastError() : null);
        return Json.write(m) + "\n";
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("version:      ").append(version).append('\n');
        b.append("jdk:          ").append(getJdk()).append('\n');
        b.append("loaded by:    ").append(loadedBy).append('\n');
        b.append("options:      ").append(getOptions()).append('\n');
        for (String e : getOptionErrors()) {
            b.append("option error: ").append(e).append('\n');
        }
        for (String c : getCapabilities()) {
            b.append("capability:   ").append(c).append('\n');
        }
        for (String h : getHooks()) {
            b.append("hook:         ").append(h).append('\n');
        }
        b.append("check:        every ").append(getCheckIntervalMillis()).append(" ms: ").append(getCheckIntervalReason())
                .append('\n');
        if (!ownSocketReads.get().isEmpty()) {
            b.append("per-fd reads: ").append(ownSocketReads.get()).append('\n');
        }
        b.append("stack mode:   ").append(getStackMode()).append('\n');
        for (String line : getOriginBounds()) {
            b.append("origins:      ").append(line).append('\n');
        }
        b.append("errors:       ").append(getErrorCount());
        if (getErrorCount() > 0) {
            b.append(" (last: ").append(getLastError()).append(')');
        }
        return b.append('\n').toString();
    }
}
