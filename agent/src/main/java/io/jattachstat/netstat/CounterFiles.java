package io.jattachstat.netstat;

import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's counter files of the target's network namespace, read into sections: what -s prints
 * with net-tools' sentences ({@link Statistics}) and --json as raw counters ({@link JsonViews}).
 */
final class CounterFiles {
    private CounterFiles() {
    }

    /** One section of a counters file: its name, then its fields and values in file order. */
    record Section(String name, List<String> fields, List<Long> values) {
    }

    /**
     * The sections of the family's files, in order: inet (or none) reads snmp then netstat; inet6
     * reads snmp6, then only the Tcp section of snmp. Null for any other family.
     */
    static List<Section> sections(NetFiles net, NetstatOptions options) throws ProcAccessException {
        String family = options.familyNames();
        List<Section> sections = new ArrayList<>();
        if (family.isEmpty() || family.equals("inet")) {
            sections.addAll(snmpPairs(net.read("snmp")));
            sections.addAll(snmpPairs(net.read("netstat")));
        } else if (family.equals("inet6")) {
            sections.addAll(snmp6(net.read("snmp6")));
            for (Section section : snmpPairs(net.read("snmp"))) {
                if (section.name().equals("Tcp")) {
                    sections.add(section);
                }
            }
        } else {
            return null;
        }
        return sections;
    }

    /** /proc/net/snmp and /proc/net/netstat: a header line of names, then a line of values, per section. */
    private static List<Section> snmpPairs(String text) {
        List<Section> sections = new ArrayList<>();
        if (text == null) {
            return sections;
        }
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split("\\s+");
            String[] values = lines[i + 1].trim().split("\\s+");
            if (names.length < 1 || !names[0].endsWith(":") || !values[0].equals(names[0])) {
                continue; // not a header/values pair: skip it, as netstat skips what it cannot parse
            }
            List<String> fields = new ArrayList<>();
            List<Long> numbers = new ArrayList<>();
            for (int f = 1; f < names.length && f < values.length; f++) {
                fields.add(names[f]);
                numbers.add(number(values[f]));
            }
            sections.add(new Section(names[0].substring(0, names[0].length() - 1), fields, numbers));
        }
        return sections;
    }

    /** /proc/net/snmp6: "Name value" lines; a section is the name up to and including its first '6'. */
    private static List<Section> snmp6(String text) {
        List<Section> sections = new ArrayList<>();
        if (text == null) {
            return sections;
        }
        Section current = null;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            int six = f[0].indexOf('6');
            if (f.length != 2 || six < 0) {
                continue;
            }
            String name = f[0].substring(0, six + 1);
            if (current == null || !current.name().equals(name)) {
                current = new Section(name, new ArrayList<>(), new ArrayList<>());
                sections.add(current);
            }
            current.fields().add(f[0]);
            current.values().add(number(f[1]));
        }
        return sections;
    }

    /** A counter (unsigned 64 bits; Tcp's MaxConn is -1); what is not a number reads as 0. */
    private static long number(String s) {
        try {
            return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
