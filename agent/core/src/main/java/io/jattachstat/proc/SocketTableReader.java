package io.jattachstat.proc;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a snapshot of one process's sockets: the {@code socket:[N]} links of its fd directory, joined
 * by inode with the protocol tables of its network namespace.
 *
 * <p>The tables list every socket of the namespace, which on a busy host is megabytes of text the
 * kernel generates on each read. Every socket inode sits in exactly one table, so the reader reads
 * the tables in the order a JVM's sockets are most likely to be found (dual-stack Java sockets live
 * in tcp6/udp6) and stops, even in the middle of a table, as soon as every socket fd is accounted for.
 * Rows are still reported per table in the kernel's order, which is all netstat's order needs.
 *
 * <p>The {@code /proc} root is a parameter, so tests can point the reader at a fixture tree.
 */
public final class SocketTableReader {
    /** Cheapest-first for a JVM; tcp (IPv4) is last because helper processes usually fill it. */
    private static final List<Protocol> READ_ORDER = List.of(Protocol.TCP6, Protocol.UDP6, Protocol.UNIX,
            Protocol.UDP, Protocol.RAW6, Protocol.RAW, Protocol.UDPLITE6, Protocol.UDPLITE, Protocol.TCP);

    /** Files netstat looks for in families Java never uses; only their absence matters (for -v). */
    private static final Map<String, String> OTHER_FAMILY_FILES = Map.of("sctp", "sctp/eps", "ipx", "ipx/socket",
            "ax25", "ax25", "x25", "x25", "netrom", "nr", "rose", "rose", "ip_masquerade", "ip_masquerade");

    private final Path procRoot;

    public SocketTableReader(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** A reader of the live {@code /proc}. */
    public static SocketTableReader live() {
        return new SocketTableReader(Path.of("/proc"));
    }

    /**
     * Snapshot of the sockets of {@code pid} ("self" or a number) in the given tables. Tables not
     * asked for may still be read, but only while that lets a larger table be skipped.
     */
    public SocketTable read(String pid, Set<Protocol> wanted) throws ProcAccessException {
        Path processDir = procRoot.resolve(pid);
        FdTable fds = FdTableReader.read(processDir);
        SocketTable.Builder table = SocketTable.builder(pidNumber(pid, processDir))
                .programName(ProgramNameReader.read(processDir))
                .ownedSocketCount(fds.size()).openFds(fds.openFds());
        Map<Long, Integer> unaccounted = fds.copy();
        Path netDir = processDir.resolve("net");
        Set<Protocol> left = EnumSet.copyOf(wanted.isEmpty() ? EnumSet.noneOf(Protocol.class) : wanted);
        for (Protocol protocol : READ_ORDER) {
            if (left.isEmpty()) {
                break;
            }
            Path file = netDir.resolve(protocol.fileName());
            if (unaccounted.isEmpty()) {
                // Nothing left to find; only whether the table exists still matters.
                if (left.remove(protocol) && !Files.exists(file)) {
                    table.missing(protocol);
                }
                continue;
            }
            boolean keep = left.remove(protocol);
            if (!keep && !stopsEarly(left)) {
                continue; // accounting for its inodes would let no table that is wanted be cut short
            }
            readTable(file, protocol, keep, fds, unaccounted, table);
        }
        for (Map.Entry<String, String> family : OTHER_FAMILY_FILES.entrySet()) {
            if (!Files.exists(netDir.resolve(family.getValue()))) {
                table.missingFamily(family.getKey());
            }
        }
        return table.build();
    }

    /**
     * The rows no process owns (inode 0: TIME_WAIT, FIN_WAIT2 orphans, un-accepted connections) in
     * the given inet tables of {@code pid}'s network namespace, read whole. For the rows a JVM closed.
     */
    public List<InetSocket> readUnowned(String pid, Set<Protocol> protocols) throws ProcAccessException {
        Path netDir = procRoot.resolve(pid).resolve("net");
        SocketTable.Builder rows = SocketTable.builder(-1);
        for (Protocol protocol : protocols) {
            if (protocol != Protocol.UNIX) {
                readTable(netDir.resolve(protocol.fileName()), protocol, new TableScan(new InetLineParser(protocol), rows, false));
            }
        }
        SocketTable table = rows.build();
        List<InetSocket> out = new ArrayList<>();
        for (Protocol protocol : protocols) {
            out.addAll(table.inet(protocol));
        }
        return out;
    }

    /**
     * The unix sockets of {@code pid} whose inodes are given (with the fd holding each), from its
     * namespace's unix table, with its listeners' waiting connections: for a caller that found the
     * process's sockets another way (the agent, asking per fd), so the fd directory is not read again.
     */
    public SocketTable readUnix(String pid, Map<Long, Integer> fdByInode) throws ProcAccessException {
        FdTable owned = new FdTable(fdByInode, -1);
        SocketTable.Builder table = SocketTable.builder(-1);
        readTable(procRoot.resolve(pid).resolve("net").resolve(Protocol.UNIX.fileName()), Protocol.UNIX, true, owned,
                owned.copy(), table);
        return table.build();
    }

    /**
     * Every row of the unix table of {@code pid}'s network namespace, whoever holds it (fd -1), read
     * without listing the process's fds: for a caller that looks for one socket and then checks that
     * the process holds it ({@link FdTableReader#holds}), which costs less than listing every fd.
     */
    public List<UnixSocket> readAllUnix(String pid) throws ProcAccessException {
        SocketTable.Builder rows = SocketTable.builder(-1);
        readTable(procRoot.resolve(pid).resolve("net").resolve(Protocol.UNIX.fileName()), Protocol.UNIX,
                new TableScan(new UnixLineParser(), rows, true));
        return rows.build().unix();
    }

    /** True if one of {@code tables} may be read only in part (all but unix). */
    private static boolean stopsEarly(Set<Protocol> tables) {
        for (Protocol p : tables) {
            if (p != Protocol.UNIX) {
                return true;
            }
        }
        return false;
    }

    private static void readTable(Path file, Protocol protocol, boolean keep, FdTable owned,
                                  Map<Long, Integer> unaccounted, SocketTable.Builder table) throws ProcAccessException {
        // The unix table is read whole: its un-accepted connections (inode 0) may come after the
        // process's last socket, and listeners' accept queues are counted from them.
        boolean unix = protocol == Protocol.UNIX;
        RowParser parser = unix ? new UnixLineParser() : new InetLineParser(protocol);
        readTable(file, protocol, new TableScan(parser, keep, !unix, owned, unaccounted, table));
    }

    private static void readTable(Path file, Protocol protocol, TableScan scan) throws ProcAccessException {
        SocketTable.Builder table = scan.table;
        try (InputStream in = new FileInputStream(file.toFile())) {
            LineReader.forEachLine(in, scan);
        } catch (java.io.FileNotFoundException e) {
            if (Files.exists(file)) {
                throw new ProcAccessException(ProcAccessException.Reason.PERMISSION_DENIED,
                        "cannot read " + file + ": " + e.getMessage(), e);
            }
            table.missing(protocol);
        } catch (IOException e) {
            throw new ProcAccessException(ProcAccessException.Reason.IO_ERROR,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
        table.malformed(scan.malformed);
    }

    private static int pidNumber(String pid, Path processDir) {
        try {
            return Integer.parseInt("self".equals(pid) ? processDir.toRealPath().getFileName().toString() : pid);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Walks one table's lines, keeping the owned rows and ticking their inodes off. */
    private static final class TableScan implements LineReader.Handler {
        private final RowParser parser;
        private final boolean keep;
        private final boolean stopWhenAccounted;
        private final FdTable owned;
        private final Map<Long, Integer> unaccounted;
        private final SocketTable.Builder table;
        private final boolean unownedOnly;
        private final boolean everyRow;
        private int lineNumber;
        int malformed;

        /** A scan that keeps only the rows with inode 0 ({@code everyRow} false), or every row, decoded. */
        TableScan(RowParser parser, SocketTable.Builder table, boolean everyRow) {
            this.parser = parser;
            this.keep = false;
            this.stopWhenAccounted = false;
            this.owned = null;
            this.unaccounted = Map.of();
            this.table = table;
            this.unownedOnly = !everyRow;
            this.everyRow = everyRow;
        }

        /**
         * A scan that keeps the rows of the {@code owned} inodes and ticks them off {@code unaccounted}.
         * A scan that reads its table whole keeps every row of an owned inode, not just the first:
         * a unix path may hold a newline followed by a made-up row with another socket's inode,
         * and netstat, which keeps both, still shows the real one.
         */
        TableScan(RowParser parser, boolean keep, boolean stopWhenAccounted, FdTable owned,
                  Map<Long, Integer> unaccounted, SocketTable.Builder table) {
            this.parser = parser;
            this.keep = keep;
            this.stopWhenAccounted = stopWhenAccounted;
            this.owned = owned;
            this.unaccounted = unaccounted;
            this.table = table;
            this.unownedOnly = false;
            this.everyRow = false;
        }

        @Override
        public boolean line(byte[] buf, int start, int end) {
            if (lineNumber++ == 0) {
                return true; // the column header
            }
            long inode = parser.split(buf, start, end) ? parser.inode() : -1;
            if (inode < 0) {
                malformed++;
                return true;
            }
            if (everyRow) {
                if (!parser.addTo(table, inode, -1)) {
                    malformed++;
                }
                return true;
            }
            if (inode == 0) {
                if (unownedOnly && !parser.addTo(table, 0, -1)) {
                    malformed++;
                }
                parser.unowned(table);
                return true;
            }
            if (unownedOnly) {
                return true;
            }
            Integer fd = unaccounted.remove(inode);
            if (fd == null && !stopWhenAccounted && owned.fdOf(inode) >= 0) {
                fd = owned.fdOf(inode);
            }
            if (fd != null && keep && !parser.addTo(table, inode, fd)) {
                malformed++;
            }
            return !(stopWhenAccounted && unaccounted.isEmpty());
        }
    }
}
