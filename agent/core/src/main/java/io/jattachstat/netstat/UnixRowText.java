package io.jattachstat.netstat;

import io.jattachstat.model.UnixSocket;
import io.jattachstat.model.UnixState;

import static io.jattachstat.netstat.NetstatFormatter.pad;

/**
 * The fixed columns of a netstat unix row (Proto to I-Node), as net-tools' unix_do_one prints
 * them: flags as "[ ACC W N ]", the type and state names, LISTENING for an unconnected listener.
 * The program column, the path and any column jattachstat appends come after, from the formatter.
 */
final class UnixRowText {
    static final String HEADER = "Proto RefCnt Flags       Type       State         I-Node  ";
    private static final String[] TYPES = {"UNKNOWN", "STREAM", "DGRAM", "RAW", "RDM", "SEQPACKET"};

    private UnixRowText() {
    }

    static String of(UnixSocket s) {
        StringBuilder flags = new StringBuilder("[ ");
        if ((s.flags() & UnixSocket.SO_ACCEPTCON) != 0) {
            flags.append("ACC ");
        }
        if ((s.flags() & (1L << 17)) != 0) {
            flags.append("W ");
        }
        if ((s.flags() & (1L << 18)) != 0) {
            flags.append("N ");
        }
        flags.append(']');
        String state = UnixState.of(s).label();
        String type = s.type() < TYPES.length ? TYPES[s.type()] : "UNKNOWN";
        return pad(s.protocol() == 0 ? "unix" : "??", 5) + ' '
                + pad(Long.toString(s.refCount()), 6) + ' '
                + pad(flags.toString(), 11) + ' '
                + pad(type, 10) + ' '
                + pad(state, 13) + ' '
                + pad(Long.toString(s.inode()), 8);
    }

    /** netstat reads the path with scanf("%s"): it ends at the first blank. */
    static String firstWord(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r') {
                return path.substring(0, i);
            }
        }
        return path;
    }
}
