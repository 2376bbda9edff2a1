package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

import java.util.List;

/** Listeners with their accept queue against their real maximum backlog, flagged at the alert threshold. */
final class ListenerTableModel extends RowsTableModel<ConsoleSnapshot.ListenerRow> {
    private static final long serialVersionUID = 1L;
    private double threshold;

    ListenerTableModel() {
        super(new String[] {"Proto", "Listening on", "Accept queue", "Max backlog", "Fill", "Alert"},
                new Class<?>[] {String.class, String.class, Integer.class, Integer.class, String.class, String.class});
    }

    void setRows(List<ConsoleSnapshot.ListenerRow> rows, double threshold) {
        this.threshold = threshold;
        setRows(rows);
    }

    @Override
    Object value(ConsoleSnapshot.ListenerRow l, int column) {
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
