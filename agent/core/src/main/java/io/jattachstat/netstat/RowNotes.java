package io.jattachstat.netstat;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.UnixSocket;

import java.util.List;

/**
 * A column jattachstat appends to netstat's rows (the origins view), and lines shown under a row
 * (with -v). The plain views use {@link #NONE} and stay byte-identical to netstat.
 */
public interface RowNotes {
    RowNotes NONE = null;

    /** The appended column's header. */
    String column();

    /** The appended column for an inet row. */
    String note(InetSocket s);

    /** The appended column for a unix row. */
    String note(UnixSocket s);

    /** Lines printed under an inet row when netstat's -v is given; may be empty. */
    List<String> details(InetSocket s);

    /** Lines printed under a unix row when netstat's -v is given; may be empty. */
    List<String> details(UnixSocket s);
}
