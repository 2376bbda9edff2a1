package io.jattachstat.console;

import javax.swing.table.AbstractTableModel;
import java.util.List;

/** A read-only table of rows of one type: named, typed columns (so numbers sort as numbers) and the values of a row. */
abstract class RowsTableModel<T> extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private final String[] columns;
    private final Class<?>[] types;
    private transient List<T> rows = List.of();

    RowsTableModel(String[] columns, Class<?>[] types) {
        this.columns = columns;
        this.types = types;
    }

    /** The value of {@code row} in {@code column}. */
    abstract Object value(T row, int column);

    void setRows(List<T> rows) {
        this.rows = rows;
        fireTableDataChanged();
    }

    T row(int modelIndex) {
        return rows.get(modelIndex);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public String getColumnName(int column) {
        return columns[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return types[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        return value(rows.get(row), column);
    }
}
