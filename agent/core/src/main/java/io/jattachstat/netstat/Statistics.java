package io.jattachstat.netstat;

import io.jattachstat.model.CounterSection;
import io.jattachstat.proc.NetFiles;
import io.jattachstat.proc.ProcAccessException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code netstat -s}: the kernel's SNMP counters of the target's network namespace, as net-tools 2.10
 * prints them (netstat-reference §4.1). CounterSections come in {@code /proc} order; each field is printed
 * with net-tools' sentence if its table has one (some always, some only when non-zero, some never),
 * else raw as {@code Name: value} when non-zero. ICMP histograms indent by 8 and print their title
 * on reaching their first field, at the indent in force before it. Unknown sections always print,
 * whatever -t/-u/-w say.
 */
final class Statistics {
    /**
     * net-tools' tables, as found: "section field kind sentence" ({@code %d} is the value). A field
     * absent here (net-tools' unsorted tables never find some names) prints raw. Recorded by running
     * netstat over a /proc whose every counter had a value of its own.
     */
    private static final String TABLE = """
            Ip DefaultTTL silent
            Ip InReceives always %d total packets received
            Ip InHdrErrors nonzero %d with invalid headers
            Ip InAddrErrors nonzero %d with invalid addresses
            Ip ForwDatagrams always %d forwarded
            Ip InUnknownProtos nonzero %d with unknown protocol
            Ip InDiscards always %d incoming packets discarded
            Ip InDelivers always %d incoming packets delivered
            Ip OutRequests always %d requests sent out
            Ip OutDiscards nonzero %d outgoing packets dropped
            Ip OutNoRoutes nonzero %d dropped because of missing route
            Ip ReasmTimeout nonzero %d fragments dropped after timeout
            Ip ReasmReqds nonzero %d reassemblies required
            Ip ReasmOKs nonzero %d packets reassembled ok
            Ip ReasmFails nonzero %d packet reassemblies failed
            Ip FragOKs nonzero %d outgoing packets fragmented ok
            Ip FragFails nonzero %d outgoing packets failed fragmentation
            Ip FragCreates nonzero %d fragments created
            Icmp InMsgs always %d ICMP messages received
            Icmp InErrors always %d input ICMP message failed
            Icmp InDestUnreachs in destination unreachable: %d
            Icmp InTimeExcds in timeout in transit: %d
            Icmp InParmProbs in wrong parameters: %d
            Icmp InSrcQuenchs in source quenches: %d
            Icmp InRedirects in redirects: %d
            Icmp InEchos in echo requests: %d
            Icmp InEchoReps in echo replies: %d
            Icmp InTimestamps in timestamp request: %d
            Icmp InTimestampReps in timestamp reply: %d
            Icmp InAddrMasks in address mask request: %d
            Icmp InAddrMaskReps in address mask replies: %d
            Icmp OutMsgs always %d ICMP messages sent
            Icmp OutErrors always %d ICMP messages failed
            Icmp OutDestUnreachs out destination unreachable: %d
            Icmp OutTimeExcds out time exceeded: %d
            Icmp OutParmProbs out wrong parameters: %d
            Icmp OutSrcQuenchs out source quench: %d
            Icmp OutRedirects out redirect: %d
            Icmp OutEchos out echo requests: %d
            Icmp OutEchoReps out echo replies: %d
            Icmp OutTimestamps out timestamp requests: %d
            Icmp OutTimestampReps out timestamp replies: %d
            Icmp OutAddrMasks out address mask requests: %d
            Icmp OutAddrMaskReps out address mask replies: %d
            Tcp RtoAlgorithm silent
            Tcp RtoMin silent
            Tcp RtoMax silent
            Tcp MaxConn silent
            Tcp ActiveOpens always %d active connection openings
            Tcp PassiveOpens always %d passive connection openings
            Tcp AttemptFails always %d failed connection attempts
            Tcp EstabResets always %d connection resets received
            Tcp CurrEstab always %d connections established
            Tcp InSegs always %d segments received
            Tcp OutSegs always %d segments sent out
            Tcp RetransSegs always %d segments retransmitted
            Tcp InErrs always %d bad segments received
            Tcp OutRsts always %d resets sent
            Udp InDatagrams always %d packets received
            Udp NoPorts always %d packets to unknown port received
            Udp InErrors always %d packet receive errors
            Udp OutDatagrams always %d packets sent
            Udp RcvbufErrors always %d receive buffer errors
            Udp SndbufErrors always %d send buffer errors
            TcpExt SyncookiesSent nonzero %d SYN cookies sent
            TcpExt SyncookiesRecv nonzero %d SYN cookies received
            TcpExt SyncookiesFailed nonzero %d invalid SYN cookies received
            TcpExt EmbryonicRsts nonzero %d resets received for embryonic SYN_RECV sockets
            TcpExt PruneCalled nonzero %d packets pruned from receive queue because of socket buffer overrun
            TcpExt RcvPruned nonzero %d packets pruned from receive queue
            TcpExt OfoPruned nonzero %d packets dropped from out-of-order queue because of socket buffer overrun
            TcpExt OutOfWindowIcmps nonzero %d ICMP packets dropped because they were out-of-window
            TcpExt LockDroppedIcmps nonzero %d ICMP packets dropped because socket was locked
            TcpExt TW nonzero %d TCP sockets finished time wait in fast timer
            TcpExt TWRecycled nonzero %d time wait sockets recycled by time stamp
            TcpExt PAWSActive nonzero %d active connections rejected because of time stamp
            TcpExt PAWSEstab nonzero %d packets rejected in established connections because of timestamp
            TcpExt DelayedACKs nonzero %d delayed acks sent
            TcpExt DelayedACKLocked nonzero %d delayed acks further delayed because of locked socket
            TcpExt DelayedACKLost nonzero Quick ack mode was activated %d times
            TcpExt ListenOverflows nonzero %d times the listen queue of a socket overflowed
            TcpExt ListenDrops nonzero %d SYNs to LISTEN sockets dropped
            TcpExt TCPHPHits always %d packet headers predicted
            TcpExt TCPPureAcks nonzero %d acknowledgments not containing data payload received
            TcpExt TCPHPAcks nonzero %d predicted acknowledgments
            TcpExt TCPRenoRecovery nonzero %d times recovered from packet loss due to fast retransmit
            TcpExt TCPSACKReorder nonzero Detected reordering %d times using SACK
            TcpExt TCPRenoReorder nonzero Detected reordering %d times using reno fast retransmit
            TcpExt TCPTSReorder nonzero Detected reordering %d times using time stamp
            TcpExt TCPFullUndo nonzero %d congestion windows fully recovered without slow start
            TcpExt TCPPartialUndo nonzero %d congestion windows partially recovered using Hoe heuristic
            TcpExt TCPLossUndo nonzero %d congestion windows recovered without slow start after partial ack
            TcpExt TCPRenoFailures nonzero %d timeouts after reno fast retransmit
            TcpExt TCPLossFailures nonzero %d timeouts in loss state
            TcpExt TCPFastRetrans nonzero %d fast retransmits
            TcpExt TCPSlowStartRetrans nonzero %d retransmits in slow start
            TcpExt TCPRcvCollapsed nonzero %d packets collapsed in receive queue due to low socket buffer
            TcpExt TCPAbortOnData nonzero %d connections reset due to unexpected data
            TcpExt TCPAbortOnClose nonzero %d connections reset due to early user close
            TcpExt TCPAbortOnMemory nonzero %d connections aborted due to memory pressure
            TcpExt TCPAbortOnTimeout nonzero %d connections aborted due to timeout
            TcpExt TCPAbortOnLinger nonzero %d connections aborted after user close in linger timeout
            TcpExt TCPAbortFailed nonzero %d times unable to send RST due to no memory
            TcpExt TCPMemoryPressures nonzero TCP ran low on memory %d times
            Ip6 Ip6InReceives always %d total packets received
            Ip6 Ip6InHdrErrors nonzero %d with invalid headers
            Ip6 Ip6InTooBigErrors nonzero %d with packets too big
            Ip6 Ip6InNoRoutes nonzero %d incoming packets with no route
            Ip6 Ip6InAddrErrors nonzero %d with invalid addresses
            Ip6 Ip6InUnknownProtos nonzero %d with unknown protocol
            Ip6 Ip6InTruncatedPkts nonzero %d with truncated packets
            Ip6 Ip6InDiscards always %d incoming packets discarded
            Ip6 Ip6InDelivers always %d incoming packets delivered
            Ip6 Ip6OutForwDatagrams always %d forwarded
            Ip6 Ip6OutRequests always %d requests sent out
            Ip6 Ip6OutDiscards nonzero %d outgoing packets dropped
            Ip6 Ip6OutNoRoutes nonzero %d dropped because of missing route
            Ip6 Ip6ReasmTimeout nonzero %d fragments dropped after timeout
            Ip6 Ip6ReasmReqds nonzero %d reassemblies required
            Ip6 Ip6ReasmOKs nonzero %d packets reassembled ok
            Ip6 Ip6ReasmFails nonzero %d packet reassemblies failed
            Ip6 Ip6FragOKs nonzero %d outgoing packets fragmented ok
            Ip6 Ip6FragFails nonzero %d outgoing packets failed fragmentation
            Ip6 Ip6FragCreates nonzero %d fragments created
            Ip6 Ip6InMcastPkts nonzero %d incoming multicast packets
            Ip6 Ip6OutMcastPkts nonzero %d outgoing multicast packets
            Icmp6 Icmp6InMsgs always %d ICMP messages received
            Icmp6 Icmp6InErrors always %d input ICMP message failed
            Icmp6 Icmp6OutMsgs always %d ICMP messages sent
            Icmp6 Icmp6InDestUnreachs in destination unreachable: %d
            Icmp6 Icmp6InPktTooBigs in packets too big: %d
            Icmp6 Icmp6InTimeExcds in received ICMPv6 time exceeded: %d
            Icmp6 Icmp6InParmProblems in parameter problem: %d
            Icmp6 Icmp6InEchos in echo requests: %d
            Icmp6 Icmp6InEchoReplies in echo replies: %d
            Icmp6 Icmp6InGroupMembQueries in group member queries: %d
            Icmp6 Icmp6InGroupMembResponses in group member responses: %d
            Icmp6 Icmp6InGroupMembReductions in group member reductions: %d
            Icmp6 Icmp6InRouterSolicits in router solicits: %d
            Icmp6 Icmp6InRouterAdvertisements in router advertisement: %d
            Icmp6 Icmp6InNeighborSolicits in neighbour solicits: %d
            Icmp6 Icmp6InNeighborAdvertisements in neighbour advertisement: %d
            Icmp6 Icmp6InRedirects in redirects: %d
            Icmp6 Icmp6OutDestUnreachs out destination unreachable: %d
            Icmp6 Icmp6OutPktTooBigs out packets too big: %d
            Icmp6 Icmp6OutTimeExcds out sent ICMPv6 time exceeded: %d
            Icmp6 Icmp6OutParmProblems out parameter problem: %d
            Icmp6 Icmp6OutEchos out echo requests: %d
            Icmp6 Icmp6OutEchoReplies out echo replies: %d
            Icmp6 Icmp6OutGroupMembQueries out group member queries: %d
            Icmp6 Icmp6OutGroupMembResponses out group member responses: %d
            Icmp6 Icmp6OutGroupMembReductions out group member reductions: %d
            Icmp6 Icmp6OutRouterSolicits out router solicits: %d
            Icmp6 Icmp6OutNeighborSolicits out neighbor solicits: %d
            Icmp6 Icmp6OutNeighborAdvertisements out neighbor advertisements: %d
            Icmp6 Icmp6OutRedirects out redirects: %d
            Udp6 Udp6InDatagrams always %d packets received
            Udp6 Udp6NoPorts always %d packets to unknown port received
            Udp6 Udp6InErrors always %d packet receive errors
            Udp6 Udp6OutDatagrams always %d packets sent
            TcpExt PAWSPassive nonzero %d passive connections rejected because of time stamp
            TcpExt TCPPrequeued nonzero %d packets directly queued to recvmsg prequeue
            TcpExt TCPDirectCopyFromBacklog nonzero %d bytes directly in process context from backlog
            TcpExt TCPHPHitsToUser nonzero %d packet headers predicted and directly queued to user
            TcpExt TCPFACKReorder nonzero Detected reordering %d times using FACK
            TcpExt TCPForwardRetrans nonzero %d forward retransmits
            TcpExt TCPLostRetransmits nonzero %d retransmits lost
            TcpExt TCPSchedulerFailed nonzero %d times receiver scheduled too late for direct processing
            TcpExt TCPAbortOnSyn nonzero %d connections reset due to unexpected SYN
            TcpExt SockMallocOOM nonzero Ran %d times out of system memory during packet sending
            """;

    private enum Kind { ALWAYS, NONZERO, SILENT, IN_HISTOGRAM, OUT_HISTOGRAM }

    private record Template(Kind kind, String text) {
    }

    private static final Map<String, Map<String, Template>> TEMPLATES = parse(TABLE);

    private final StringBuilder out = new StringBuilder();
    /**
     * The ICMP histogram being printed (null: none), which sets the indent of raw fields and of the
     * next histogram's title: 8 inside a histogram, 4 elsewhere. A sentence field ends a histogram,
     * and so does a known section; the unknown section after one (IcmpMsg) stays inside it.
     */
    private Kind histogram;

    private Statistics() {
    }

    /**
     * Renders -s for {@code options} (already known to be -s). Only inet and inet6 have statistics;
     * for any other family netstat says so on stdout and exits 1.
     */
    static NetstatView.Result render(NetFiles net, NetstatOptions options) throws ProcAccessException {
        List<CounterSection> sections = CounterFiles.sections(net, options);
        if (sections == null) {
            return CounterFiles.unsupported(options);
        }
        Statistics s = new Statistics();
        s.print(sections, options);
        return new NetstatView.Result(0, s.out.toString(), "");
    }

    private void print(List<CounterSection> sections, NetstatOptions options) {
        for (CounterSection section : sections) {
            if (CounterFiles.isSelectable(section)) {
                histogram = null; // a known section ends a histogram, even one -t/-u/-w leave out
                if (!options.statisticsSection(section.name())) {
                    continue;
                }
            }
            out.append(section.name()).append(":\n");
            Map<String, Template> table = TEMPLATES.getOrDefault(section.name(), Map.of());
            for (int i = 0; i < section.fields().size(); i++) {
                field(section.fields().get(i), section.values().get(i), table.get(section.fields().get(i)));
            }
        }
    }

    private void field(String name, long value, Template t) {
        if (t == null) {
            if (value != 0) {
                indent().append(name).append(": ").append(Long.toUnsignedString(value)).append('\n');
            }
            return;
        }
        switch (t.kind()) {
            case SILENT -> {
            }
            case ALWAYS, NONZERO -> {
                histogram = null;
                if (t.kind() == Kind.ALWAYS || value != 0) {
                    indent().append(sentence(t, value)).append('\n');
                }
            }
            case IN_HISTOGRAM, OUT_HISTOGRAM -> {
                if (histogram != t.kind()) {
                    indent().append(t.kind() == Kind.IN_HISTOGRAM ? "ICMP input histogram:" : "ICMP output histogram:")
                            .append('\n');
                    histogram = t.kind();
                }
                if (value != 0) {
                    indent().append(sentence(t, value)).append('\n');
                }
            }
        }
    }

    private StringBuilder indent() {
        return out.append(histogram != null ? "        " : "    ");
    }

    private static String sentence(Template t, long value) {
        return t.text().replace("%d", Long.toUnsignedString(value));
    }

    private static Map<String, Map<String, Template>> parse(String table) {
        Map<String, Map<String, Template>> t = new HashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] f = line.strip().split(" ", 4);
            Kind kind = switch (f[2]) {
                case "always" -> Kind.ALWAYS;
                case "nonzero" -> Kind.NONZERO;
                case "silent" -> Kind.SILENT;
                case "in" -> Kind.IN_HISTOGRAM;
                default -> Kind.OUT_HISTOGRAM;
            };
            t.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], new Template(kind, f.length > 3 ? f[3] : ""));
        }
        return t;
    }
}
