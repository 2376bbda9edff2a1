package io.jattachstat.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Reads and writes on a control connection with a deadline. A unix SocketChannel has no read
 * timeout, and a client that connects and then sends or reads nothing would otherwise hold one of
 * the agent's few control threads for ever.
 */
final class DeadlineIo {
    private DeadlineIo() {
    }

    /** Bytes up to and including the first LF, or up to {@code max} bytes or end-of-stream. */
    static byte[] readLine(SocketChannel channel, int max, long millis) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(4096);
        try (Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (line.size() < max) {
                b.clear().limit(Math.min(b.capacity(), max - line.size()));
                int n = channel.read(b);
                if (n < 0) {
                    break;
                }
                line.write(b.array(), 0, n);
                if (n > 0 && b.array()[n - 1] == '\n') {
                    break;
                }
                if (n == 0) {
                    await(selector, deadline, "no request");
                }
            }
        } finally {
            channel.configureBlocking(true); // the selector is closed, so the channel is free again
        }
        return line.toByteArray();
    }

    /** Writes all of {@code bytes}, or throws once {@code millis} have passed without that. */
    static void writeAll(SocketChannel channel, ByteBuffer bytes, long millis) throws IOException {
        try (Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_WRITE);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    await(selector, deadline, "the client did not read the answer");
                }
            }
        } finally {
            channel.configureBlocking(true);
        }
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new IOException(what + " in time");
        }
        selector.select(left);
        selector.selectedKeys().clear();
    }
}
