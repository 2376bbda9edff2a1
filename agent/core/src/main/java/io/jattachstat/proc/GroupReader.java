package io.jattachstat.proc;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.GroupMembership;
import io.jattachstat.model.ProcRows;

import java.util.ArrayList;
import java.util.List;

/** Decodes the multicast memberships of {@code /proc/net/igmp} and {@code igmp6}; skips and counts what it cannot. */
public final class GroupReader {
    private GroupReader() {
    }

    /**
     * A device line ("1\tlo        :     1      V3") names the interface of the group lines after it
     * ("\t\t\t\t010000E0     1 0:00000000\t\t0": the group as the kernel's network-order int in hex,
     * then its users).
     */
    public static ProcRows<GroupMembership> ipv4(String text) {
        List<GroupMembership> out = new ArrayList<>();
        int malformed = 0;
        String device = null;
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("\t")) {
                int colon = line.indexOf(':');
                String[] f = line.substring(0, Math.max(colon, 0)).trim().split("\\s+");
                device = colon < 0 || f.length < 2 ? null : f[1];
                malformed += device == null ? 1 : 0;
                continue;
            }
            String[] f = line.trim().split("\\s+");
            long group = f.length < 2 || f[0].length() != 8 ? -1 : Digits.hex(f[0], 8);
            int users = f.length < 2 ? -1 : Digits.decimal(f[1]);
            if (device == null || group < 0 || users < 0) {
                malformed++;
                continue;
            }
            out.add(new GroupMembership(device, users, AddressText.ofInt(Integer.reverseBytes((int) group))));
        }
        return new ProcRows<>(out, malformed);
    }

    /** "idx device group(32 hex digits, network order) users flags timer". */
    public static ProcRows<GroupMembership> ipv6(String text) {
        List<GroupMembership> out = new ArrayList<>();
        int malformed = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int users = f.length < 4 ? -1 : Digits.decimal(f[3]);
            if (users < 0 || !RouteReader.isHex(f[2], 32)) {
                malformed++;
                continue;
            }
            out.add(new GroupMembership(f[1], users, AddressText.fromHex(f[2])));
        }
        return new ProcRows<>(out, malformed);
    }
}
