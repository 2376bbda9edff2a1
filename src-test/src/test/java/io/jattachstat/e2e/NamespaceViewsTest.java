package io.jattachstat.e2e;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The namespace-wide views of a JVM in a network namespace of its own (unshare -n), through the agent
 * and with --no-attach, against the real netstat run inside that namespace (nsenter -n): the
 * target's counters, routes and groups, not the host's.
 */
class NamespaceViewsTest {
    static final List<String> VIEWS = List.of("-s", "-st", "-s6", "-su6", "-rn", "-rn6", "-ree -n", "-rnC", "-gn");

    @Test
    void theTargetsNamespaceNotTheHosts() throws Exception {
        Path jdk = Tools.jdks().get(0);
        try (Zoo zoo = Zoo.start(jdk, List.of("-javaagent:" + Zoo.agentJar()))) {
            String pid = Long.toString(zoo.pid());
            SoftAssertions softly = new SoftAssertions();
            for (String view : VIEWS) {
                List<String> options = List.of(view.split(" "));
                for (boolean noAttach : new boolean[] {false, true}) {
                    List<String> command = new ArrayList<>(List.of(Tools.launcher().toString(), pid));
                    if (noAttach) {
                        command.add("--no-attach");
                    }
                    command.addAll(options);
                    // Counters move while the zoo's connections talk: take ours between two equal netstat runs.
                    Tools.Result netstat = zoo.netstat(options);
                    Tools.Result ours = Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
                    for (int attempt = 0; attempt < 10; attempt++) {
                        Tools.Result again = zoo.netstat(options);
                        if (again.out().equals(netstat.out())) {
                            break;
                        }
                        netstat = again;
                        ours = Tools.run(command, Map.of("JAVA_HOME", jdk.toString()));
                    }
                    String label = view + (noAttach ? " --no-attach" : " through the agent");
                    softly.assertThat(ours.out()).as(label).isEqualTo(netstat.out());
                    softly.assertThat(ours.status()).as(label).isEqualTo(netstat.status());
                }
            }
            softly.assertAll();
            // The host's counters are not the namespace's: the same view on the host differs.
            String host = Files.readString(Path.of("/proc/net/snmp"));
            String target = Files.readString(Path.of("/proc", pid, "net/snmp"));
            assertThat(target).isNotEqualTo(host);
        }
    }
}
