package io.jattachstat.control;

import io.jattachstat.netstat.NetstatView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What the CLI and the agent say over the control socket. One request per connection:
 * <pre>
 *   request:  a {@link Request}, one line
 *   response: "JATTACHSTAT1 status errBytes outBytes" LF, then stderr's bytes, then stdout's
 *   or, to a view that streams (alerts): "JATTACHSTAT1 stream" LF, then one line per alert until the
 *             CLI hangs up (the CLI does not shut its output down: the agent sees it hang up as
 *             end-of-stream)
 * </pre>
 * Text is ISO-8859-1, so bytes from /proc (paths, argv[0]) pass unchanged.
 */
public final class ControlProtocol {
    /**
     * The status of an answer the agent cannot give yet but will in a moment (its hooks or MBeans are
     * still being set up, right after it was loaded): a CLI asks again, for a few seconds at most.
     * (EX_TEMPFAIL in sysexits.h.)
     */
    public static final int NOT_READY = 75;
    private static final String MAGIC = "JATTACHSTAT1";
    /** The first line of a streamed answer. */
    public static final String STREAM_HEAD = MAGIC + " stream";
    /** The longest answer a CLI accepts: far beyond 10 million sockets' rows, far below its heap. */
    private static final int MAX_RESPONSE = 256 << 20;
    private static final int MAX_HEAD = 64;

    private ControlProtocol() {
    }

    /**
     * The agent's socket is {@code /tmp/.jattachstat-<pid>-<random>/control.sock}, in a directory it
     * made itself, mode 0700: nobody else can have made it first, put anything in it, or guess it.
     * The CLI does not guess it either: it finds it among the target's own listening unix sockets
     * (docs/security.md). {@code <pid>} is the JVM's pid in its own namespace, for people reading /tmp.
     */
    public static final String SOCKET_DIR_PREFIX = ".jattachstat-";
    public static final String SOCKET_NAME = "control.sock";
    private static final Pattern SOCKET_PATH = Pattern.compile("/tmp/\\.jattachstat-[0-9]{1,10}-[a-z0-9]{6,16}/control\\.sock");

    /** The name of a socket directory for {@code pid}, ending with {@code random}. */
    public static String socketDirName(long pid, String random) {
        return SOCKET_DIR_PREFIX + pid + "-" + random;
    }

    /** True if {@code path} (as bound, in the JVM's mount namespace) is shaped like an agent's socket. */
    public static boolean isSocketPath(String path) {
        return SOCKET_PATH.matcher(path).matches();
    }

    /** One answer, as it goes on the wire. */
    public static ByteBuffer response(NetstatView.Result r) {
        byte[] err = r.err().getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = r.out().getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = (MAGIC + " " + r.status() + " " + err.length + " " + body.length + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(head.length + err.length + body.length);
        b.put(head).put(err).put(body).flip();
        return b;
    }

    /**
     * Reads one answer, checking every number in it: whatever the peer sends, the result is an answer
     * or an IOException that says in a few words what was wrong, never a runtime exception.
     */
    public static NetstatView.Result readResponse(ReadableByteChannel in) throws IOException {
        byte[] all = readAtMost(in, MAX_RESPONSE + MAX_HEAD);
        int lf = indexOf(all, (byte) '\n');
        if (lf < 0 || lf > MAX_HEAD) {
            throw new IOException(all.length == 0 ? "the agent closed the connection without answering"
                    : "the agent's answer is not understood");
        }
        String[] head = new String(all, 0, lf, StandardCharsets.ISO_8859_1).split(" ", -1);
        if (head.length != 4 || !head[0].equals(MAGIC)) {
            throw new IOException("the agent's answer is not understood");
        }
        long status = number(head[1], 255);
        long errLength = number(head[2], MAX_RESPONSE);
        long outLength = number(head[3], MAX_RESPONSE);
        if (status < 0 || errLength < 0 || outLength < 0) {
            throw new IOException("the agent's answer has a bad header");
        }
        if (lf + 1 + errLength + outLength != all.length) {
            throw new IOException(lf + 1 + errLength + outLength > all.length ? "the agent's answer was cut short"
                    : "the agent's answer is longer than it says");
        }
        return new NetstatView.Result((int) status,
                new String(all, lf + 1 + (int) errLength, (int) outLength, StandardCharsets.ISO_8859_1),
                new String(all, lf + 1, (int) errLength, StandardCharsets.ISO_8859_1));
    }

    /** A decimal number of at most {@code max}, or -1 if {@code text} is not one. */
    private static long number(String text, long max) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    /** Everything until end-of-stream, but no more than {@code limit} bytes (an answer that long is bad). */
    private static byte[] readAtMost(ReadableByteChannel in, int limit) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (in.read(b) >= 0) {
            buf.write(b.array(), 0, b.position());
            b.clear();
            if (buf.size() > limit) {
                throw new IOException("the agent's answer is longer than " + (limit >> 20) + " MiB");
            }
        }
        return buf.toByteArray();
    }

    private static int indexOf(byte[] a, byte v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
