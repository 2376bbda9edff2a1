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
}
