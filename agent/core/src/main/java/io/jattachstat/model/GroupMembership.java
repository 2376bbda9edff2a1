package io.jattachstat.model;

/** A multicast group membership of {@code /proc/net/igmp} or {@code igmp6}: interface, users, group (4 or 16 bytes). */
public record GroupMembership(String device, int users, byte[] group) {
}
