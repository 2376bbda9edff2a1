package io.jattachstat.console;

import javax.swing.table.AbstractTableModel;
import java.util.List;

/** Listeners with their accept queue against their real maximum backlog, flagged at the alert threshold. */
final class ListenerTableModel extends AbstractTableModel {
    private static final String[] COLUMNS = {"Proto", "Listening on", "Accept queue", "Max backlog", "Fill", "Alert"};
    private static final Class<?>[] TYPES = {String.class, String.class, Integer.class, Integer.class, String.class,
        String.class};

    private List<ConsoleSnapshot.ListenerRow> rows = List.of();
    private double threshold;

    void setRows(List<ConsoleSnapshot.ListenerRow> rows, double threshold) {
        this.rows = rows;
        this.threshold = threshold;
        fireTableDataChanged();
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
        ConsoleSnapshot.ListenerRow l = rows.get(row);
        return switch (column) {
            case 0 -> l.protocol();
            case 1 -> l.address();
            case 2 -> l.queue();
            case 3 -> l.maxBacklog() < 0 ? null : l.maxBacklog();
            case 4 -> Double.isNaN(l.fill()) ? "unknown" : Math.round(l.fill() * 100) + "%";
            default -> l.atThreshold(threshold) ? "at " + Math.round(threshold * 100) + "% or more" : "";
        };
    }
}
