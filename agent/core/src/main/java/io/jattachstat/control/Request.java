package io.jattachstat.control;

import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.UsageException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One question for an agent: the CLI parses its command line once into a Request, and the agent
 * answers the same Request, decoded from the control socket. On the wire (one per connection):
 * <pre>
 *   view NUL closed|open NUL netstat-option NUL ... LF
 * </pre>
 * where view is one of {@link View}'s names in lower case and the options are the words netstat's
 * parser took (GNU abbreviations as typed: the agent's parser expands them the same way).
 * Text is ISO-8859-1, so any byte passes unchanged.
 */
public record Request(View view, boolean withClosed, NetstatOptions options) {
    /** The longest request an agent reads. */
    public static final int MAX_BYTES = 16 * 1024;
    private static final String WITH_CLOSED = "closed";
    private static final String WITHOUT_CLOSED = "open";

    /** What is asked: netstat's view (the default), or one only the agent can give. */
    public enum View {
        NETSTAT(null), AGENT("--agent"), ORIGINS("--origins"), LEAKS("--leaks"), ALERTS("--alerts"),
        BLOCKED("--blocked");

        private final String option;

        View(String option) {
            this.option = option;
        }

        /** The CLI option that asks for this view (null for netstat's, which needs none). */
        public String option() {
            return option;
        }

        /** Whether only an agent can answer (there is no /proc fallback). */
        public boolean agentOnly() {
            return this != NETSTAT && this != BLOCKED;
        }

        /** Whether the answer walks every socket record and close the agent holds (it may take longer). */
        public boolean walksRecords() {
            return this == ORIGINS || this == LEAKS;
        }

        /** Whether the answer is a stream of lines until the CLI hangs up, rather than one answer. */
        public boolean streams() {
            return this == ALERTS;
        }

        /** Whether the rows the JVM closed can be added ({@code --closed}). */
        public boolean takesClosedRows() {
            return this == ORIGINS || this == LEAKS;
        }

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A request the agent cannot read: not one line, not a view it knows. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    public Request {
        if (withClosed && !view.takesClosedRows()) {
            throw new IllegalArgumentException("the rows the JVM closed do not go with " + view);
        }
    }

    /** The request as it goes on the wire. */
    public byte[] encode() {
        List<String> words = new ArrayList<>();
        words.add(view.wireName());
        words.add(withClosed ? WITH_CLOSED : WITHOUT_CLOSED);
        words.addAll(options.words());
        byte[] wire = (String.join("\0", words) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        if (wire.length > MAX_BYTES) {
            throw new IllegalArgumentException("a request of " + wire.length + " bytes (at most " + MAX_BYTES + ")");
        }
        return wire;
    }

    /**
     * The request read off the wire.
     *
     * @throws MalformedException if it is not one whole request line naming a view
     * @throws UsageException     if its options are not netstat's: the agent answers with netstat's
     *                            message and status, as netstat would
     */
    public static Request decode(byte[] wire) throws MalformedException, UsageException {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            throw new MalformedException("not one request line");
        }
        List<String> words = List.of(text.substring(0, text.length() - 1).split("\0", -1));
        View view = null;
        for (View v : View.values()) {
            if (v.wireName().equals(words.get(0))) {
                view = v;
            }
        }
        if (view == null) {
            throw new MalformedException("unknown request '" + words.get(0) + "'");
        }
        if (words.size() < 2 || !(words.get(1).equals(WITH_CLOSED) || words.get(1).equals(WITHOUT_CLOSED))) {
            throw new MalformedException("a request without closed or open");
        }
        boolean closed = words.get(1).equals(WITH_CLOSED);
        if (closed && !view.takesClosedRows()) {
            throw new MalformedException("closed rows do not go with " + words.get(0));
        }
        return new Request(view, closed, NetstatOptionParser.parse(words.subList(2, words.size())));
    }
}
