package io.jattachstat.console;

import javax.swing.table.AbstractTableModel;
import java.util.List;

/** The sockets of the latest snapshot as table rows; numeric columns sort as numbers. */
final class SocketTableModel extends AbstractTableModel {
    static final String[] COLUMNS = {"Proto", "Local Address", "Foreign Address", "State", "Recv-Q", "Send-Q", "I-Node",
        "Fd", "Origin"};
    private static final Class<?>[] TYPES = {String.class, String.class, String.class, String.class, Long.class,
        Long.class, Long.class, Integer.class, String.class};
    static final int STATE = 3;

    private List<ConsoleSnapshot.SocketRow> rows = List.of();

    void setRows(List<ConsoleSnapshot.SocketRow> rows) {
        this.rows = rows;
        fireTableDataChanged();
    }

    ConsoleSnapshot.SocketRow row(int modelIndex) {
        return rows.get(modelIndex);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return TYPES[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        ConsoleSnapshot.SocketRow s = rows.get(row);
        return switch (column) {
            case 0 -> s.proto();
            case 1 -> s.local();
            case 2 -> s.remote();
            case 3 -> s.state();
            case 4 -> s.recvQ();
            case 5 -> s.sendQ();
            case 6 -> s.inode();
            case 7 -> s.fd() < 0 ? null : s.fd();
            default -> s.origin();
        };
    }
}
