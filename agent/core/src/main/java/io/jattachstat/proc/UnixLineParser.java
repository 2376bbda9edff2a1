package io.jattachstat.proc;

import io.jattachstat.model.SocketTable;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.model.UnixState;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one line of {@code /proc/net/unix}:
 * <pre>
 *   Num: RefCount Protocol Flags Type St Inode [Path]
 * </pre>
 * RefCount, Protocol, Flags, Type and St are hex, Inode decimal (space-padded). The path is
 * everything after the inode's following blank, kept whole: it may contain spaces.
 */
final class UnixLineParser implements RowParser {
    private final Fields f = new Fields(7);

    @Override
    public boolean split(byte[] buf, int start, int end) {
        return f.split(buf, start, end) == 7 && f.buffer()[f.end(0) - 1] == ':';
    }

    @Override
    public long inode() {
        return f.decimal(6);
    }

    @Override
    public boolean addTo(SocketTable.Builder table, long inode, int fd) {
        UnixSocket row = decode(inode, fd);
        if (row != null) {
            table.add(row);
        }
        return row != null;
    }

    /** An embryo (CONNECTING, inode 0) waits in the accept queue of the listener with the same path. */
    @Override
    public void unowned(SocketTable.Builder table) {
        UnixSocket row = decode(0, -1);
        if (row != null && UnixState.of(row) == UnixState.CONNECTING && !row.path().isEmpty()) {
            table.pendingUnixConnection(row.path());
        }
    }

    private UnixSocket decode(long inode, int fd) {
        long refCount = f.hex(1);
        long protocol = f.hex(2);
        long flags = f.hex(3);
        long type = f.hex(4);
        long state = f.hex(5);
        if (refCount < 0 || protocol < 0 || flags < 0 || type < 0 || type > 0xffff || state < 0 || state > 0xff) {
            return null;
        }
        String path = "";
        int pathStart = f.end(6) + 1;
        if (pathStart < f.lineEnd()) {
            path = new String(f.buffer(), pathStart, f.lineEnd() - pathStart, StandardCharsets.ISO_8859_1);
        }
        return new UnixSocket(refCount, protocol, flags, (int) type, (int) state, inode, path, fd);
    }
}
