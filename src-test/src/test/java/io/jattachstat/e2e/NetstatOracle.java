package io.jattachstat.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What netstat prints for one process's sockets: netstat's whole output in the process's network
 * namespace, keeping the titles and headers and only the rows the process owns. Ownership is read
 * from a second run with {@code -p} added, whose rows come in the same order; a row is the
 * process's when that run names its PID. (Rows nobody owns, such as TIME_WAIT or connections still
 * in an accept queue, show "-" there.)
 */
final class NetstatOracle {
    private static final Pattern TIMER_SECONDS = Pattern.compile("\\((\\d+\\.\\d{2})/");

    private NetstatOracle() {
    }

    static String ownedRows(String plain, String withPrograms, long pid) {
        List<String> plainLines = plain.lines().toList();
        List<String> programLines = withPrograms.lines().toList();
        if (plainLines.size() != programLines.size()) {
            return null; // the namespace changed between the two runs
        }
        StringBuilder owned = new StringBuilder();
        String pidColumn = " " + pid + "/";
        for (int i = 0; i < plainLines.size(); i++) {
            String line = plainLines.get(i);
            if (isHeading(line) || programLines.get(i).contains(pidColumn)) {
                owned.append(line).append('\n');
            }
        }
        return owned.toString();
    }

    static boolean isHeading(String line) {
        return line.startsWith("Active ") || line.startsWith("Proto ");
    }

    /** Timer seconds move between two reads; only they are masked. */
    static String maskTimers(String text) {
        return TIMER_SECONDS.matcher(text).replaceAll("(S/");
    }

    static List<String> withPrograms(List<String> options) {
        List<String> with = new ArrayList<>(options);
        with.add("-p");
        return with;
    }
}
