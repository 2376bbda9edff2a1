package io.jattachstat.proc;

import io.jattachstat.model.CounterSection;
import io.jattachstat.model.ProcRows;

import java.util.ArrayList;
import java.util.List;

/** Decodes the counter files: {@code snmp} and {@code netstat} (header/values line pairs) and {@code snmp6}. */
public final class CounterFileReader {
    private CounterFileReader() {
    }

    /** A header line of names, then a line of values, per section; a pair that does not match is skipped and counted. */
    public static ProcRows<CounterSection> pairs(String text) {
        List<CounterSection> sections = new ArrayList<>();
        int malformed = 0;
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split("\\s+");
            String[] values = lines[i + 1].trim().split("\\s+");
            if (!names[0].endsWith(":") || !values[0].equals(names[0])) {
                malformed += 2; // not a header/values pair: skipped, as netstat skips what it cannot parse
                continue;
            }
            List<String> fields = new ArrayList<>();
            List<Long> numbers = new ArrayList<>();
            for (int f = 1; f < names.length && f < values.length; f++) {
                fields.add(names[f]);
                numbers.add(number(values[f]));
            }
            sections.add(new CounterSection(names[0].substring(0, names[0].length() - 1), fields, numbers));
        }
        return new ProcRows<>(sections, malformed);
    }

    /** "Name value" lines; a section is the name up to and including its first '6' (Ip6, Icmp6, Udp6, ...). */
    public static ProcRows<CounterSection> snmp6(String text) {
        List<CounterSection> sections = new ArrayList<>();
        int malformed = 0;
        CounterSection current = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int six = f[0].indexOf('6');
            if (f.length != 2 || six < 0) {
                malformed++;
                continue;
            }
            String name = f[0].substring(0, six + 1);
            if (current == null || !current.name().equals(name)) {
                current = new CounterSection(name, new ArrayList<>(), new ArrayList<>());
                sections.add(current);
            }
            current.fields().add(f[0]);
            current.values().add(number(f[1]));
        }
        return new ProcRows<>(sections, malformed);
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
