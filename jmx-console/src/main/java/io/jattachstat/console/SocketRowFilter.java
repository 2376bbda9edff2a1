package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

import javax.swing.RowFilter;
import java.util.Locale;

/**
 * The tab's filter: a state ("All states" for any) and free text matched, in any case, against
 * the protocol, addresses and ports, and origin.
 */
final class SocketRowFilter extends RowFilter<SocketTableModel, Integer> {
    static final String ALL_STATES = "All states";

    private final String state;
    private final String text;

    SocketRowFilter(String state, String text) {
        this.state = state == null || state.equals(ALL_STATES) ? null : state;
        this.text = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return state == null && text == null;
    }

    boolean matches(ConsoleSnapshot.SocketRow s) {
        if (state != null && !state.equals(s.state())) {
            return false;
        }
        if (text == null) {
            return true;
        }
        return (s.proto() + " " + s.local() + " " + s.remote() + " " + s.origin() + " " + s.blocked()).toLowerCase(Locale.ROOT)
                .contains(text);
    }

    @Override
    public boolean include(Entry<? extends SocketTableModel, ? extends Integer> entry) {
        return matches(entry.getModel().row(entry.getIdentifier()));
    }
}
