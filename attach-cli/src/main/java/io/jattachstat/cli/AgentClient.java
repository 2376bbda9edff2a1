package io.jattachstat.cli;

import io.jattachstat.control.ControlProtocol;
import io.jattachstat.netstat.NetstatView;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Asks the agent inside a target JVM, over its control socket. */
final class AgentClient {
    /** No answer within this long and the agent is taken to be stuck. */
    private static final long TIMEOUT_MILLIS = 5000;

    private final Path socket;

    AgentClient(TargetProcess target) {
        // The agent named its socket with its own pid, as seen inside its namespace, in its own /tmp.
        Path inTarget = ControlProtocol.socketPath(target.namespacePid());
        this.socket = target.root().resolve(inTarget.toString().substring(1));
    }

    boolean present() {
        return Files.exists(socket);
    }

    Path socket() {
        return socket;
    }

    NetstatView.Result ask(List<String> request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Thread watchdog = watchdog(channel);
            try {
                ByteBuffer out = ByteBuffer.wrap(ControlProtocol.request(request));
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                channel.shutdownOutput();
                return ControlProtocol.readResponse(channel);
            } finally {
                watchdog.interrupt();
            }
        }
    }

    /**
     * Follows a streamed answer: hands each line to {@code lines} as it arrives, until the agent ends
     * the stream (null) or answers with a refusal instead (that answer). Only the first line must
     * come within the timeout; after it the stream may stay quiet for as long as it likes.
     */
    NetstatView.Result follow(List<String> request, Consumer<String> lines) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // Not shutting our side down: the agent takes end-of-stream from us as hanging up.
            ByteBuffer bytes = ByteBuffer.wrap(ControlProtocol.request(request));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            Thread watchdog = watchdog(channel);
            String head;
            try {
                head = readLine(in);
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
    private static Thread watchdog(SocketChannel channel) {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    Thread.sleep(TIMEOUT_MILLIS);
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
