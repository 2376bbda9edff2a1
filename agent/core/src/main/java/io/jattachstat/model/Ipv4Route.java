package io.jattachstat.model;

/** A line of {@code /proc/net/route}; addresses as ints in host order (the file holds them in network order). */
public record Ipv4Route(String iface, int destination, int gateway, int flags, int refCount, int use, int metric,
                        int mask, int mss, int window, int irtt) {
    public static final int RTF_UP = 0x0001;
}
