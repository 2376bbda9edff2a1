package io.jattachstat.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program name netstat -p shows: argv[0] from {@code cmdline} (read up to 511 bytes, as netstat
 * does), with the directory dropped only when argv[0] is an absolute path. Not {@code comm}, not
 * {@code exe}: a relative argv[0] or one a process rewrote is shown verbatim.
 */
public final class ProgramNameReader {
    private static final int NETSTAT_CMDLINE_BYTES = 511;

    private ProgramNameReader() {
    }

    /** The name, or null if the cmdline cannot be read. */
    public static String read(Path processDir) {
        byte[] buf = new byte[NETSTAT_CMDLINE_BYTES];
        int len = 0;
        try (InputStream in = Files.newInputStream(processDir.resolve("cmdline"))) {
            int n;
            while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
                len += n;
            }
        } catch (IOException e) {
            return null;
        }
        int argv0End = 0;
        while (argv0End < len && buf[argv0End] != 0) {
            argv0End++;
        }
        String argv0 = new String(buf, 0, argv0End, StandardCharsets.ISO_8859_1);
        return argv0.startsWith("/") ? argv0.substring(argv0.lastIndexOf('/') + 1) : argv0;
    }
}
