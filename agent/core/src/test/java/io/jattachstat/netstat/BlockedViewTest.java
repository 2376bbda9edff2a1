package io.jattachstat.netstat;

import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SelectorWait;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.ThreadWait;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The --blocked view over made-up waits: what the agent recorded (exact, virtual threads) and what
 * /proc showed, joined with the snapshot, and the merge that keeps one row per wait.
 */
class BlockedViewTest {
    private static final InetEndpoint DB = endpoint(new byte[] {10, 0, 3, 7}, 5432);
    private static final SocketTable TABLE = SocketTable.builder(4242)
            .add(new InetSocket(Protocol.TCP, endpoint(new byte[] {10, 0, 3, 2}, 41234), DB, 1, 0, 0, 0, 0, 0, 1000, 0, 501, 5))
            .add(new InetSocket(Protocol.TCP, endpoint(new byte[] {10, 0, 3, 2}, 41236), DB, 1, 0, 0, 0, 0, 0, 1000, 0, 502, 6))
            .add(new InetSocket(Protocol.TCP, endpoint(new byte[] {10, 0, 3, 2}, 8080), endpoint(new byte[4], 0), 10,
                    0, 0, 0, 0, 0, 1000, 0, 503, 7))
            .build();
    private static final ThreadWait RECORDED = new ThreadWait(0, "http-nio-8080-exec-10", "read", 5, 501, -1, -1, 61_342,
            new ThreadWait.JavaThread(41, false, "RUNNABLE"));
    private static final ThreadWait VIRTUAL = new ThreadWait(0, "", "read", 6, 502, 3_600_000, -1, 1_500,
            new ThreadWait.JavaThread(77, true, "WAITING"));
    /** A timed accept as /proc shows it: a poll for readable, on the listener. */
    private static final ThreadWait POLLING = ThreadWait.fromProc(4301, "acceptor", "read", 7, 503, 30_000).seenFor(12_400);

    @Test
    void exactWaitsLeftTimeOriginsAndTheKernelsView() {
        BlockedThreads blocked = new BlockedThreads(List.of(POLLING, VIRTUAL, RECORDED),
                List.of(new SelectorWait(4290, "nioEventLoopGro", 12, 3)));
        String text = BlockedView.text(TABLE, blocked, Map.of(501L, "com.example.Db.query(Db.java:31)"));
        assertThat(text.lines().toList()).containsExactly(
                "Threads blocked on sockets (Waited: exact where the agent recorded it; >=Ns from /proc, as long as seen"
                        + " blocked; ? when first seen)",
                "Thread                Op      Waited  Timeout   Left      Proto Recv-Q Send-Q Local Address           "
                        + "Foreign Address         State       Origin",
                "http-nio-8080-exec-10 read    61.3s   none      -         tcp        0      0 10.0.3.2:41234          "
                        + "10.0.3.7:5432           ESTABLISHED com.example.Db.query(Db.java:31)",
                "acceptor              accept  >=12s   30 s      ?         tcp        0      0 10.0.3.2:8080           "
                        + "0.0.0.0:*               LISTEN      -",
                "virtual#77            read    1.5s    3600 s    3599 s    tcp        0      0 10.0.3.2:41236          "
                        + "10.0.3.7:5432           ESTABLISHED -",
                "",
                "2 threads waiting on 10.0.3.7:5432, 1 with no timeout",
                "1 thread accepting on 10.0.3.2:8080, 0 with no timeout",
                "",
                "Threads waiting in a selector: 1",
                "nioEventLoopGro epoll fd 12, 3 descriptors registered");
        assertThat(BlockedView.json(TABLE, blocked, null))
                .contains("{\"thread\":\"http-nio-8080-exec-10\",\"tid\":null,\"javaThreadId\":41,\"virtual\":false,"
                        + "\"javaState\":\"RUNNABLE\",\"op\":\"read\",\"waitedMillis\":61342,\"seenBlockedMillis\":null,"
                        + "\"timeoutMillis\":null,\"leftMillis\":null,\"fd\":5,\"inode\":501,")
                .contains("{\"thread\":\"acceptor\",\"tid\":4301,\"javaThreadId\":null,\"virtual\":null,\"javaState\":null,"
                        + "\"op\":\"accept\",\"waitedMillis\":null,\"seenBlockedMillis\":12400,\"timeoutMillis\":30000,"
                        + "\"leftMillis\":null,")
                .contains("\"virtual\":true,").contains("\"leftMillis\":3598500,")
                .doesNotContain("\"origin\"")
                .endsWith("\"selectors\":[{\"thread\":\"nioEventLoopGro\",\"tid\":4290,\"epollFd\":12,\"registered\":3}]}\n");
        assertThat(BlockedView.describe(RECORDED)).isEqualTo("thread \"http-nio-8080-exec-10\" read, waited 61.3s, no timeout");
        assertThat(BlockedView.describe(VIRTUAL)).isEqualTo("thread \"virtual#77\" read, waited 1.5s, timeout 3600 s, 3599 s left");
        assertThat(BlockedView.describe(POLLING)).isEqualTo("thread \"acceptor\" read, seen blocked >=12s, timeout 30 s");
    }

    @Test
    void aWaitTheAgentRecordedIsNotListedAgainFromProc() {
        ThreadWait sameReadFromProc = ThreadWait.fromProc(4300, "http-nio-8080-e", "read", 5, 501, -1);
        ThreadWait inProgress = new ThreadWait(0, "writer", "write", 6, 502, -1, -1, 3, null);
        ThreadWait itsWriteFromProc = ThreadWait.fromProc(4302, "writer", "write", 6, 502, -1);
        ThreadWait onlyInProc = ThreadWait.fromProc(4303, "native", "read", 6, 502, -1);
        BlockedThreads merged = BlockedThreads.merge(List.of(RECORDED, inProgress),
                new BlockedThreads(List.of(sameReadFromProc, itsWriteFromProc, onlyInProc), List.of()));
        assertThat(merged.onSockets()).as("the agent's wait, no twin from /proc; an operation still in progress is"
                + " left out and claims its /proc row; a read no hook saw stays").containsExactly(RECORDED, onlyInProc);
    }

    private static InetEndpoint endpoint(byte[] address, int port) {
        return new InetEndpoint(address, port);
    }
}
