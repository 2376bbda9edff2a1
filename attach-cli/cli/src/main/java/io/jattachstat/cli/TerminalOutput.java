package io.jattachstat.cli;

import io.jattachstat.netstat.TerminalText;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output to a terminal, with control characters escaped ({@link TerminalText}) whatever prints
 * them: views from the agent, JVM lists, error messages quoting a path. Line by line, so a UTF-8
 * sequence is never cut in two. Through a pipe or into a file the bytes go out unchanged.
 */
final class TerminalOutput extends FilterOutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private TerminalOutput(OutputStream out) {
        super(out);
    }

    /** {@code out} for file descriptor {@code fd}, escaping if that is a terminal. */
    static OutputStream forFd(int fd, OutputStream out) {
        return isTerminal(fd) ? new TerminalOutput(out) : out;
    }

    /** True if {@code fd} is a terminal: /proc/self/fd/N names a tty (Java 17 has no isatty). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        flushLine();
        super.flush();
    }

    private void flushLine() throws IOException {
        if (line.size() > 0) {
            String text = TerminalText.escape(line.toString(StandardCharsets.ISO_8859_1), true);
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            line.reset();
        }
    }
}
