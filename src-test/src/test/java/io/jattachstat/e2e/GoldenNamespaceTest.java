package io.jattachstat.e2e;

import io.jattachstat.model.SocketTable;
import io.jattachstat.netstat.Links;
import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatView;
import io.jattachstat.proc.NetFiles;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The namespace-wide views (-s) against the real netstat over the same files (netstat-reference §7):
 * a tmpfs over {@code /proc} in a private mount namespace holds this machine's own counter files
 * three ways — as they are, every counter zero, and every counter non-zero with a value of its own
 * (so that every sentence, every raw name and every histogram shows) — and jattachstat renders the
 * same files through {@code /proc/<pid>/net}.
 */
class GoldenNamespaceTest {
    static final List<String> STATISTICS = List.of("-s", "-st", "-su", "-sw", "-stu", "-s6", "-s -A inet6", "-st6",
            "-su6", "-sw6", "-s -A unix", "-sx", "-s46", "-s -A ip", "-s -A appletalk", "-sv", "-se", "-sn", "-s -4 -t",
            "--statistics --tcp", "-s -A inet6,inet");
    static final List<String> ROUTES = List.of("-r", "-rn", "-re", "-ree", "-ren", "-reen", "-rN", "-r6", "-rn6",
            "-r -A inet6", "-re6", "-rC", "-rCe", "-rCee", "-rCF", "-rF", "-rC6", "-rFC6", "-r46", "-rv",
            "-r -A inet,inet6", "-r -A inet6,inet", "-r -A unix", "-rx", "-r --numeric-hosts", "-r --numeric-ports",
            "--route --numeric", "-r -A inet,unix");
    static final List<String> GROUPS = List.of("-g", "-gn", "-g4", "-g6", "-g -A inet", "-g -A inet6", "-gt", "-gtn",
            "-gx", "-gv", "-ge", "-gW", "-g -A unix", "-gl", "-ga", "-gtx", "-gu", "--groups --numeric");
    /** Socket tables with no rows, for the socket sections -g prints around its own. */
    private static final List<String> EMPTY_TABLES = List.of("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw",
            "raw6", "unix");
    private static final List<String> COUNTER_FILES = List.of("snmp", "netstat", "snmp6");
    /** Names for the route views: hosts, networks ("10.20" as glibc pads it), files only. */
    private static final Map<String, String> ETC = Map.of(
            "hosts", """
                    127.0.0.1 localhost
                    127.3.3.3 a-very-long-hostname-for-routes.example
                    127.9.9.9 gw.example
                    ::1 localhost ip6-localhost ip6-loopback
                    2001:db8:abcd:1234:5678:9abc:def0:1234 v6host.example
                    ff02::1 ip6-allnodes
                    224.0.0.1 all-systems.test
                    """,
            "networks", "default 0.0.0.0\nloopback 127.0.0.0\nlink-local 169.254.0.0\nten-twenty 10.20\n",
            "nsswitch.conf", "hosts: files\nnetworks: files\n");
    /** Routes of every kind ip(8) makes on loopback: gateway, host, reject, prohibit, metric, window/rtt. */
    private static final String ROUTE_SETUP = """
            ip link set lo up
            ip route add default via 127.9.9.9 dev lo
            ip route add 127.3.3.3/32 dev lo
            ip route add unreachable 127.4.0.0/16
            ip route add 127.5.0.0/16 dev lo metric 100
            ip route add 127.6.0.0/16 dev lo window 65535 rtt 10ms
            ip route add 10.20.0.0/16 dev lo
            ip route add prohibit 10.30.0.0/16
            ip route add 169.254.0.0/16 dev lo
            ip -6 route add unreachable 2001:db8::/32
            ip -6 route add 2001:db8:1::/48 dev lo metric 5
            ip -6 route add 2001:db8:abcd:1234:5678:9abc:def0:1234/128 dev lo
            """;

    @TempDir
    Path dir;

    @Test
    void statisticsMatchNetstatOnLiveZeroAndDistinctCounters() throws Exception {
        Tools.require(Tools.isRoot(), "root (for unshare -m)");
        Tools.require(Tools.onPath("netstat") && Tools.onPath("unshare"), "netstat and unshare");
        SoftAssertions softly = new SoftAssertions();
        for (String variant : List.of("live", "zero", "distinct")) {
            Path proc = dir.resolve(variant);
            Path net = Files.createDirectories(proc.resolve("net"));
            long next = 1001;
            for (String file : COUNTER_FILES) {
                String live = Files.readString(Path.of("/proc/net", file), StandardCharsets.ISO_8859_1);
                String text = switch (variant) {
                    case "zero" -> CounterFixtures.renumber(live, -1);
                    case "distinct" -> CounterFixtures.renumber(live, next);
                    default -> live;
                };
                next += 1000;
                Files.writeString(net.resolve(file), text, StandardCharsets.ISO_8859_1);
            }
            link(proc);
            compare(softly, variant, proc, null, STATISTICS);
        }
        softly.assertAll();
    }

    /**
     * Routes as ip(8) makes them in a fresh network namespace (captured there, with netstat's output),
     * and a made-up table with one row per flag bit, a route that is not up, a long interface name and
     * IPv6 cache routes.
     */
    @Test
    void routesMatchNetstatLiveAndWithEveryFlag() throws Exception {
        Tools.require(Tools.isRoot(), "root (for unshare -mn)");
        Tools.require(Tools.onPath("netstat") && Tools.onPath("ip"), "netstat and ip");
        Path etc = writeEtc();
        SoftAssertions softly = new SoftAssertions();

        compare(softly, "live routes", captured("live-routes", ROUTE_SETUP, "route", "ipv6_route", "rt_cache"), etc,
                ROUTES);

        Path made = dir.resolve("made-routes");
        Path madeNet = Files.createDirectories(made.resolve("net"));
        Files.writeString(madeNet.resolve("route"), madeUpIpv4Routes());
        Files.writeString(madeNet.resolve("ipv6_route"), madeUpIpv6Routes());
        link(made);
        compare(softly, "made-up routes", made, etc, ROUTES);
        softly.assertAll();
    }

    /** Groups on lo in a fresh namespace, and made-up ones: several devices, users counts, named and not. */
    @Test
    void groupsMatchNetstatLiveAndMadeUp() throws Exception {
        Tools.require(Tools.isRoot(), "root (for unshare -mn)");
        Tools.require(Tools.onPath("netstat") && Tools.onPath("ip"), "netstat and ip");
        Path etc = writeEtc();
        SoftAssertions softly = new SoftAssertions();

        Path live = captured("live-groups", "ip link set lo up\n", "igmp", "igmp6");
        emptySocketTables(live.resolve("net"));
        compare(softly, "live groups", live, etc, GROUPS);

        Path made = dir.resolve("made-groups");
        Path madeNet = Files.createDirectories(made.resolve("net"));
        Files.writeString(madeNet.resolve("igmp"), """
                Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter
                1\tlo        :     2      V3
                \t\t\t\t010000E0     1 0:00000000\t\t0
                \t\t\t\tFB0000E0     3 0:00000000\t\t0
                7\tveth1234567890a:     1      V2
                \t\t\t\t0A0101EF    12 0:00000000\t\t1
                """);
        Files.writeString(madeNet.resolve("igmp6"), """
                1    lo              ff020000000000000000000000000001     1 0000000C 0
                1    lo              ff010000000000000000000000000001     1 00000008 0
                7    veth1234567890a ff0200000000000000000001ff000001     4 00000004 0
                """);
        emptySocketTables(madeNet);
        link(made);
        compare(softly, "made-up groups", made, etc, GROUPS);
        softly.assertAll();
    }

    /** A fixture of {@code files} as a fresh network namespace has them after {@code setup} (shell lines). */
    private Path captured(String name, String setup, String... files) throws Exception {
        Path proc = dir.resolve(name);
        Path net = Files.createDirectories(proc.resolve("net"));
        StringBuilder script = new StringBuilder("set -e\n").append(setup);
        for (String file : files) {
            script.append("cat /proc/self/net/").append(file).append(" > ").append(net.resolve(file)).append('\n');
        }
        Tools.Result capture = Tools.run(List.of("unshare", "-n", "sh", "-c", script.toString()), Map.of());
        assertThat(capture.status()).as("capture: %s", capture.err()).isZero();
        link(proc);
        return proc;
    }

    private static void emptySocketTables(Path net) throws Exception {
        for (String table : EMPTY_TABLES) {
            Files.writeString(net.resolve(table), table.equals("unix")
                    ? "Num       RefCount Protocol Flags    Type St Inode Path\n"
                    : "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        }
    }

    private static String madeUpIpv4Routes() {
        StringBuilder b = new StringBuilder("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        for (int bit = 0; bit < 32; bit++) {
            int flags = 1 | (1 << bit);
            b.append(String.format("%s\t%02X%02X000A\t%s\t%04X\t%d\t%d\t%d\t00FFFFFF\t%d\t%d\t%d%n",
                    bit == 5 ? "veth1234567890a" : "lo", bit, 0, bit == 1 ? "0909097F" : "00000000", flags, bit % 3,
                    bit * 1000, bit, 1400 + bit, bit * 7, bit));
        }
        b.append("lo\t0000630A\t00000000\t0002\t0\t0\t0\t0000FFFF\t0\t0\t0\n"); // not up: left out
        b.append("lo\t0303037F\t0909097F\t0007\t1\t2\t3\tFFFFFFFF\t1500\t0\t0\n");  // host via gateway
        return b.toString();
    }

    private static String madeUpIpv6Routes() {
        StringBuilder b = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            b.append(String.format("20010db8%08x0000000000000000 40 00000000000000000000000000000000 00 "
                    + "%s %08x %08x %08x %08x %8s%n", bit, bit == 2 ? "00000000000000000000000000000001"
                    : "00000000000000000000000000000000", bit * 100, bit, bit * 1000, 1 << bit, bit == 5 ? "eth0" : "lo"));
        }
        return b.toString();
    }

    private Path writeEtc() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        for (Map.Entry<String, String> e : ETC.entrySet()) {
            Files.writeString(etc.resolve(e.getKey()), e.getValue());
        }
        return etc;
    }

    /** /proc/4242/net as the fixture's net directory, the way /proc/<pid>/net is /proc/net for its namespace. */
    private static void link(Path proc) throws Exception {
        Files.createDirectories(proc.resolve("4242"));
        Files.createSymbolicLink(proc.resolve("4242/net"), Path.of("../net"));
    }

    /**
     * Runs netstat with each option set over {@code proc} (a tmpfs over /proc in a private mount
     * namespace; with {@code etc}, its files bound over /etc's first) and jattachstat over the same files.
     */
    private void compare(SoftAssertions softly, String variant, Path proc, Path etc,
                         List<String> optionSets) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results-" + variant.replace(' ', '-')));
        StringBuilder script = new StringBuilder("set -e\n");
        if (etc != null) {
            for (String f : ETC.keySet()) {
                script.append("mount --bind ").append(etc.resolve(f)).append(" /etc/").append(f).append('\n');
            }
        }
        script.append("mount -t tmpfs none /proc\ncp -a ").append(proc).append("/. /proc/\nset +e\n");
        for (int i = 0; i < optionSets.size(); i++) {
            String base = results.resolve(Integer.toString(i)).toString();
            script.append("LC_ALL=C netstat ").append(optionSets.get(i)).append(" >").append(base).append(".out 2>")
                    .append(base).append(".err; echo $? >").append(base).append(".rc\n");
        }
        Tools.Result run = Tools.run(List.of("unshare", "-mn", "sh", "-c", script.append("exit 0\n").toString()), Map.of());
        assertThat(run.status()).as("netstat over the fixture: %s", run.err()).isZero();
        NetFiles net = new NetFiles(proc, "4242");
        NetstatView view = new NetstatView(etc != null ? etc : Path.of("/etc"), Duration.ZERO, net,
                Links.unavailable("no interfaces in these fixtures"));
        SocketTable none = SocketTable.builder(4242).build();
        for (int i = 0; i < optionSets.size(); i++) {
            String options = optionSets.get(i);
            NetstatView.Result ours = view.render(none, NetstatOptionParser.words(options));
            String label = variant + ": netstat " + options;
            softly.assertThat(ours.out()).as(label).isEqualTo(read(results, i, "out").replace("netstat: ", "jattachstat: "));
            softly.assertThat(ours.err()).as("stderr of " + label).isEqualTo(read(results, i, "err").replace("netstat: ", "jattachstat: "));
            softly.assertThat(ours.status()).as("status of " + label).isEqualTo(Integer.parseInt(read(results, i, "rc").trim()));
        }
    }

    private static String read(Path results, int i, String kind) throws Exception {
        return Files.readString(results.resolve(i + "." + kind), StandardCharsets.ISO_8859_1);
    }
}
