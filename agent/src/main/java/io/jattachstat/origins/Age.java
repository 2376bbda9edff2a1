package io.jattachstat.origins;

/** Ages as people read them in a terminal: "850ms", "41s", "3m12s", "2h05m", "3d04h". */
final class Age {
    private Age() {
    }

    static String format(long millis) {
        if (millis < 0) {
            return "-";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + two(s % 60) + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h" + two(s / 60 % 60) + "m";
        }
        return s / 86400 + "d" + two(s / 3600 % 24) + "h";
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }
}
