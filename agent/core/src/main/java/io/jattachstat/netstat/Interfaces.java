package io.jattachstat.netstat;

import io.jattachstat.model.InterfaceCounters;
import io.jattachstat.model.Ipv6InterfaceAddress;
import io.jattachstat.proc.InterfaceReader;
import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.util.List;

/**
 * {@code netstat -i}: the interfaces of the target's network namespace (netstat-reference §4.2),
 * counters from {@code /proc/<pid>/net/dev}, flags and MTU from {@link Links}. Rows sort by name as
 * net-tools does (digit runs compared as numbers); interfaces that are not up show only with -a.
 */
final class Interfaces {
    static final String TITLE = "Kernel Interface table\n";
    private static final String HEADER =
            "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";

    private Interfaces() {
    }

    static NetstatView.Result render(NetFiles net, Links links, NetstatOptions o) throws IOException {
        StringBuilder out = new StringBuilder(TITLE);
        if (!o.extend) {
            out.append(HEADER);
        }
        List<Ipv6InterfaceAddress> inet6 = List.of();
        if (o.extend) {
            String text = net.read("if_inet6");
            inet6 = text == null ? List.of() : InterfaceReader.ipv6Addresses(text).rows();
        }
        for (ShownInterfaces.Shown i : ShownInterfaces.of(net, links, o)) {
            InterfaceCounters c = i.counters();
            if (o.extend) {
                Links.Details details = links.details(i.name());
                if (details != null) {
                    IfconfigText.append(out, i.link(), details, inet6, c);
                }
                continue;
            }
            out.append(String.format("%-15.15s %5d %8d %6d %6d %-6d %8d %6d %6d %6d ", i.name(), i.link().mtu(),
                    c.rxPackets(), c.rxErrors(), c.rxDropped(), c.rxOverruns(), c.txPackets(), c.txErrors(),
                    c.txDropped(), c.txOverruns())).append(ShownInterfaces.flags(i.link().flags())).append('\n');
        }
        return new NetstatView.Result(0, out.toString(), "");
    }
}
