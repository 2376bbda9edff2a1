package io.jattachstat.waits;

import io.jattachstat.model.ThreadWait;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record of operations in progress, driven as the bridge drives it, and the bridge's side of the
 * contract (its numbering of the operations and its packing), read from the very bytes the agent
 * defines into java.base.
 */
class BlockingWaitsTest {
    private final BlockingWaits waits = new BlockingWaits();

    @Test
    void anOperationIsListedWhileItLastsWithItsThreadAndTimeout() throws Exception {
        long packed = pack(12, 0, 3_600_000);
        Object token = waits.waiting(packed);
        Thread.sleep(20);
        List<ThreadWait> now = waits.now();
        assertThat(now).hasSize(1);
        ThreadWait w = now.get(0);
        assertThat(w.thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(w.op()).isEqualTo("read");
        assertThat(w.fd()).isEqualTo(12);
        assertThat(w.timeoutMillis()).isEqualTo(3_600_000);
        assertThat(w.waitedMillis()).isBetween(20L, 10_000L);
        assertThat(w.java().id()).isEqualTo(Thread.currentThread().getId());
        assertThat(w.java().virtual()).isFalse();
        waits.waited(token);
        assertThat(waits.now()).isEmpty();
    }

    @Test
    void anOperationInsideAnotherIsTheOuterOnesWait() throws Exception {
        Object outer = waits.waiting(pack(5, 2, 0));
        assertThat(waits.waiting(pack(5, 0, 0))).as("nested: not recorded").isNull();
        waits.waited(null);
        assertThat(waits.now()).extracting(ThreadWait::op, ThreadWait::timeoutMillis).containsExactly(
                org.assertj.core.groups.Tuple.tuple("accept", -1L));
        waits.waited(outer);
        assertThat(waits.now()).isEmpty();
    }

    @Test
    void eachThreadHasItsOwnSlotAndEndedThreadsAreForgotten() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            Object token = waits.waiting(pack(7, 1, 0));
            recorded.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waits.waited(token);
        }, "writer");
        other.start();
        recorded.await();
        Object mine = waits.waiting(pack(8, 3, 2500));
        assertThat(waits.now()).extracting(ThreadWait::thread, ThreadWait::op).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("writer", "write"),
                org.assertj.core.groups.Tuple.tuple(Thread.currentThread().getName(), "connect"));
        release.countDown();
        other.join();
        waits.waited(mine);
        assertThat(waits.now()).isEmpty();
    }

    @Test
    void aParkedThreadIsListedUntilItIsReady() {
        Object token = waits.parking(pack(9, 0, 0));
        assertThat(waits.now()).extracting(ThreadWait::fd).containsExactly(9);
        waits.waited(token);
        assertThat(waits.now()).isEmpty();
    }

    @Test
    void theBridgeNumbersTheOperationsAsTheAgentNamesThem() throws Exception {
        Class<?> bridge = bridge();
        for (String op : BlockingWaits.operations()) {
            int number = bridge.getField(op.toUpperCase(java.util.Locale.ROOT)).getInt(null);
            assertThat(BlockingWaits.operations().get(number)).isEqualTo(op);
        }
    }

    @Test
    void whatTheBridgePacksTheAgentUnpacks() throws Exception {
        Method pack = bridge().getMethod("pack", int.class, int.class, long.class);
        int[][] cases = {{0, 0, 0}, {Integer.MAX_VALUE, 3, Integer.MAX_VALUE}, {1023, 2, 1}, {5, 1, 60_000}};
        for (int[] c : cases) {
            Object token = waits.waiting((long) pack.invoke(null, c[0], c[1], (long) c[2]));
            ThreadWait w = waits.now().get(0);
            assertThat(w.fd()).isEqualTo(c[0]);
            assertThat(w.op()).isEqualTo(BlockingWaits.operations().get(c[1]));
            assertThat(w.timeoutMillis()).isEqualTo(c[2] == 0 ? -1 : c[2]);
            waits.waited(token);
        }
        assertThat((long) pack.invoke(null, 1, 0, Long.MAX_VALUE) >>> 33).as("clamped to an int's ms")
                .isEqualTo(Integer.MAX_VALUE);
    }

    /** The same packing, for the tests above that do not need the bridge's bytes. */
    private static long pack(int fd, int op, long timeoutMillis) {
        return timeoutMillis << 33 | (long) op << 31 | fd;
    }

    /**
     * The bridge as the agent ships it, defined in a loader of its own (its methods that reach into
     * java.base are never called here; its constants and its arithmetic need nothing).
     */
    private static Class<?> bridge() throws IOException {
        byte[] bytes;
        try (InputStream in = BlockingWaits.class.getResourceAsStream("/io/jattachstat/origins/bridge/JattachstatBridge.bytes")) {
            assertThat(in).as("the agent's bridge bytes").isNotNull();
            bytes = in.readAllBytes();
        }
        return new ClassLoader(null) {
            Class<?> define() {
                return defineClass("sun.nio.ch.JattachstatBridge", bytes, 0, bytes.length);
            }
        }.define();
    }
}
