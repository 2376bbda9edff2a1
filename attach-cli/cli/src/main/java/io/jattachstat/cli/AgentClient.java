package io.jattachstat.cli;

import io.jattachstat.control.ControlProtocol;
import io.jattachstat.control.Request;
import io.jattachstat.netstat.NetstatView;
import jdk.net.ExtendedSocketOptions;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.function.Consumer;

/**
 * Asks the agent inside a target JVM, over the control socket {@link AgentSocket} found and checked.
 * Before it sends anything it checks who listens there (SO_PEERCRED): the socket's owner, the target's
 * user, and nobody else.
 */
final class AgentClient {
    /** How long an ordinary view may take before the agent is taken to be stuck. */
    static final long TIMEOUT_MILLIS = 10_000;
    /** Views that walk every socket record and close the agent holds (--origins, --leaks, --closed). */
    static final long SLOW_VIEW_TIMEOUT_MILLIS = 60_000;

    private final Path socket;

    AgentClient(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    /** Asks, and waits up to {@code timeoutMillis} for the whole answer. */
    NetstatView.Result ask(Request request, long timeoutMillis) throws IOException {
        try (SocketChannel channel = connect()) {
            Thread watchdog = watchdog(channel, timeoutMillis);
            try {
                ByteBuffer out = ByteBuffer.wrap(request.encode());
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                channel.shutdownOutput();
                return ControlProtocol.readResponse(channel);
            } catch (AsynchronousCloseException e) {
                throw new IOException("no answer within " + timeoutMillis / 1000 + " s");
            } finally {
                watchdog.interrupt();
            }
        }
    }

    /** Connects, and hangs up unless the listener is the socket's owner (the target's user, checked). */
    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            UserPrincipal listener = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
            UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
            if (!listener.equals(owner)) {
                throw new IOException("the process listening on " + socket + " runs as " + listener.getName()
                        + ", not as its owner " + owner.getName());
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Follows a streamed answer: hands each line to {@code lines} as it arrives, until the agent ends
     * the stream (null) or answers with a refusal instead (that answer). Only the first line must
     * come within the timeout; after it the stream may stay quiet for as long as it likes.
     */
    NetstatView.Result follow(Request request, Consumer<String> lines) throws IOException {
        try (SocketChannel channel = connect()) {
            // Not shutting our side down: the agent takes end-of-stream from us as hanging up.
            ByteBuffer bytes = ByteBuffer.wrap(request.encode());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            Thread watchdog = watchdog(channel, TIMEOUT_MILLIS);
            String head;
            try {
                head = readLine(in);
            } catch (AsynchronousCloseException e) {
                throw new IOException("no answer within " + TIMEOUT_MILLIS / 1000 + " s");
            } finally {
                watchdog.interrupt();
            }
            if (head == null) {
                throw new IOException("the agent closed the connection");
            }
            if (!head.equals(ControlProtocol.STREAM_HEAD)) {
                byte[] rest = in.readAllBytes();
                byte[] all = (head + "\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] whole = java.util.Arrays.copyOf(all, all.length + rest.length);
                System.arraycopy(rest, 0, whole, all.length, rest.length);
                return ControlProtocol.readResponse(Channels.newChannel(new ByteArrayInputStream(whole)));
            }
            for (String line; (line = readLine(in)) != null; ) {
                lines.accept(line);
            }
            return null;
        }
    }

    /** One LF-terminated ISO-8859-1 line, without its LF; null at end-of-stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                return b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Closes the channel if the agent has not answered in time: a stuck agent must not hang the CLI. */
    private static Thread watchdog(SocketChannel channel, long millis) {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    Thread.sleep(millis);
                    channel.close();
                } catch (InterruptedException | IOException e) {
                    // answered in time, or already closed
                }
            }
        }, "jattachstat-timeout");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
