package io.jattachstat.control;

import io.jattachstat.netstat.NetstatView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the CLI and the agent say over the control socket. One request per connection:
 * <pre>
 *   request:  word NUL word NUL ... LF          ("netstat", then netstat's options; or "agent";
 *             "origins" then "closed" or "open" then netstat's options; "leaks" then "closed" or "open";
 *             "alerts")
 *   response: "JATTACHSTAT1 status errBytes outBytes" LF, then stderr's bytes, then stdout's
 *   or, to "alerts": "JATTACHSTAT1 stream" LF, then one line per alert until the CLI hangs up
 *             (the CLI does not shut its output down: the agent sees it hang up as end-of-stream)
 * </pre>
 * Text is ISO-8859-1, so bytes from /proc (paths, argv[0]) pass unchanged.
 */
public final class ControlProtocol {
    public static final String NETSTAT = "netstat";
    public static final String AGENT = "agent";
    public static final String ORIGINS = "origins";
    public static final String LEAKS = "leaks";
    public static final String ALERTS = "alerts";
    /** The second word of ORIGINS and LEAKS: whether to add the rows the JVM closed. */
    public static final String WITH_CLOSED = "closed";
    public static final String WITHOUT_CLOSED = "open";
    private static final String MAGIC = "JATTACHSTAT1";
    /** The first line of a streamed answer. */
    public static final String STREAM_HEAD = MAGIC + " stream";
    private static final int MAX_REQUEST = 16 * 1024;

    private ControlProtocol() {
    }

    /**
     * The socket of the agent in the JVM whose pid, in its own pid namespace, is {@code pid}. Like the
     * JVM's own attach socket, it lives in /tmp, so that a CLI outside a container reaches it through
     * {@code /proc/<host pid>/root/tmp}.
     */
    public static Path socketPath(long pid) {
        return Path.of("/tmp", ".jattachstat-" + pid + ".sock");
    }

    public static byte[] request(List<String> words) {
        return (String.join("\0", words) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads one request; an empty list if the peer sent nothing usable. */
    public static List<String> readRequest(ReadableByteChannel in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(1024);
        while (buf.size() < MAX_REQUEST) {
            b.clear();
            int n = in.read(b);
            if (n < 0) {
                break;
            }
            buf.write(b.array(), 0, n);
            if (n > 0 && b.array()[n - 1] == '\n') {
                break;
            }
        }
        String text = buf.toString(StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            return List.of();
        }
        return List.of(text.substring(0, text.length() - 1).split("\0", -1));
    }

    public static void writeResponse(WritableByteChannel out, NetstatView.Result r) throws IOException {
        byte[] err = r.err().getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = r.out().getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = (MAGIC + " " + r.status() + " " + err.length + " " + body.length + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(head.length + err.length + body.length);
        b.put(head).put(err).put(body).flip();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    public static NetstatView.Result readResponse(ReadableByteChannel in) throws IOException {
        byte[] all = readAll(in);
        int lf = indexOf(all, (byte) '\n');
        String[] head = lf < 0 ? new String[0] : new String(all, 0, lf, StandardCharsets.ISO_8859_1).split(" ");
        if (head.length != 4 || !head[0].equals(MAGIC)) {
            throw new IOException("the agent's answer is not understood");
        }
        int errLength = Integer.parseInt(head[2]);
        int outLength = Integer.parseInt(head[3]);
        if (lf + 1 + errLength + outLength != all.length) {
            throw new IOException("the agent's answer was cut short");
        }
        return new NetstatView.Result(Integer.parseInt(head[1]),
                new String(all, lf + 1 + errLength, outLength, StandardCharsets.ISO_8859_1),
                new String(all, lf + 1, errLength, StandardCharsets.ISO_8859_1));
    }

    private static byte[] readAll(ReadableByteChannel in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (in.read(b) >= 0) {
            buf.write(b.array(), 0, b.position());
            b.clear();
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

    /** For tests and callers that build requests word by word. */
    public static List<String> netstatRequest(List<String> options) {
        List<String> words = new ArrayList<>();
        words.add(NETSTAT);
        words.addAll(options);
        return words;
    }

    /** The origins view ({@code closed}: with the rows the JVM closed) for netstat's options. */
    public static List<String> originsRequest(boolean closed, List<String> options) {
        List<String> words = new ArrayList<>();
        words.add(ORIGINS);
        words.add(closed ? WITH_CLOSED : WITHOUT_CLOSED);
        words.addAll(options);
        return words;
    }

    public static List<String> leaksRequest(boolean closed) {
        return List.of(LEAKS, closed ? WITH_CLOSED : WITHOUT_CLOSED);
    }
}
