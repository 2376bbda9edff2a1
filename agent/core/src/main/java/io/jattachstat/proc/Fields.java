package io.jattachstat.proc;

/**
 * Blank-separated fields of one line, found in place. Numbers are parsed straight from the bytes;
 * every method reports a malformed value by returning -1 (all valid values here are non-negative)
 * rather than by throwing, because a bad line must be skipped and counted, never fatal.
 */
final class Fields {
    private final int[] starts;
    private final int[] ends;
    private int count;
    private byte[] buf;
    private int lineEnd;

    Fields(int max) {
        starts = new int[max];
        ends = new int[max];
    }

    /** Splits up to {@code max} fields; returns how many were found. */
    int split(byte[] b, int start, int end) {
        buf = b;
        lineEnd = end;
        count = 0;
        int i = start;
        while (count < starts.length) {
            while (i < end && isBlank(b[i])) {
                i++;
            }
            if (i >= end) {
                break;
            }
            starts[count] = i;
            while (i < end && !isBlank(b[i])) {
                i++;
            }
            ends[count++] = i;
        }
        return count;
    }

    int count() {
        return count;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    int lineEnd() {
        return lineEnd;
    }

    byte[] buffer() {
        return buf;
    }

    /** Decimal value of a whole field, or -1. */
    long decimal(int field) {
        return decimal(starts[field], ends[field]);
    }

    long decimal(int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Hex value of a whole field (at most 15 digits), or -1. */
    long hex(int field) {
        return hex(starts[field], ends[field]);
    }

    long hex(int from, int to) {
        if (from >= to || to - from > 16) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = hexDigit(buf[i]);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Position of {@code c} inside a field, or -1. */
    int indexOf(int field, byte c) {
        for (int i = starts[field]; i < ends[field]; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
