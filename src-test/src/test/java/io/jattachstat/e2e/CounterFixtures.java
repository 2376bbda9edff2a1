package io.jattachstat.e2e;

/**
 * Rewrites the values of the kernel's counter files ({@code /proc/net/snmp}, {@code netstat}: pairs
 * of name and value lines; {@code snmp6}: "name value" lines) keeping names and layout: to zero, or
 * to distinct values counting up from a start, so that each printed line can be traced to its field.
 */
final class CounterFixtures {
    private CounterFixtures() {
    }

    /** {@code start} < 0: every value 0; else distinct values from {@code start}. */
    static String renumber(String text, long start) {
        StringBuilder out = new StringBuilder();
        long next = start;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean snmp6 = !line.contains(":");
            boolean valuesLine = !snmp6 && i % 2 == 1;
            if (snmp6) {
                String name = line.trim().split("\\s+")[0];
                out.append(String.format("%-32s\t%d", name, start < 0 ? 0 : next++));
            } else if (valuesLine) {
                String[] f = line.split(" ");
                out.append(f[0]);
                for (int v = 1; v < f.length; v++) {
                    out.append(' ').append(start < 0 ? 0 : next++);
                }
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
