package io.jattachstat.model;

/**
 * The socket tables under {@code /proc/<pid>/net}, in the order netstat prints them.
 *
 * <p>{@link #label()} is netstat's Proto column; {@link #servicesProtocol()} is the column of
 * {@code /etc/services} (or {@code /etc/protocols} for raw) that netstat looks ports up in.
 */
public enum Protocol {
    TCP("tcp", "tcp", false, "tcp"),
    TCP6("tcp6", "tcp6", true, "tcp"),
    UDP("udp", "udp", false, "udp"),
    UDP6("udp6", "udp6", true, "udp"),
    UDPLITE("udplite", "udpl", false, "udp"),
    UDPLITE6("udplite6", "udpl6", true, "udp"),
    RAW("raw", "raw", false, "raw"),
    RAW6("raw6", "raw6", true, "raw"),
    UNIX("unix", "unix", false, null);

    /** The Internet tables in the order netstat prints them: each protocol's IPv4 table, then its IPv6 one. */
    public static final java.util.List<Protocol> INET_IN_NETSTAT_ORDER = java.util.List.of(TCP, TCP6, UDP, UDP6, UDPLITE,
            UDPLITE6, RAW, RAW6);

    private final String fileName;
    private final String label;
    private final boolean ipv6;
    private final String servicesProtocol;

    Protocol(String fileName, String label, boolean ipv6, String servicesProtocol) {
        this.fileName = fileName;
        this.label = label;
        this.ipv6 = ipv6;
        this.servicesProtocol = servicesProtocol;
    }

    /** File name under {@code /proc/<pid>/net}. */
    public String fileName() {
        return fileName;
    }

    /** netstat's Proto column. */
    public String label() {
        return label;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public boolean isInet() {
        return this != UNIX;
    }

    public boolean isTcp() {
        return this == TCP || this == TCP6;
    }

    public boolean isUdp() {
        return this == UDP || this == UDP6 || this == UDPLITE || this == UDPLITE6;
    }

    public boolean isRaw() {
        return this == RAW || this == RAW6;
    }

    /** "tcp", "udp" or "raw": which services list names this protocol's ports; null for unix. */
    public String servicesProtocol() {
        return servicesProtocol;
    }
}
