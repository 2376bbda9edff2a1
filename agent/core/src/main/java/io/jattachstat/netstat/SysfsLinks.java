package io.jattachstat.netstat;

import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@link Links} from sysfs ({@code /sys/class/net/<name>/flags} and {@code mtu}). A sysfs shows the
 * network namespace of whoever mounted it, which need not be the target's (a process moved into a
 * namespace by unshare -n keeps its old /sys): so it is used only if it lists exactly the interfaces
 * the target's {@code /proc/<pid>/net/dev} lists.
 */
public final class SysfsLinks implements Links {
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;
    private static final int IFF_BROADCAST = 0x2;
    private final Path classNet;
    private final NetFiles net;
    private volatile Boolean matches;

    public SysfsLinks(Path classNet, NetFiles net) {
        this.classNet = classNet;
        this.net = net;
    }

    @Override
    public Link link(String name) throws IOException {
        if (!matchesNamespace()) {
            throw new IOException(classNet + " shows another network namespace than the target's, and interface flags"
                    + " can only be read from inside it");
        }
        try {
            Path dir = classNet.resolve(name);
            int flags = Integer.decode(read(dir, "flags")) & ~IFF_RUNNING;
            // SIOCGIFFLAGS adds RUNNING for an interface that is up and whose operational state is up or
            // unknown (lo); sysfs keeps that state apart.
            String operstate = read(dir, "operstate");
            if ((flags & IFF_UP) != 0 && (operstate.equals("up") || operstate.equals("unknown"))) {
                flags |= IFF_RUNNING;
            }
            return new Link(flags, Integer.parseInt(read(dir, "mtu")));
        } catch (NoSuchFileException e) {
            return null; // gone since /proc listed it
        } catch (NumberFormatException e) {
            throw new IOException("unexpected " + classNet.resolve(name) + " contents: " + e.getMessage(), e);
        }
    }

    /**
     * Link layer from sysfs; the IPv4 address from the JDK, whose namespace is this process's (checked
     * above). The JDK does not give a point-to-point peer, so "destination" is left out here.
     */
    @Override
    public Details details(String name) throws IOException {
        Link link = link(name);
        if (link == null) {
            return null;
        }
        Path dir = classNet.resolve(name);
        String address = read(dir, "address");
        byte[] hw = address.isEmpty() ? new byte[0] : hex(address.split(":"));
        byte[] ipv4 = null;
        byte[] netmask = null;
        byte[] broadcast = null;
        java.net.NetworkInterface nif = java.net.NetworkInterface.getByName(name);
        // ifconfig shows the primary address. The JDK lists an interface's addresses in the reverse of
        // the kernel's order (it prepends each), so the primary is the last IPv4 one in its list.
        java.net.InterfaceAddress primary = null;
        for (java.net.InterfaceAddress a : nif == null ? java.util.List.<java.net.InterfaceAddress>of()
                : nif.getInterfaceAddresses()) {
            if (a.getAddress() instanceof java.net.Inet4Address) {
                primary = a;
            }
        }
        if (primary != null) {
            ipv4 = primary.getAddress().getAddress();
            int prefix = primary.getNetworkPrefixLength();
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            netmask = new byte[] {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
            if ((link.flags() & IFF_BROADCAST) != 0) {
                broadcast = primary.getBroadcast() == null ? new byte[4] : primary.getBroadcast().getAddress();
            }
        }
        return new Details(Integer.parseInt(read(dir, "type")), hw, Integer.parseInt(read(dir, "tx_queue_len")), ipv4,
                netmask, broadcast, null);
    }

    private static byte[] hex(String[] parts) {
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII).trim();
    }

    private boolean matchesNamespace() throws IOException {
        Boolean m = matches;
        if (m == null) {
            Set<String> inSysfs = new TreeSet<>();
            try (Stream<Path> entries = Files.list(classNet)) {
                entries.forEach(p -> inSysfs.add(p.getFileName().toString()));
            }
            m = inSysfs.equals(ShownInterfaces.names(net));
            matches = m;
        }
        return m;
    }
}
