package io.jattachstat.proc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines without decoding them, so parsers work on bytes and a 15 MB
 * {@code /proc/net/tcp} costs no String per line. The handler may stop the read early; for a
 * {@code /proc} file that also stops the kernel from generating the rest.
 */
final class LineReader {
    /** Receives one line, without its '\n'. Returns false to stop reading. */
    interface Handler {
        boolean line(byte[] buf, int start, int end);
    }

    private static final int BUFFER = 64 * 1024;

    private LineReader() {
    }

    static void forEachLine(InputStream in, Handler handler) throws IOException {
        byte[] buf = new byte[BUFFER];
        int filled = 0;
        int n;
        while ((n = in.read(buf, filled, buf.length - filled)) > 0) {
            filled += n;
            int lineStart = 0;
            for (int i = indexOf(buf, lineStart, filled); i >= 0; i = indexOf(buf, lineStart, filled)) {
                if (!handler.line(buf, lineStart, i)) {
                    return;
                }
                lineStart = i + 1;
            }
            // Keep the unfinished tail at the front; grow only for a line longer than the buffer.
            int tail = filled - lineStart;
            if (lineStart == 0 && tail == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            } else {
                System.arraycopy(buf, lineStart, buf, 0, tail);
            }
            filled = tail;
        }
        if (filled > 0) {
            handler.line(buf, 0, filled);
        }
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
