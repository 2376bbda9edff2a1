package io.jattachstat.netstat;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.UnixSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes text safe for a terminal. Socket paths, program names, thread names and interface names are
 * other people's bytes; printed raw, an escape sequence among them can rewrite the screen of whoever
 * runs jattachstat. Control characters are shown as C escapes ({@code \e}, {@code \n}, {@code \x9b},
 * …); valid UTF-8 passes, since names in other scripts are names. Text is handled as bytes, one
 * ISO-8859-1 char each, as the views carry it.
 *
 * <p>Only for a terminal: through a pipe the bytes stay exactly netstat's.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every control character escaped, line breaks too. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** {@code text} with every control character escaped but the line breaks that end its lines. */
    public static String escape(String text, boolean keepNewlines) {
        StringBuilder b = null;
        int i = 0;
        while (i < text.length()) {
            int n = safeLength(text, i, keepNewlines);
            if (n > 0) {
                if (b != null) {
                    b.append(text, i, i + n);
                }
                i += n;
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            appendEscaped(text.charAt(i), b);
            i++;
        }
        return b == null ? text : b.toString();
    }

    /**
     * How many chars at {@code i} may be printed as they are: 1 for a printable ASCII byte, the
     * sequence's length for valid UTF-8 that is not a C1 control, 0 for a byte to escape. A sequence
     * cut off by the end of {@code text} counts as invalid.
     */
    static int safeLength(CharSequence text, int i, boolean keepNewlines) {
        int c = text.charAt(i) & 0xff;
        if (c < 0x80) {
            return c >= 0x20 && c != 0x7f || c == '\n' && keepNewlines ? 1 : 0;
        }
        int length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (length == 0 || i + length > text.length()) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((text.charAt(i + k) & 0xc0) != 0x80) {
                return 0;
            }
        }
        int second = text.charAt(i + 1) & 0xff;
        boolean c1Control = c == 0xc2 && second < 0xa0;
        boolean overlongOrSurrogate = c == 0xe0 && second < 0xa0 || c == 0xed && second >= 0xa0
                || c == 0xf0 && second < 0x90 || c == 0xf4 && second >= 0x90;
        return c1Control || overlongOrSurrogate ? 0 : length;
    }

    static void appendEscaped(char c, StringBuilder b) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 0x1b -> b.append("\\e");
            case 0x07 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case 0x0b -> b.append("\\v");
            default -> {
                b.append("\\x");
                int v = c & 0xff;
                b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
            }
        }
    }

    /** {@code notes} with control characters in every note and detail line escaped; null stays null. */
    static RowNotes escaped(RowNotes notes) {
        if (notes == null) {
            return null;
        }
        return new RowNotes() {
            @Override
            public String column() {
                return notes.column();
            }

            @Override
            public String note(InetSocket s) {
                return escape(notes.note(s));
            }

            @Override
            public String note(UnixSocket s) {
                return escape(notes.note(s));
            }

            @Override
            public List<String> details(InetSocket s) {
                return escapeAll(notes.details(s));
            }

            @Override
            public List<String> details(UnixSocket s) {
                return escapeAll(notes.details(s));
            }
        };
    }

    private static List<String> escapeAll(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(escape(line));
        }
        return out;
    }
}
