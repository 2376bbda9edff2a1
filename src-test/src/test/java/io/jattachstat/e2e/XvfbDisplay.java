package io.jattachstat.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private Xvfb display of 1400x900 with no window manager, and what a user does at it: keys, clicks,
 * a screenshot (the probes XKeys and XShot, run in a JVM of their own on the display). Where a window
 * opens differs from run to run, so clicks go to a place inside a window found by its title (xdotool).
 */
final class XvfbDisplay implements AutoCloseable {
    private final Process xvfb;
    final String name;

    private XvfbDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    static XvfbDisplay start() throws IOException, InterruptedException {
        Tools.require(Tools.onPath("Xvfb"), "Xvfb (Debian package xvfb)");
        String name = ":" + ThreadLocalRandom.current().nextInt(100, 900);
        Process xvfb = new ProcessBuilder("Xvfb", name, "-screen", "0", "1400x900x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(500);
        return new XvfbDisplay(xvfb, name);
    }

    /** Plays XKeys steps ("keys:alt+t", "click:x,y", "type:text", "wait:ms") at the display. */
    void play(String... steps) {
        probe("XKeys", steps);
    }

    /** A window on the screen: its top-left corner and size. */
    record Window(String title, int x, int y, int width, int height) {
        /** Where a click lands {@code dx, dy} inside the window; negative: from its right or bottom edge. */
        String click(int dx, int dy) {
            return "click:" + (dx < 0 ? x + width + dx : x + dx) + "," + (dy < 0 ? y + height + dy : y + dy);
        }
    }

    /** The visible window titled exactly {@code title}, once it is shown (within 30 s). */
    Window await(String title) {
        Tools.require(Tools.onPath("xdotool"), "xdotool (Debian package xdotool)");
        Map<String, String> env = Map.of("DISPLAY", name);
        Tools.Result found = Tools.run(List.of("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                "--name", "^" + title + "$"), env);
        if (found.status() != 0 || found.out().isBlank()) {
            throw new AssertionError("no window '" + title + "' on the screen in 30 s");
        }
        String id = found.out().lines().findFirst().orElseThrow();
        Map<String, Integer> g = new java.util.HashMap<>();
        for (String line : Tools.run(List.of("xdotool", "getwindowgeometry", "--shell", id), env).out().split("\n")) {
            String[] kv = line.split("=");
            if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                g.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return new Window(title, g.get("X"), g.get("Y"), g.get("WIDTH"), g.get("HEIGHT"));
    }

    /** Waits until no visible window is titled {@code title} (within 30 s). */
    void awaitGone(String title) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (Tools.run(List.of("xdotool", "search", "--onlyvisible", "--name", "^" + title + "$"),
                    Map.of("DISPLAY", name)).out().isBlank()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the window '" + title + "' is still on the screen after 30 s");
    }

    /** The whole screen, as a user would see it, into {@code png}. */
    void screenshot(Path png) {
        probe("XShot", png.toString());
    }

    private void probe(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(AgentMBeansTest.java(), "-cp", AgentMBeansTest.testClasses(),
                "io.jattachstat.e2e.probe." + name));
        command.addAll(List.of(args));
        Tools.Result r = Tools.run(command, Map.of("DISPLAY", this.name));
        if (r.status() != 0) {
            throw new IllegalStateException(name + " failed: " + r.err());
        }
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        xvfb.waitFor(5, TimeUnit.SECONDS);
    }
}
