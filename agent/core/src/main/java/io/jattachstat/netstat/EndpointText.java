package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;
import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.Protocol;

/**
 * One "address:port" column, as netstat's {@code addr_do_one} builds it: host text (numeric, or a
 * looked-up name), port text (number, service name, or {@code *} for port 0), and, unless wide output
 * was asked for, the cut to 22 characters plus the colon.
 */
final class EndpointText {
    /** netstat's short_len: address and port together are cut to this, plus the ':'. */
    private static final int SHORT_LEN = 22;
    /** netstat assumes port names are short: a port keeps at most this many characters. */
    private static final int MAX_PORT_LEN = SHORT_LEN - 4;

    private final NetstatOptions options;
    private final NameResolver names;

    EndpointText(NetstatOptions options, NameResolver names) {
        this.options = options;
        this.names = names;
    }

    String render(InetEndpoint endpoint, Protocol protocol) {
        String host = host(endpoint);
        String port = port(endpoint.port(), protocol);
        // netstat formats into char[128] for tcp and char[64] for udp and raw, with snprintf.
        int bufferChars = protocol.isTcp() ? 127 : 63;
        if (!options.wide && host.length() + port.length() > SHORT_LEN) {
            int portLen = Math.min(port.length(), MAX_PORT_LEN);
            int hostLen = SHORT_LEN - portLen;
            return host.substring(0, Math.min(hostLen, host.length())) + ":" + port.substring(0, portLen);
        }
        String text = host + ":" + port;
        return text.length() > bufferChars ? text.substring(0, bufferChars) : text;
    }

    String host(InetEndpoint endpoint) {
        byte[] address = endpoint.address();
        String text;
        if (options.numericHosts) {
            text = AddressText.numeric(address);
        } else if (endpoint.isUnspecified()) {
            // net-tools 2.10: 0.0.0.0 stays numeric; the IPv6 wildcard becomes "[::]".
            text = endpoint.isIpv6() ? "[::]" : "0.0.0.0";
        } else {
            String name = names.hostName(address);
            text = name != null ? name : AddressText.numeric(address);
        }
        return endpoint.isV4Mapped() ? stripMappedPrefix(text) : text;
    }

    private String port(int port, Protocol protocol) {
        if (port == 0) {
            return "*";
        }
        if (!options.numericPorts) {
            String name = names.serviceName(port, protocol.servicesProtocol());
            if (name != null) {
                return name;
            }
        }
        return Integer.toString(port);
    }

    /** netstat's fix_v4_address: "::ffff:127.0.0.1" prints as "127.0.0.1". */
    private static String stripMappedPrefix(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return text;
        }
        int colon = text.lastIndexOf(':', dot);
        return colon < 0 ? text : text.substring(colon + 1);
    }
}
