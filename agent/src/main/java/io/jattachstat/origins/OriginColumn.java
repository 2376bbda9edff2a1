package io.jattachstat.origins;

import io.jattachstat.model.InetSocket;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.netstat.RowNotes;

import java.util.ArrayList;
import java.util.List;

/**
 * The Origin column of {@code --origins}: the origin frame (or {@code unknown}/{@code native}),
 * "closed by ..." for rows the JVM closed; with -v, the thread, age and stack under each row.
 */
final class OriginColumn implements RowNotes {
    private final Attribution attribution;
    private final long now;

    OriginColumn(Attribution attribution, long now) {
        this.attribution = attribution;
        this.now = now;
    }

    @Override
    public String column() {
        return "Origin";
    }

    @Override
    public String note(InetSocket s) {
        if (s.inode() == 0) {
            ClosedSocket c = attribution.closeOf(s);
            return c == null ? "-" : "closed by " + c.closedBy();
        }
        return origin(s.inode());
    }

    @Override
    public String note(UnixSocket s) {
        return s.inode() == 0 ? "-" : origin(s.inode());
    }

    private String origin(long inode) {
        Attribution.Entry e = attribution.of(inode);
        return e == null ? "-" : e.origin();
    }

    @Override
    public List<String> details(InetSocket s) {
        if (s.inode() == 0) {
            ClosedSocket c = attribution.closeOf(s);
            if (c == null) {
                return List.of();
            }
            List<String> lines = new ArrayList<>();
            lines.add("closed " + Age.format(now - c.closedMillis()) + " ago by thread \"" + c.closingThread() + "\""
                    + (c.byCleaner() ? " (GC cleaner: the socket was never closed by the application)" : ""));
            lines.add("opened by: " + Attribution.originText(c.socket()));
            return lines;
        }
        return details(s.inode());
    }

    @Override
    public List<String> details(UnixSocket s) {
        return s.inode() == 0 ? List.of() : details(s.inode());
    }

    private List<String> details(long inode) {
        Attribution.Entry e = attribution.of(inode);
        if (e == null || e.record() == null) {
            return List.of();
        }
        return describe(e.record(), now);
    }

    /** A record's thread, age and stack, one line each; shared with the MBean's describe(fd). */
    static List<String> describe(SocketRecord r, long now) {
        List<String> lines = new ArrayList<>();
        lines.add((r.accepted() ? "accepted" : "opened") + " " + Age.format(now - r.openedMillis()) + " ago as "
                + r.kind().label() + " by " + (r.isVirtual() ? "virtual thread" : "thread") + " \"" + r.thread() + "\"");
        if (r.accepted()) {
            SocketRecord l = r.listener();
            lines.add("listener: fd " + l.fd() + (l.openedMillis() == 0 ? " (opened before the agent)" : ""));
        }
        Stack stack = r.stack();
        if (stack == null) {
            lines.add("stack: not captured (sampled, off or over the stack limit)");
        } else {
            for (int i = 0; i < stack.frames().length; i++) {
                lines.add((i == stack.origin() ? "at> " : "at  ") + stack.frames()[i]);
            }
        }
        return lines;
    }
}
