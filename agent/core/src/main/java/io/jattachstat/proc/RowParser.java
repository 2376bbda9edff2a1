package io.jattachstat.proc;

import io.jattachstat.model.SocketTable;

/** One table's line format: split a line, read its inode cheaply, and decode it only if it is wanted. */
interface RowParser {
    /** Splits the line into fields; false if it cannot be a socket line. */
    boolean split(byte[] buf, int start, int end);

    /** The inode of the line last split, or -1 if malformed. */
    long inode();

    /** Decodes the line last split into {@code table}, owned through {@code fd}; false if malformed. */
    boolean addTo(SocketTable.Builder table, long inode, int fd);

    /** Notes what the table needs to know of a row no process owns (inode 0). */
    default void unowned(SocketTable.Builder table) {
    }
}
