package io.jattachstat.netstat;

import io.jattachstat.model.CounterSection;
import io.jattachstat.proc.CounterFileReader;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which counter files a family's {@code -s} reads, and in which order: the sections -s prints with
 * net-tools' sentences ({@link Statistics}) and --json as raw counters ({@link JsonViews}).
 */
final class CounterFiles {
    /** Sections that -t, -u and -w select; every other one prints whatever they say. */
    private static final Set<String> SELECTABLE = Set.of("Ip", "Icmp", "Tcp", "Udp", "Sctp", "TcpExt", "Ip6", "Icmp6",
            "Udp6");

    private CounterFiles() {
    }

    /** Only inet and inet6 have statistics; for any other family netstat says so on stdout, status 1. */
    static NetstatView.Result unsupported(NetstatOptions options) {
        return new NetstatView.Result(1, NetstatView.PROGRAM + ": No statistics support for specified address family: "
                + options.familyNames() + "\n", "");
    }

    static boolean isSelectable(CounterSection section) {
        return SELECTABLE.contains(section.name());
    }

    /** Whether -t, -u, -w (or their absence) show this section. */
    static boolean shown(CounterSection section, NetstatOptions options) {
        return !isSelectable(section) || options.statisticsSection(section.name());
    }

    /**
     * The sections of the family's files, in order: inet (or none) reads snmp then netstat; inet6
     * reads snmp6, then only the Tcp section of snmp. Null for any other family.
     */
    static List<CounterSection> sections(NetFiles net, NetstatOptions options) throws ProcAccessException {
        String family = options.familyNames();
        List<CounterSection> sections = new ArrayList<>();
        if (family.isEmpty() || family.equals("inet")) {
            sections.addAll(pairs(net.read("snmp")));
            sections.addAll(pairs(net.read("netstat")));
        } else if (family.equals("inet6")) {
            sections.addAll(snmp6(net.read("snmp6")));
            for (CounterSection section : pairs(net.read("snmp"))) {
                if (section.name().equals("Tcp")) {
                    sections.add(section);
                }
            }
        } else {
            return null;
        }
        return sections;
    }

    private static List<CounterSection> pairs(String text) {
        return text == null ? List.of() : CounterFileReader.pairs(text).rows();
    }

    private static List<CounterSection> snmp6(String text) {
        return text == null ? List.of() : CounterFileReader.snmp6(text).rows();
    }
}
