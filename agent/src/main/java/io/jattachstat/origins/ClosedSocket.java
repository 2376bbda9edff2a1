package io.jattachstat.origins;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetSocket;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One close the agent saw: enough to recognise the kernel row it may leave behind (TIME_WAIT,
 * FIN_WAIT2 orphans, all with inode 0) and to say who closed it.
 *
 * @param localPort      local port (-1 if unknown)
 * @param remote         remote address (null if unknown: not connected, a datagram or unix socket)
 * @param closingOrigin  the closing code's origin frame, or null if that close was not sampled
 * @param byCleaner      closed by the GC cleaner: nobody closed the socket (a leak signal)
 */
public record ClosedSocket(SocketRecord socket, int localPort, InetSocketAddress remote,
                           long closedMillis, String closingOrigin, String closingThread, boolean byCleaner) {

    /** True if the close says enough to find the kernel row it left. */
    boolean hasTuple() {
        return localPort >= 0 && remote != null && remote.getAddress() != null;
    }

    /**
     * The connection as a key that a kernel row of it has too: local port, remote address and port
     * (an IPv4-mapped IPv6 address and its IPv4 address are the same key). The local address is left
     * out: a SocketImpl does not keep it, and one local port to one peer is one connection.
     */
    static String tupleKey(ClosedSocket c) {
        return key(c.localPort, c.remote.getAddress().getAddress(), c.remote.getPort());
    }

    static String tupleKey(InetSocket row) {
        return key(row.local().port(), row.remote().address(), row.remote().port());
    }

    private static String key(int localPort, byte[] remote, int remotePort) {
        return localPort + ">" + Arrays.toString(plain(remote)) + ":" + remotePort;
    }

    /** ::ffff:a.b.c.d as a.b.c.d. */
    private static byte[] plain(byte[] a) {
        return AddressText.isV4Mapped(a) ? Arrays.copyOfRange(a, 12, 16) : a;
    }

    /** Who closed it, as the views print it. */
    public String closedBy() {
        if (byCleaner) {
            return "GC cleaner (nobody closed it)";
        }
        return closingOrigin != null ? closingOrigin : "not sampled";
    }
}
