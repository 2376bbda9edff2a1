package io.jattachstat.netstat;

import java.util.Collection;

/**
 * The name lookups netstat does without {@code -n}. Each returns null when there is no name, and the
 * formatter then prints the number, as netstat does.
 */
public interface NameResolver {
    /** Host name of a 4- or 16-byte address. */
    String hostName(byte[] address);

    /** Service name of a port in {@code /etc/services} ("tcp"/"udp"), or protocol name for "raw". */
    String serviceName(int port, String protocol);

    /** User name of a uid. */
    String userName(int uid);

    /** Name of an IPv4 network (its number in host order), as getnetbyaddr finds it in /etc/networks. */
    default String networkName(int network) {
        return null;
    }

    /** Starts the host lookups a view is about to need, so they run in parallel under one deadline. */
    default void prefetchHosts(Collection<byte[]> addresses) {
    }

    /** A resolver that knows no names: everything prints numerically. */
    NameResolver NUMERIC = new NameResolver() {
        @Override
        public String hostName(byte[] address) {
            return null;
        }

        @Override
        public String serviceName(int port, String protocol) {
            return null;
        }

        @Override
        public String userName(int uid) {
            return null;
        }
    };
}
