package io.jattachstat.model;

/** A line of {@code /proc/net/if_inet6}: an interface's IPv6 address with its prefix length and scope. */
public record Ipv6InterfaceAddress(String device, byte[] address, int prefixLength, int scope) {
}
