package io.jattachstat.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of one process's sockets: every view (netstat text, MBeans, JSON) is computed
 * from one of these and never reads {@code /proc} itself.
 *
 * <p>Rows are kept per protocol in the kernel's order, because netstat prints them in that order.
 */
public final class SocketTable {
    private final int pid;
    private final String programName;
    private final Map<Protocol, List<InetSocket>> inet;
    private final List<UnixSocket> unix;
    private final Set<Protocol> missingFiles;
    private final Set<String> missingFamilies;
    private final Map<String, Integer> pendingUnix;
    private final int malformedLines;
    private final int ownedSocketCount;
    private final int openFds;
    private final long takenAtMillis;
    private final Map<Long, TcpInfo> tcpInfo;
    private final String tcpInfoUnavailable;

    private SocketTable(Builder b) {
        this.pid = b.pid;
        this.programName = b.programName;
        EnumMap<Protocol, List<InetSocket>> copy = new EnumMap<>(Protocol.class);
        for (Map.Entry<Protocol, List<InetSocket>> e : b.inet.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        this.inet = Collections.unmodifiableMap(copy);
        this.unix = List.copyOf(b.unix);
        this.missingFiles = Collections.unmodifiableSet(EnumSet.copyOf(b.missingFiles));
        this.missingFamilies = Set.copyOf(b.missingFamilies);
        this.pendingUnix = Map.copyOf(b.pendingUnix);
        this.malformedLines = b.malformedLines;
        this.ownedSocketCount = b.ownedSocketCount;
        this.openFds = b.openFds;
        this.takenAtMillis = b.takenAtMillis;
        this.tcpInfo = Map.copyOf(b.tcpInfo);
        this.tcpInfoUnavailable = b.tcpInfoUnavailable;
    }

    public int pid() {
        return pid;
    }

    /** argv[0] the way netstat -p shows it (the part after the last '/' when it is a path), or null. */
    public String programName() {
        return programName;
    }

    /** Rows of one inet protocol in kernel order; empty if none or not read. */
    public List<InetSocket> inet(Protocol protocol) {
        return inet.getOrDefault(protocol, List.of());
    }

    public List<UnixSocket> unix() {
        return unix;
    }

    /** Protocol files that do not exist in this network namespace (e.g. udplite on some kernels). */
    public boolean isMissing(Protocol protocol) {
        return missingFiles.contains(protocol);
    }

    /**
     * Families netstat looks for besides the ones in {@link Protocol} ("sctp", "ipx", "ax25", "x25",
     * "netrom", "rose") whose {@code /proc} files were absent.
     */
    public boolean isFamilyMissing(String family) {
        return missingFamilies.contains(family);
    }

    /**
     * Connections waiting in the accept queue of the unix listener bound to {@code path}: the kernel
     * lists them as CONNECTING rows with inode 0 and the listener's path.
     */
    public int pendingUnixConnections(String path) {
        return pendingUnix.getOrDefault(path, 0);
    }

    /** Lines that could not be parsed and were skipped. */
    public int malformedLines() {
        return malformedLines;
    }

    /** How many socket fds the process has (each one is in exactly one table). */
    public int ownedSocketCount() {
        return ownedSocketCount;
    }

    /** The process's open file descriptors when the snapshot was read, sockets or not; -1 if unknown. */
    public int openFds() {
        return openFds;
    }

    public long takenAtMillis() {
        return takenAtMillis;
    }

    /** The TCP_INFO read for the socket with {@code inode} ({@code --tcp-info}), or null. */
    public TcpInfo tcpInfo(long inode) {
        return tcpInfo.get(inode);
    }

    /** Why no TCP_INFO could be read for this table's sockets, or null (read, or not asked for). */
    public String tcpInfoUnavailable() {
        return tcpInfoUnavailable;
    }

    /** The same snapshot with each TCP socket's TCP_INFO, by inode, or the reason there is none. */
    public SocketTable withTcpInfo(Map<Long, TcpInfo> byInode, String unavailable) {
        Builder b = copyBut(u -> false);
        b.tcpInfo.clear();
        b.tcpInfo.putAll(byInode);
        b.tcpInfoUnavailable = unavailable;
        inet.values().forEach(rows -> rows.forEach(b::add));
        return b.build();
    }

    /** The same snapshot without the unix sockets {@code hidden} selects. */
    public SocketTable withoutUnix(java.util.function.Predicate<UnixSocket> hidden) {
        Builder b = copyBut(hidden);
        inet.values().forEach(rows -> rows.forEach(b::add));
        return b.build();
    }

    /** The same snapshot with {@code extra} rows after the rows of their protocols. */
    public SocketTable withInet(List<InetSocket> extra) {
        Builder b = copyBut(u -> false);
        inet.values().forEach(rows -> rows.forEach(b::add));
        extra.forEach(b::add);
        return b.build();
    }

    /** The same snapshot with the program name {@code rename} makes of it (it is not called for none). */
    public SocketTable withProgramName(java.util.function.UnaryOperator<String> rename) {
        if (programName == null) {
            return this;
        }
        Builder b = copyBut(u -> false).programName(rename.apply(programName));
        inet.values().forEach(rows -> rows.forEach(b::add));
        return b.build();
    }

    /** The same snapshot with only the rows that pass. */
    public SocketTable filtered(java.util.function.Predicate<InetSocket> inetRows,
                                java.util.function.Predicate<UnixSocket> unixRows) {
        Builder b = copyBut(unixRows.negate());
        inet.values().forEach(rows -> rows.stream().filter(inetRows).forEach(b::add));
        return b.build();
    }

    private Builder copyBut(java.util.function.Predicate<UnixSocket> hidden) {
        Builder b = new Builder(pid).programName(programName).malformed(malformedLines)
                .ownedSocketCount(ownedSocketCount).openFds(openFds).takenAtMillis(takenAtMillis);
        unix.stream().filter(hidden.negate()).forEach(b::add);
        b.missingFiles.addAll(missingFiles);
        b.missingFamilies.addAll(missingFamilies);
        b.pendingUnix.putAll(pendingUnix);
        b.tcpInfo.putAll(tcpInfo);
        b.tcpInfoUnavailable = tcpInfoUnavailable;
        return b;
    }

    public static Builder builder(int pid) {
        return new Builder(pid);
    }

    /** Collects rows while the reader walks {@code /proc}; not thread-safe. */
    public static final class Builder {
        private final int pid;
        private String programName;
        private final EnumMap<Protocol, List<InetSocket>> inet = new EnumMap<>(Protocol.class);
        private final List<UnixSocket> unix = new java.util.ArrayList<>();
        private final Set<Protocol> missingFiles = EnumSet.noneOf(Protocol.class);
        private final Set<String> missingFamilies = new java.util.HashSet<>();
        private final Map<String, Integer> pendingUnix = new java.util.HashMap<>();
        private int malformedLines;
        private int ownedSocketCount;
        private int openFds = -1;
        private long takenAtMillis = System.currentTimeMillis();
        private final Map<Long, TcpInfo> tcpInfo = new java.util.HashMap<>();
        private String tcpInfoUnavailable;

        private Builder(int pid) {
            this.pid = pid;
        }

        public Builder programName(String name) {
            this.programName = name;
            return this;
        }

        public Builder add(InetSocket row) {
            List<InetSocket> rows = inet.get(row.protocol());
            if (rows == null) {
                rows = new java.util.ArrayList<>();
                inet.put(row.protocol(), rows);
            }
            rows.add(row);
            return this;
        }

        public Builder add(UnixSocket row) {
            unix.add(row);
            return this;
        }

        public Builder missing(Protocol protocol) {
            missingFiles.add(protocol);
            return this;
        }

        public Builder missingFamily(String family) {
            missingFamilies.add(family);
            return this;
        }

        /** One more un-accepted connection on the unix listener bound to {@code path}. */
        public Builder pendingUnixConnection(String path) {
            pendingUnix.merge(path, 1, Integer::sum);
            return this;
        }

        public Builder malformed(int lines) {
            malformedLines += lines;
            return this;
        }

        public Builder openFds(int count) {
            openFds = count;
            return this;
        }

        public Builder ownedSocketCount(int count) {
            ownedSocketCount = count;
            return this;
        }

        public Builder takenAtMillis(long millis) {
            takenAtMillis = millis;
            return this;
        }

        public SocketTable build() {
            return new SocketTable(this);
        }
    }
}
