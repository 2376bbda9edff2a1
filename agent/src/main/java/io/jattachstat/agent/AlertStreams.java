package io.jattachstat.agent;

import io.jattachstat.alerts.AlertEvent;
import io.jattachstat.control.ControlProtocol;
import io.jattachstat.jmx.Alerts;
import io.jattachstat.snapshot.AgentStatus;

import javax.management.Notification;
import javax.management.NotificationListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code jattachstat <pid> --alerts}: each subscriber gets a thread that listens to the Alerts
 * MBean's notifications and writes each as one line, until the CLI goes away. The notification
 * only queues the line, so a slow or stuck CLI never holds up the check that raised it; a full
 * queue drops lines and says how many.
 */
final class AlertStreams {
    private static final int MAX_SUBSCRIBERS = 8;
    private static final int QUEUED_LINES = 1024;

    private final Alerts alerts;
    private final AgentStatus status;
    private final AtomicInteger subscribers = new AtomicInteger();

    AlertStreams(Alerts alerts, AgentStatus status) {
        this.alerts = alerts;
        this.status = status;
    }

    /** Takes over {@code peer}; false (and {@code peer} untouched) if there are too many subscribers already. */
    boolean start(SocketChannel peer) {
        if (subscribers.incrementAndGet() > MAX_SUBSCRIBERS) {
            subscribers.decrementAndGet();
            return false;
        }
        Thread t = new Thread(() -> stream(peer), "jattachstat-alerts");
        t.setDaemon(true);
        t.start();
        return true;
    }

    static String tooMany() {
        return MAX_SUBSCRIBERS + " --alerts subscribers are already following this JVM";
    }

    private void stream(SocketChannel peer) {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUED_LINES);
        AtomicInteger dropped = new AtomicInteger();
        NotificationListener listener = (Notification n, Object handback) -> {
            if (!lines.offer(AlertEvent.line(n.getTimeStamp(), n.getMessage()))) {
                dropped.incrementAndGet();
            }
        };
        List<AlertEvent> active = alerts.activeAndFollow(listener);
        try (peer) {
            write(peer, ControlProtocol.STREAM_HEAD);
            for (AlertEvent e : active) {
                write(peer, AlertEvent.line(e.atMillis(), e.message()));
            }
            while (true) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                int lost = dropped.getAndSet(0);
                if (lost > 0) {
                    write(peer, AlertEvent.line(System.currentTimeMillis(), "jattachstat: " + lost
                            + " alerts dropped: this subscriber reads too slowly"));
                }
                if (line != null) {
                    write(peer, line);
                } else if (hungUp(peer)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the CLI went away mid-write: the usual end of a subscription
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            status.error("alerts stream", e);
        } finally {
            try {
                alerts.removeNotificationListener(listener);
            } catch (Exception e) {
                status.error("alerts stream", e);
            }
            subscribers.decrementAndGet();
        }
    }

    private static void write(SocketChannel peer, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            peer.write(b);
        }
    }

    /** The CLI sends nothing after its request: end-of-stream means it hung up. */
    private static boolean hungUp(SocketChannel peer) throws IOException {
        peer.configureBlocking(false);
        try {
            return peer.read(ByteBuffer.allocate(64)) < 0;
        } finally {
            peer.configureBlocking(true);
        }
    }
}
