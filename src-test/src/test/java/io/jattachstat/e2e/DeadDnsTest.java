package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without -n, netstat asks DNS for every address the hosts file does not name, one after another, and
 * a dead DNS server stalls it for the resolver's whole timeout per address. jattachstat bounds all of
 * a view's lookups together by a deadline and prints what did not resolve numerically.
 *
 * <p>Here the zoo's namespace has a DNS server on 127.0.0.1:53 that reads queries and never answers,
 * with a 30 s resolver timeout; 127.0.0.2 has no hosts entry.
 */
class DeadDnsTest {
    @TempDir
    Path dir;

    @Test
    void aDeadDnsServerCannotHangTheView() throws Exception {
        Tools.require(Tools.onPath("perl"), "perl");
        Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n");
        Path nsswitch = Files.writeString(dir.resolve("nsswitch.conf"), "hosts: files dns\n");
        // It holds no pipe of ours and ends by itself: the zoo's namespace may outlive the test otherwise.
        String blackhole = "perl -MIO::Socket::INET -e 'alarm 60; $s=IO::Socket::INET->new(LocalAddr=>q(127.0.0.1:53),"
                + "Proto=>q(udp)) or die; while (1) { $s->recv($b, 512) }' </dev/null >/dev/null 2>&1 & ";
        String setup = "mount --bind " + resolvConf + " /etc/resolv.conf && mount --bind " + nsswitch
                + " /etc/nsswitch.conf && " + blackhole;
        Path jdk = Tools.jdks().get(0);
        // IPv4 sockets: 127.0.0.2 goes to the (dead) DNS server; 127.0.0.1 is in the hosts file.
        try (Zoo zoo = Zoo.start(jdk, List.of("-Djava.net.preferIPv4Stack=true"), true, setup)) {
            long started = System.nanoTime();
            Tools.Result r = Tools.run(List.of("nsenter", "-t", Long.toString(zoo.pid()), "-n", "-m", "--",
                    Tools.launcher().toString(), "--no-attach", Long.toString(zoo.pid()), "-tl"),
                    Map.of("JAVA_HOME", jdk.toString()));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).as("unresolved within the deadline: printed numerically")
                    .contains("127.0.0.2:")
                    .as("the hosts file still names what it knows").contains("localhost:");
            assertThat(seconds).as("finished long before the 30 s DNS timeout").isLessThan(10);
        }
    }
}
