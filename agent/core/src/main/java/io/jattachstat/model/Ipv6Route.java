package io.jattachstat.model;

/** A line of {@code /proc/net/ipv6_route}: addresses as 16 bytes. */
public record Ipv6Route(byte[] destination, int prefixLength, byte[] nextHop, int metric, int refCount, int use,
                        int flags, String iface) {
    public static final int RTF_CACHE = 0x01000000;

    public boolean isCache() {
        return (flags & RTF_CACHE) != 0;
    }
}
