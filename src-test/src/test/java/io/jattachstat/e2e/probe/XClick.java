package io.jattachstat.e2e.probe;

import java.awt.Robot;
import java.awt.event.InputEvent;

/**
 * Clicks once at x y on the X display in $DISPLAY: for JConsole's "Secure connection failed. Retry
 * insecurely?" dialog, which it shows for every local connection (the local agent has no SSL).
 */
public final class XClick {
    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        robot.mouseMove(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.delay(100);
    }
}
