package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;
import org.junit.jupiter.api.Test;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

import javax.swing.RowSorter;
import javax.swing.SortOrder;
import javax.swing.table.TableRowSorter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tab's models against a snapshot recorded from the demo's socket zoo (with the agent, origins
 * on), as it arrives over JMX (open data): reading it, sorting by any column, the state and text
 * filters, listener flags.
 */
class ConsoleModelTest {
    /**
     * The recording: one row per line, tab-separated ("#" the snapshot's fields, "S" a socket, "L" a
     * listener), made into the agent's open data and read back as the plugin reads it.
     */
    private static ConsoleSnapshot recorded() throws IOException {
        String[] rows;
        try (InputStream in = ConsoleModelTest.class.getResourceAsStream("/console-snapshot.tsv")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        String[] head = rows[0].split("\t", -1);
        List<ConsoleSnapshot.SocketRow> sockets = new ArrayList<>();
        List<ConsoleSnapshot.ListenerRow> listeners = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            if (f[0].equals("S")) {
                sockets.add(new ConsoleSnapshot.SocketRow(f[1], f[2], f[3], f[4], number(f[5]), number(f[6]),
                        Long.parseLong(f[7]), Integer.parseInt(f[8]), f[9], f[10], f.length > 11 ? f[11] : ""));
            } else if (f[0].equals("L")) {
                listeners.add(new ConsoleSnapshot.ListenerRow(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        f[5]));
            }
        }
        ConsoleSnapshot made = new ConsoleSnapshot(Long.parseLong(head[1]), Double.parseDouble(head[2]),
                head[3].equals("origins"), sockets, listeners);
        return ConsoleSnapshot.fromOpenData(made.toOpenData());
    }

    private static Long number(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    @Test
    void readsTheRecordedSnapshot() throws Exception {
        ConsoleSnapshot s = recorded();
        assertThat(s.originsTracked()).isTrue();
        assertThat(s.acceptQueueThreshold()).isEqualTo(0.8);
        assertThat(s.sockets()).hasSize(23);
        assertThat(s.listeners()).hasSize(9);
        ConsoleSnapshot.SocketRow closeWait = s.sockets().stream().filter(r -> r.state().equals("CLOSE_WAIT"))
                .findFirst().orElseThrow();
        assertThat(closeWait.recvQ()).isEqualTo(101);
        assertThat(closeWait.origin()).startsWith("io.jattachstat.cli.demo.SocketZoo.closeWaitWithUnreadBytes(");
        assertThat(closeWait.netstatLine()).startsWith("tcp6     101      0 127.0.0.1:").endsWith("CLOSE_WAIT ");
        assertThat(s.stateCounts()).containsEntry("LISTEN", 5).containsEntry("CLOSE_WAIT", 1);
        ConsoleSnapshot.SocketRow unix = s.sockets().stream().filter(r -> r.proto().equals("unix")).findFirst().orElseThrow();
        assertThat(unix.recvQ()).as("unix sockets have no queues in /proc").isNull();
    }

    @Test
    void refusesDataOfAnotherKind() throws Exception {
        CompositeType other = new CompositeType("other", "other", new String[] {"x"}, new String[] {"x"},
                new OpenType<?>[] {SimpleType.STRING});
        assertThatThrownBy(() -> ConsoleSnapshot.fromOpenData(new CompositeDataSupport(other, new String[] {"x"},
                new Object[] {"y"}))).hasMessage("not a jattachstat console snapshot: other");
    }

    @Test
    void sortsByAnyColumnNumbersAsNumbers() throws Exception {
        SocketTableModel model = new SocketTableModel();
        model.setRows(recorded().sockets());
        TableRowSorter<SocketTableModel> sorter = new TableRowSorter<>(model);
        sorter.setSortKeys(List.of(new RowSorter.SortKey(4, SortOrder.DESCENDING))); // Recv-Q
        assertThat(model.getValueAt(sorter.convertRowIndexToModel(0), 4)).isEqualTo(114176L);
        assertThat(model.getValueAt(sorter.convertRowIndexToModel(1), 4)).isEqualTo(2496L);
        sorter.setSortKeys(List.of(new RowSorter.SortKey(7, SortOrder.ASCENDING))); // Fd
        List<Integer> fds = new ArrayList<>();
        for (int i = 0; i < model.getRowCount(); i++) {
            fds.add((Integer) model.getValueAt(sorter.convertRowIndexToModel(i), 7));
        }
        assertThat(fds).isSorted();
        sorter.setSortKeys(List.of(new RowSorter.SortKey(8, SortOrder.ASCENDING))); // Origin, as text (a Collator's order)
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < model.getRowCount(); i++) {
            origins.add((String) model.getValueAt(sorter.convertRowIndexToModel(i), 8));
        }
        assertThat(origins).isSortedAccordingTo(java.text.Collator.getInstance()::compare).contains("JDK internal");
    }

    @Test
    void filtersByStateAndByFreeText() throws Exception {
        SocketTableModel model = new SocketTableModel();
        model.setRows(recorded().sockets());
        TableRowSorter<SocketTableModel> sorter = new TableRowSorter<>(model);
        sorter.setRowFilter(new SocketRowFilter("LISTEN", ""));
        assertThat(sorter.getViewRowCount()).isEqualTo(5);
        sorter.setRowFilter(new SocketRowFilter(SocketRowFilter.ALL_STATES, "closeWaitWith"));
        assertThat(sorter.getViewRowCount()).as("by origin").isEqualTo(1);
        sorter.setRowFilter(new SocketRowFilter("ESTABLISHED", "127.0.0.2"));
        assertThat(sorter.getViewRowCount()).as("by address, within a state").isZero();
        sorter.setRowFilter(new SocketRowFilter(SocketRowFilter.ALL_STATES, "UDP6"));
        assertThat(sorter.getViewRowCount()).as("by protocol, any case").isEqualTo(3);
        assertThat(new SocketRowFilter(SocketRowFilter.ALL_STATES, "  ").isEmpty()).isTrue();
        sorter.setRowFilter(new SocketRowFilter(SocketRowFilter.ALL_STATES, "stuck-reader"));
        assertThat(sorter.getViewRowCount()).as("by the thread blocked on it").isEqualTo(1);
        assertThat(model.getValueAt(sorter.convertRowIndexToModel(0), 9))
                .isEqualTo("thread \"stuck-reader\" read, waited 61.2s, no timeout");
    }

    @Test
    void listenersAtTheThresholdAreFlagged() throws Exception {
        ListenerTableModel model = new ListenerTableModel();
        model.setRows(recorded().listeners(), 0.25);
        int flagged = 0;
        for (int i = 0; i < model.getRowCount(); i++) {
            if (!((String) model.getValueAt(i, 5)).isEmpty()) {
                flagged++;
                assertThat(model.getValueAt(i, 2)).isEqualTo(3);
                assertThat(model.getValueAt(i, 4)).isEqualTo("30%");
            }
        }
        assertThat(flagged).as("3 of 10 waiting is at 25% or more").isEqualTo(1);
        model.setRows(recorded().listeners(), 0.8);
        for (int i = 0; i < model.getRowCount(); i++) {
            assertThat(model.getValueAt(i, 5)).isEqualTo("");
        }
    }
}
