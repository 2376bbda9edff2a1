package io.jattachstat.cli;

import io.jattachstat.control.ControlProtocol;
import io.jattachstat.netstat.NetstatView;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
