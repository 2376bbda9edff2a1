package io.jattachstat.proc;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.CounterSection;
import io.jattachstat.model.GroupMembership;
import io.jattachstat.model.InterfaceCounters;
import io.jattachstat.model.Ipv4Route;
import io.jattachstat.model.Ipv6InterfaceAddress;
import io.jattachstat.model.Ipv6Route;
import io.jattachstat.model.ProcRows;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readers of the namespace's other files (-r, -g, -i, -s): real captured lines decode, and
 * lines that cannot be decoded are skipped and counted, never thrown on.
 */
class NamespaceReadersTest {
    private static final String ROUTE_HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n";

    @Test
    void ipv4RoutesDecodeAndSkipWhatIsNotARoute() {
        ProcRows<Ipv4Route> r = RouteReader.ipv4(ROUTE_HEADER
                + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0                                                                               \n"
                + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + "eth0\t000300C0\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t0\n" // not up: left out, not malformed
                + "eth0\tZZ0200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + "eth0\t000200C0\t00000000\t0001\t0\t-1\t0\t00FFFFFF\t0\t0\t0\n"
                + "eth0\t000200C0\t00000000\t0001\t0\t99999999999\t0\t00FFFFFF\t0\t0\t0\n"
                + "eth0\t000200C0\n");
        assertThat(r.rows()).hasSize(2);
        Ipv4Route def = r.rows().get(0);
        assertThat(AddressText.numeric(AddressText.ofInt(def.gateway()))).isEqualTo("192.0.2.1");
        assertThat(def.flags()).isEqualTo(3);
        assertThat(AddressText.numeric(AddressText.ofInt(r.rows().get(1).mask()))).isEqualTo("255.255.255.0");
        assertThat(r.malformedLines()).isEqualTo(4);
    }

    @Test
    void ipv6RoutesDecodeAndSkipWhatIsNotARoute() {
        ProcRows<Ipv6Route> r = RouteReader.ipv6(
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n"
                + "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000002 00000000 01000001     eth0\n"
                + "fe80 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0\n"
                + "fe800000000000000000000000000000 4x 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0\n"
                + "\n");
        assertThat(r.rows()).hasSize(2);
        assertThat(AddressText.numeric(r.rows().get(0).nextHop())).isEqualTo("fd00::1");
        assertThat(r.rows().get(0).metric()).isEqualTo(0x400);
        assertThat(r.rows().get(1).isCache()).isTrue();
        assertThat(r.rows().get(1).prefixLength()).isEqualTo(64);
        assertThat(r.malformedLines()).isEqualTo(2);
    }

    @Test
    void groupsDecodeAndSkipWhatIsNotAGroup() {
        ProcRows<GroupMembership> v4 = GroupReader.ipv4("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
                + "1\tlo        :     1      V3\n"
                + "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
                + "\t\t\t\t0100G0E0     1 0:00000000\t\t0\n"
                + "\t\t\t\t020000E0     x 0:00000000\t\t0\n"
                + "4\teth0      :     1      V3\n"
                + "\t\t\t\t010000E0     2 0:00000000\t\t0\n");
        assertThat(v4.rows()).extracting(GroupMembership::device, GroupMembership::users)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lo", 1), org.assertj.core.groups.Tuple.tuple("eth0", 2));
        assertThat(AddressText.numeric(v4.rows().get(0).group())).isEqualTo("224.0.0.1");
        assertThat(v4.malformedLines()).isEqualTo(2);

        ProcRows<GroupMembership> v6 = GroupReader.ipv6("1    lo              ff020000000000000000000000000001     1 0000000C 0\n"
                + "1    lo              ff02000000000000000000000000000     1 0000000C 0\n"
                + "1    lo              ff020000000000000000000000000001     one 0000000C 0\n");
        assertThat(v6.rows()).hasSize(1);
        assertThat(AddressText.numeric(v6.rows().get(0).group())).isEqualTo("ff02::1");
        assertThat(v6.malformedLines()).isEqualTo(2);
    }

    @Test
    void interfacesDecodeWithAnyNameLinuxAllowsAndSkipBrokenCounters() {
        String header = "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
        ProcRows<InterfaceCounters> r = InterfaceReader.read(header
                + "    lo: 7405656   15149    0    0    0     0          0         0  7405656   15149    0    0    0     0       0          0\n"
                + "   a|b:       1       2    3    4    5     6          7         8        9      10   11   12   13    14      15         16\n"
                + "  eth0: 1 2 3\n"
                + "  eth1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -16\n"
                + "  eth2: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 99999999999999999999999\n"
                + "no colon here\n");
        assertThat(r.rows()).extracting(InterfaceCounters::name).containsExactly("lo", "a|b");
        InterfaceCounters ab = r.rows().get(1);
        assertThat(List.of(ab.rxBytes(), ab.rxPackets(), ab.txBytes(), ab.txPackets(), ab.collisions(), ab.carrier()))
                .containsExactly(1L, 2L, 9L, 10L, 14L, 15L);
        assertThat(r.malformedLines()).isEqualTo(4);

        List<InterfaceCounters> sorted = new ArrayList<>(List.of(counters("eth10"), counters("eth2"), counters("a|b")));
        sorted.sort(InterfaceCounters.NETSTAT_ORDER);
        assertThat(sorted).extracting(InterfaceCounters::name).containsExactly("a|b", "eth2", "eth10");
    }

    @Test
    void ipv6InterfaceAddressesDecodeAndSkipWhatIsNot() {
        ProcRows<Ipv6InterfaceAddress> r = InterfaceReader.ipv6Addresses(
                "fe8000000000000000fc00fffe000001 04 40 20 80     eth0\n"
                + "fd000000000000000000000000000002 04 4g 00 82     eth0\n"
                + "fd00 04 40 00 82     eth0\n");
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0).prefixLength()).isEqualTo(64);
        assertThat(r.rows().get(0).scope()).isEqualTo(0x20);
        assertThat(r.malformedLines()).isEqualTo(2);
    }

    @Test
    void counterFilesDecodeAndSkipPairsThatDoNotMatch() {
        ProcRows<CounterSection> pairs = CounterFileReader.pairs("Ip: Forwarding DefaultTTL\nIp: 2 64\n"
                + "Tcp: RtoAlgorithm MaxConn\nUdp: 1 -1\n"
                + "Tcp: RtoAlgorithm MaxConn\nTcp: 1 -1\n");
        assertThat(pairs.rows()).extracting(CounterSection::name).containsExactly("Ip", "Tcp");
        assertThat(pairs.rows().get(1).values()).containsExactly(1L, -1L);
        assertThat(pairs.malformedLines()).isEqualTo(2);

        ProcRows<CounterSection> six = CounterFileReader.snmp6("Ip6InReceives 10\nIp6InHdrErrors\nIcmp6InMsgs 2\nnonsense 1\n");
        assertThat(six.rows()).extracting(CounterSection::name).containsExactly("Ip6", "Icmp6");
        assertThat(six.malformedLines()).isEqualTo(2);
    }

    private static InterfaceCounters counters(String name) {
        return new InterfaceCounters(name, new long[16]);
    }
}
