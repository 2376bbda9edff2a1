package io.jattachstat.console;

import io.jattachstat.model.ConsoleSnapshot;

import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.GridLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The "Sockets" tab: the JVM's sockets (sortable by any column, filtered by state and free text),
 * per-state counts over the session, listeners against their backlog, and the selected socket's
 * thread, age and origin stack. Everything here runs on the event thread; the MBean calls do not.
 */
final class SocketsTab extends JPanel {
    private static final long serialVersionUID = 1L;
    static final String NO_AGENT = "This JVM has no jattachstat agent: start it with "
            + "-javaagent:/path/to/jattachstat-agent.jar, or run jattachstat <pid> once to load it, then reconnect.";
    private static final String NETSTAT_HEADER =
            "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n";

    private final SocketTableModel model = new SocketTableModel();
    private final TableRowSorter<SocketTableModel> sorter = new TableRowSorter<>(model);
    private final JTable table = new JTable(model);
    private final ListenerTableModel listeners = new ListenerTableModel();
    private final StateChart chart = new StateChart();
    private final JTextArea detail = new JTextArea(8, 60);
    private final JComboBox<String> stateBox = new JComboBox<>(new String[] {SocketRowFilter.ALL_STATES});
    private final JTextField text = new JTextField(18);
    private final JLabel status = new JLabel("Waiting for the first refresh…");
    private final JLabel message = new JLabel();
    private final CardLayout cards = new CardLayout();
    private final JPanel content = new JPanel(cards);
    private final Set<String> statesSeen = new LinkedHashSet<>();
    private volatile AgentConnection connection;
    private int rows;

    SocketsTab() {
        super(new BorderLayout());
        table.setRowSorter(sorter);
        table.setAutoCreateRowSorter(false);
        table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                describeSelection();
            }
        });
        detail.setEditable(false);
        detail.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));

        JButton copy = new JButton("Copy as netstat lines");
        copy.addActionListener(e -> copySelection());
        stateBox.addActionListener(e -> applyFilter());
        text.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                applyFilter();
            }
        });
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        bar.add(new JLabel("State:"));
        bar.add(stateBox);
        bar.add(new JLabel("Filter:"));
        bar.add(text);
        bar.add(copy);
        bar.add(status);

        JTable listenerTable = new JTable(listeners);
        listenerTable.setAutoCreateRowSorter(true);
        JScrollPane listenerPane = new JScrollPane(listenerTable);
        listenerPane.setBorder(BorderFactory.createTitledBorder("Listeners: accept queue against the real backlog"));
        JPanel chartPanel = new JPanel(new BorderLayout());
        chartPanel.setBorder(BorderFactory.createTitledBorder("Sockets per state, this session"));
        chartPanel.add(chart);
        JScrollPane detailPane = new JScrollPane(detail);
        detailPane.setBorder(BorderFactory.createTitledBorder("Selected socket: thread, age, origin stack, threads blocked on it"));
        JPanel lower = new JPanel(new GridLayout(1, 3, 4, 0));
        lower.add(listenerPane);
        lower.add(chartPanel);
        lower.add(detailPane);
        lower.setPreferredSize(new Dimension(900, 230));
        int[] widths = {50, 170, 170, 100, 60, 60, 80, 40, 320};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        }
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(table), lower);
        split.setResizeWeight(0.7);

        JPanel main = new JPanel(new BorderLayout());
        main.add(bar, BorderLayout.NORTH);
        main.add(split, BorderLayout.CENTER);
        message.setForeground(new Color(0x8b0000));
        message.setBorder(BorderFactory.createEmptyBorder(20, 20, 20, 20));
        JPanel messagePanel = new JPanel(new BorderLayout());
        messagePanel.add(message, BorderLayout.NORTH);
        content.add(main, "table");
        content.add(messagePanel, "message");
        add(content, BorderLayout.CENTER);
    }

    void connection(AgentConnection c) {
        connection = c;
    }

    /** Shows a snapshot; returns the time spent on the event thread doing it, in nanoseconds. */
    long show(ConsoleSnapshot s) {
        long start = System.nanoTime();
        model.setRows(s.sockets());
        listeners.setRows(s.listeners(), s.acceptQueueThreshold());
        chart.add(s.stateCounts());
        if (statesSeen.addAll(s.stateCounts().keySet())) {
            Object selected = stateBox.getSelectedItem();
            DefaultComboBoxModel<String> states = new DefaultComboBoxModel<>();
            states.addElement(SocketRowFilter.ALL_STATES);
            statesSeen.forEach(states::addElement);
            stateBox.setModel(states);
            stateBox.setSelectedItem(selected);
        }
        rows = s.sockets().size();
        long nanos = System.nanoTime() - start;
        status.setText(String.format("%d sockets, %d shown · snapshot %s · %s · %.1f ms on the event thread", rows,
                table.getRowCount(), new SimpleDateFormat("HH:mm:ss").format(new Date(s.takenAtMillis())),
                s.originsTracked() ? "origins tracked" : "origins not tracked", nanos / 1e6));
        cards.show(content, "table");
        return nanos;
    }

    void showMessage(String text) {
        message.setText("<html>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</html>");
        cards.show(content, "message");
    }

    /** Selects the first row (its details follow): for the screenshot. */
    void selectFirstRow() {
        if (table.getRowCount() > 0) {
            table.setRowSelectionInterval(0, 0);
        }
    }

    int rowsShown() {
        return table.getRowCount();
    }

    int rows() {
        return rows;
    }

    private void applyFilter() {
        SocketRowFilter f = new SocketRowFilter((String) stateBox.getSelectedItem(), text.getText());
        sorter.setRowFilter(f.isEmpty() ? null : f);
    }

    /** The selected rows as netstat -an prints them, with its header, to the clipboard. */
    private void copySelection() {
        StringBuilder b = new StringBuilder(NETSTAT_HEADER);
        for (int viewRow : table.getSelectedRows()) {
            b.append(model.row(table.convertRowIndexToModel(viewRow)).netstatLine()).append('\n');
        }
        Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(b.toString()), null);
        status.setText("Copied " + table.getSelectedRowCount() + " netstat lines");
    }

    /** The agent's describe(fd) for the selected socket, fetched off the event thread. */
    private void describeSelection() {
        AgentConnection c = connection;
        int viewRow = table.getSelectedRow();
        if (c == null || viewRow < 0) {
            return;
        }
        ConsoleSnapshot.SocketRow row = model.row(table.convertRowIndexToModel(viewRow));
        if (row.fd() < 0) {
            detail.setText("No file descriptor: the kernel holds this connection for nobody.");
            return;
        }
        new SwingWorker<String, Void>() {
            @Override
            protected String doInBackground() throws Exception {
                return c.describe(row.fd());
            }

            @Override
            protected void done() {
                try {
                    detail.setText(get());
                } catch (Exception e) {
                    detail.setText("Could not ask the agent: " + e.getCause());
                }
                detail.setCaretPosition(0);
            }
        }.execute();
    }
}
