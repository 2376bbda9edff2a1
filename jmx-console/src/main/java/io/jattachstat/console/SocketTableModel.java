package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

/** The sockets of the latest snapshot as table rows. */
final class SocketTableModel extends RowsTableModel<ConsoleSnapshot.SocketRow> {
    private static final long serialVersionUID = 1L;
    static final String[] COLUMNS = {"Proto", "Local Address", "Foreign Address", "State", "Recv-Q", "Send-Q", "I-Node",
        "Fd", "Origin", "Blocked"};

    SocketTableModel() {
        super(COLUMNS, new Class<?>[] {String.class, String.class, String.class, String.class, Long.class, Long.class,
            Long.class, Integer.class, String.class, String.class});
    }

    @Override
    Object value(ConsoleSnapshot.SocketRow s, int column) {
        return switch (column) {
            case 0 -> s.proto();
            case 1 -> s.local();
            case 2 -> s.remote();
            case 3 -> s.state();
            case 4 -> s.recvQ();
            case 5 -> s.sendQ();
            case 6 -> s.inode();
            case 7 -> s.fd() < 0 ? null : s.fd();
            case 8 -> s.origin();
            default -> s.blocked();
        };
    }
}
