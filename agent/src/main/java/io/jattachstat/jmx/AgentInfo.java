package io.jattachstat.jmx;

import io.jattachstat.agent.AgentOptions;
import io.jattachstat.agent.AgentStatus;

import java.util.Map;

/** The {@code jattachstat:type=Agent} MBean. */
public final class AgentInfo implements AgentInfoMBean {
    private final String version;
    private final String loadedBy;
    private final AgentOptions options;
    private final AgentStatus status;

    public AgentInfo(String version, String loadedBy, AgentOptions options, AgentStatus status) {
        this.version = version;
        this.loadedBy = loadedBy;
        this.options = options;
        this.status = status;
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
        Map<String, String> caps = status.capabilities();
        String[] lines = new String[caps.size()];
        int i = 0;
        for (Map.Entry<String, String> e : caps.entrySet()) {
            lines[i++] = e.getKey() + ": " + e.getValue();
        }
        return lines;
    }

    @Override
    public long getErrorCount() {
        return status.errorCount();
    }

    @Override
    public String getLastError() {
        return status.lastError();
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
        b.append("errors:       ").append(getErrorCount());
        if (getErrorCount() > 0) {
            b.append(" (last: ").append(getLastError()).append(')');
        }
        return b.append('\n').toString();
    }
}
