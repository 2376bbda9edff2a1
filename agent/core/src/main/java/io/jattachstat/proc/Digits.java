package io.jattachstat.proc;

/** Checks of /proc names. Plain loops: this runs at CLI start, where streams and regexes cost milliseconds. */
public final class Digits {
    private Digits() {
    }

    /** True for a non-empty string of at most {@code maxLength} ASCII digits. */
    public static boolean isDigits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code s} as hex of 1 to {@code maxDigits} digits, or -1 if it is not that. */
    public static long hex(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits || maxDigits > 15) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** {@code s} as a decimal int (at most 9 digits, so it cannot overflow), or -1 if it is not that. */
    public static int decimal(String s) {
        return isDigits(s, 9) ? Integer.parseInt(s) : -1;
    }
}
