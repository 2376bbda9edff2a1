package io.jattachstat.console;

import javax.swing.JComponent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sockets per state over the session: one line per state, the last {@value #SAMPLES} refreshes. */
final class StateChart extends JComponent {
    private static final long serialVersionUID = 1L;
    private static final int SAMPLES = 300;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private final Deque<Map<String, Integer>> history = new ArrayDeque<>();
    private final List<String> states = new ArrayList<>();

    StateChart() {
        setPreferredSize(new Dimension(400, 160));
    }

    void add(Map<String, Integer> counts) {
        for (String state : counts.keySet()) {
            if (!states.contains(state)) {
                states.add(state);
            }
        }
        history.addLast(new LinkedHashMap<>(counts));
        if (history.size() > SAMPLES) {
            history.removeFirst();
        }
        repaint();
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int w = getWidth();
        int h = getHeight();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, w, h);
        int legend = 16 * ((states.size() + 1) / 2);
        int plotH = Math.max(10, h - legend - 16);
        int max = 1;
        for (Map<String, Integer> sample : history) {
            for (int v : sample.values()) {
                max = Math.max(max, v);
            }
        }
        g2.setColor(Color.GRAY);
        g2.drawString(Integer.toString(max), 2, 12);
        g2.drawLine(0, plotH + 4, w, plotH + 4);
        g2.setStroke(new BasicStroke(2f));
        List<Map<String, Integer>> samples = new ArrayList<>(history);
        for (int s = 0; s < states.size(); s++) {
            g2.setColor(COLORS[s % COLORS.length]);
            String state = states.get(s);
            for (int i = 1; i < samples.size(); i++) {
                int x0 = (int) ((long) (i - 1) * (w - 1) / Math.max(1, SAMPLES - 1));
                int x1 = (int) ((long) i * (w - 1) / Math.max(1, SAMPLES - 1));
                int y0 = plotH + 4 - samples.get(i - 1).getOrDefault(state, 0) * plotH / max;
                int y1 = plotH + 4 - samples.get(i).getOrDefault(state, 0) * plotH / max;
                g2.drawLine(x0, y0, x1, y1);
            }
            int col = s % 2;
            int row = s / 2;
            int lx = 4 + col * (w / 2);
            int ly = plotH + 20 + row * 16;
            g2.fillRect(lx, ly - 9, 10, 10);
            Map<String, Integer> last = samples.isEmpty() ? Map.of() : samples.get(samples.size() - 1);
            g2.drawString(state + " " + last.getOrDefault(state, 0), lx + 14, ly);
        }
        g2.dispose();
    }
}
