package io.jattachstat.proc;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.InetSocket;
import io.jattachstat.model.Protocol;
import io.jattachstat.model.SocketTable;

import java.nio.ByteOrder;

/**
 * Decodes one line of a tcp/udp/raw table. Layout (kernel seq_printf, shared by all eight files):
 * <pre>
 *   sl: local_hex:port remote_hex:port st tx:rx tr:when retrnsmt uid timeout inode ...
 * </pre>
 * Addresses are 32-bit words printed as host-order integers, so on little-endian machines each
 * word's bytes come out reversed; ports, states, queues and timers are plain hex; uid, timeout and
 * inode are decimal.
 */
final class InetLineParser implements RowParser {
    static final int INODE_FIELD = 9;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final Fields f = new Fields(10);
    private final Protocol protocol;

    InetLineParser(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public boolean split(byte[] buf, int start, int end) {
        return f.split(buf, start, end) == 10;
    }

    @Override
    public long inode() {
        return f.decimal(INODE_FIELD);
    }

    @Override
    public boolean addTo(SocketTable.Builder table, long inode, int fd) {
        InetSocket row = decode(inode, fd);
        if (row != null) {
            table.add(row);
        }
        return row != null;
    }

    /** Decodes the line last split, or returns null if any field is malformed. */
    private InetSocket decode(long inode, int fd) {
        InetEndpoint local = endpoint(1);
        InetEndpoint remote = endpoint(2);
        long state = f.hex(3);
        int txEnd = f.indexOf(4, (byte) ':');
        int trEnd = f.indexOf(5, (byte) ':');
        if (local == null || remote == null || local.isIpv6() != remote.isIpv6() || state < 0
                || txEnd < 0 || trEnd < 0) {
            return null;
        }
        long tx = f.hex(f.start(4), txEnd);
        long rx = f.hex(txEnd + 1, f.end(4));
        long timer = f.hex(f.start(5), trEnd);
        long when = f.hex(trEnd + 1, f.end(5));
        long retransmits = f.hex(6);
        long uid = f.decimal(7);
        long probes = f.decimal(8);
        if (tx < 0 || rx < 0 || timer < 0 || when < 0 || retransmits < 0 || uid < 0 || probes < 0
                || state > 0xff || timer > 0xff || uid > 0xffffffffL || probes > Integer.MAX_VALUE) {
            return null;
        }
        return new InetSocket(protocol, local, remote, (int) state, tx, rx, (int) timer, when, retransmits,
                (int) uid, (int) probes, inode, fd);
    }

    private InetEndpoint endpoint(int field) {
        int colon = f.indexOf(field, (byte) ':');
        if (colon < 0) {
            return null;
        }
        int hexLen = colon - f.start(field);
        long port = f.hex(colon + 1, f.end(field));
        if ((hexLen != 8 && hexLen != 32) || port < 0 || port > 0xffff) {
            return null;
        }
        byte[] address = new byte[hexLen / 2];
        for (int word = 0; word < hexLen / 8; word++) {
            int from = f.start(field) + word * 8;
            long v = f.hex(from, from + 8);
            if (v < 0) {
                return null;
            }
            putWord(address, word * 4, (int) v);
        }
        return new InetEndpoint(address, (int) port);
    }

    /** Writes a host-order 32-bit word as the kernel stored it: in native byte order. */
    private static void putWord(byte[] dst, int at, int v) {
        if (LITTLE_ENDIAN) {
            v = Integer.reverseBytes(v);
        }
        dst[at] = (byte) (v >>> 24);
        dst[at + 1] = (byte) (v >>> 16);
        dst[at + 2] = (byte) (v >>> 8);
        dst[at + 3] = (byte) v;
    }
}
