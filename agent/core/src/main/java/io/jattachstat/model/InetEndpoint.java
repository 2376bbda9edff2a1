package io.jattachstat.model;

import java.util.Arrays;

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order, and a port. */
public final class InetEndpoint {
    private final byte[] address;
    private final int port;

    public InetEndpoint(byte[] address, int port) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes, not " + address.length);
        }
        this.address = address.clone();
        this.port = port;
    }

    /** A copy of the address bytes. */
    public byte[] address() {
        return address.clone();
    }

    public int port() {
        return port;
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    /** True for 0.0.0.0 and ::. */
    public boolean isUnspecified() {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** True for ::ffff:a.b.c.d, the form a dual-stack Java socket bound to IPv4 has. */
    public boolean isV4Mapped() {
        return AddressText.isV4Mapped(address);
    }

    /** The numeric text of the address: dotted quad, or inet_ntop's IPv6 form. */
    public String numericHost() {
        return AddressText.numeric(address);
    }

    /** The host as netstat -n prints it: a mapped ::ffff:a.b.c.d shows as a.b.c.d. */
    public String numericHostAsNetstat() {
        return isV4Mapped() ? AddressText.dottedQuad(address, 12) : numericHost();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InetEndpoint e && e.port == port && Arrays.equals(e.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + port;
    }

    @Override
    public String toString() {
        return (isIpv6() ? "[" + numericHost() + "]" : numericHost()) + ":" + port;
    }
}
