package io.jattachstat.netstat;

import java.io.IOException;

/**
 * What {@code /proc} does not say of a network interface and {@code netstat -i} prints: its flags
 * (SIOCGIFFLAGS) and MTU (SIOCGIFMTU), which the kernel answers for the namespace of the asking
 * thread. Hence two sources: the JVM itself (the agent, inside the target) and this process, when
 * it shares the target's namespace.
 */
public interface Links {
    /** IFF_* flags and MTU of one interface. */
    record Link(int flags, int mtu) {
    }

    /**
     * What ifconfig adds (netstat -ie): the link-layer type (ARPHRD_*) and address, the transmit
     * queue length, and the primary IPv4 address with its netmask, broadcast and peer (null: none).
     */
    record Details(int hardwareType, byte[] hardwareAddress, int txQueueLength, byte[] ipv4, byte[] netmask,
                   byte[] broadcast, byte[] destination) {
    }

    /** The interface {@code name}, or null if this namespace has none by that name. */
    Link link(String name) throws IOException;

    /** The interface's details, or null if it is gone. */
    Details details(String name) throws IOException;

    /** No source: the views that need one say why not. */
    static Links unavailable(String why) {
        return new Links() {
            @Override
            public Link link(String name) throws IOException {
                throw new IOException(why);
            }

            @Override
            public Details details(String name) throws IOException {
                throw new IOException(why);
            }
        };
    }
}
