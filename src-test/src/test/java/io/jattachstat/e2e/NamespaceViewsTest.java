package io.jattachstat.e2e;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theTargetsNamespaceNotTheHosts(Path jdk) throws Exception {
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
                    Tools.Result[] both = betweenEqualNetstats(zoo, options, command, jdk);
                    Tools.Result netstat = both[0];
                    Tools.Result ours = both[1];
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

    /**
     * netstat's output and ours, ours taken between two netstat runs that printed the same: counters
     * move while the zoo's connections talk, and a comparison across a move proves nothing.
     */
    private static Tools.Result[] betweenEqualNetstats(Zoo zoo, List<String> options, List<String> command, Path jdk) {
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
        return new Tools.Result[] {netstat, ours};
    }

    static List<Path> jdks() {
        return Tools.jdks();
    }

    /**
     * Interfaces of every flag ip(8) can set, with IPv4 and IPv6 addresses and a '|' in a name, in the JVM's own namespace
     * (with a sysfs of its own), short and long (-ie) forms:
     * through the agent, JDK 17 reads their flags with ioctls (JNA) and Temurin 25, where JNA would
     * print a warning, from that sysfs. Without the agent, the CLI outside cannot read them, and says so.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void interfacesOfTheTargetsNamespace(Path jdk) throws Exception {
        String setup = "mount -t sysfs sysfs /sys && ip link add b0 type bridge && ip link set b0 mtu 1400 up"
                + " && ip addr add 10.1.2.3/24 dev b0 && ip addr add 10.9.9.9/16 dev b0"
                + " && ip link add b10 type bridge && ip link add b2 type bridge && ip link set b2 up"
                + " && ip link add i0 type ifb && ip link set i0 promisc on up"
                + " && ip tuntap add t0 mode tap && ip link set t0 arp off allmulticast on up"
                + " && ip tuntap add t1 mode tun && ip link set t1 up"
                + " && ip link add v0 type veth peer name v1 && ip link set v0 txqueuelen 77 up"
                + " && ip link add 'p|q' type bridge && ip link set 'p|q' up" // '|' is valid in a name
                + " && ip -6 addr add 2001:db8::5/64 dev v0 nodad && ";
        try (Zoo zoo = Zoo.start(jdk, List.of("-javaagent:" + Zoo.agentJar()), true, setup)) {
            String pid = Long.toString(zoo.pid());
            SoftAssertions softly = new SoftAssertions();
            for (String view : List.of("-i", "-ia", "--interfaces --all", "-ie", "-iea")) {
                List<String> options = List.of(view.split(" "));
                List<String> command = new ArrayList<>(List.of(Tools.launcher().toString(), pid));
                command.addAll(options);
                Tools.Result[] both = betweenEqualNetstats(zoo, options, command, jdk);
                Tools.Result netstat = both[0];
                Tools.Result ours = both[1];
                softly.assertThat(ours.out()).as(view).isEqualTo(netstat.out());
                softly.assertThat(ours.err()).as(view).isEmpty();
            }
            softly.assertAll();
            assertThat(zoo.netstat(List.of("-ia")).out()).as("the interfaces the setup made")
                    .contains("\nb0 ", "\nb2 ", "\nb10 ", "\ni0 ", "\nt0 ", "\nt1 ", "\nv0 ", "\nv1 ", "\np|q ", " 1400 ");
            assertThat(zoo.netstat(List.of("-iea")).out()).as("the long form's kinds of line")
                    .contains("inet 10.1.2.3  netmask 255.255.255.0  broadcast 0.0.0.0", "inet6 2001:db8::5  prefixlen 64",
                            "txqueuelen 77  (Ethernet)", "unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00",
                            "loop  txqueuelen 1000  (Local Loopback)");
            Tools.Result outside = Tools.run(List.of(Tools.launcher().toString(), "--no-attach", pid, "-i"),
                    Map.of("JAVA_HOME", jdk.toString()));
            assertThat(outside.status()).isEqualTo(1);
            assertThat(outside.err()).isEqualTo("jattachstat: " + pid + " is in another network namespace, whose interface"
                    + " flags only a process inside it can read; without --no-attach the agent reads them\n");
            assertThat(zoo.stderr()).isEmpty();
        }
    }

    /** -c repeats a view every second as netstat does: -r whole, -i with its title once; -s ignores it. */
    @Test
    void continuousViewsRepeatAsNetstats() throws Exception {
        Path jdk = Tools.jdks().get(0);
        try (Zoo zoo = Zoo.start(jdk, List.of("-javaagent:" + Zoo.agentJar()))) {
            String pid = Long.toString(zoo.pid());
            Map<String, String> env = Map.of("JAVA_HOME", jdk.toString());
            for (String mode : List.of("", "--no-attach")) {
                String routes = Tools.run(List.of("timeout", "2.5", Tools.launcher().toString(), pid, "-rnc", mode)
                        .stream().filter(w -> !w.isEmpty()).toList(), env).out();
                assertThat(routes.split("Kernel IP routing table\n", -1).length - 1).as("-rnc " + mode).isGreaterThanOrEqualTo(2);
                String interfaces = Tools.run(List.of("timeout", "2.5", Tools.launcher().toString(), pid, "-ic"), env).out();
                assertThat(interfaces.split("Kernel Interface table\n", -1).length - 1).as("-ic").isEqualTo(1);
                assertThat(interfaces.split("\nIface ", -1).length - 1).as("-ic header").isGreaterThanOrEqualTo(2);
            }
            Tools.Result statistics = Tools.run(List.of("timeout", "5", Tools.launcher().toString(), pid, "-sc"), env);
            assertThat(statistics.status()).as("-sc prints once and ends").isZero();
            assertThat(statistics.out().split("\nTcp:\n", -1).length - 1).isEqualTo(1);
        }
    }
}
