package io.jattachstat.e2e;

import io.jattachstat.e2e.probe.JmxCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's two ways to read the JVM's sockets agree on the zoo, socket for socket: what it asks
 * of the kernel one fd at a time (the counts, listeners, meters and alerts are made of it) and what
 * /proc lists (the netstat views), in the same instant (the Sockets MBean's refresh reads both), on
 * every field both have: protocol, state, addresses, queues, inode, fd, and a unix socket's type,
 * flags, reference count and path. Left out: the uid and timers, which only /proc has.
 */
class PerFdSnapshotTest {
    private static final Pattern INODE = Pattern.compile("\"inode\":(\\d+)");
    /** What only /proc says. */
    private static final Pattern PROC_ONLY = Pattern.compile("\"uid\":-?\\d+,|\"timer\":\\{[^}]*},");

    static Stream<Path> jdks() {
        return Tools.jdks().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void perFdAndProcAgreeOnEverySocketOfTheZoo(Path jdk) throws Exception {
        try (Zoo zoo = Zoo.start(jdk, Zoo.withAgent(jdk))) {
            assertThat(AgentOriginsTest.cli(jdk, zoo.pid(), "--agent").out())
                    .as("the per-fd reading is in force").contains("own-sockets: per fd");
            Map<Long, String> proc = Map.of();
            Map<Long, String> perFd = Map.of();
            for (int attempt = 0; attempt < 3 && (attempt == 0 || !proc.equals(perFd)); attempt++) {
                String[] both = AgentOriginsTest.jmxInNamespaceOf(zoo.pid(), "Sockets", "refresh", ";",
                        "netstat", "-anW --json", ";", "ownSockets", "-anW --json").split(JmxCall.SEPARATOR + "\n");
                proc = byInode(both[1]);
                perFd = byInode(both[2]);
            }
            assertThat(proc.keySet()).as("the zoo's sockets").hasSizeGreaterThan(15);
            assertThat(perFd).isEqualTo(proc);
            assertThat(proc.values()).as("the zoo's kinds of socket")
                    .anyMatch(r -> r.contains("\"state\":\"CLOSE_WAIT\"") && !r.contains("\"recvQ\":0,"))
                    .anyMatch(r -> r.contains("\"state\":\"ESTABLISHED\"") && !r.contains("\"sendQ\":0,"))
                    .anyMatch(r -> r.contains("\"state\":\"LISTEN\"") && !r.contains("\"recvQ\":0,"))
                    .anyMatch(r -> r.contains("\"transport\":\"udp\"") && !r.contains("\"recvQ\":0,"))
                    .anyMatch(r -> r.contains("\"state\":\"LISTENING\"") && r.contains("\"path\":\"/"));
        }
    }

    private static Map<Long, String> byInode(String jsonLines) {
        Map<Long, String> rows = new TreeMap<>();
        for (String line : jsonLines.split("\n")) {
            Matcher inode = INODE.matcher(line);
            if (inode.find() && !inode.group(1).equals("0")) {
                rows.put(Long.parseLong(inode.group(1)), PROC_ONLY.matcher(line).replaceAll(""));
            }
        }
        return rows;
    }
}
