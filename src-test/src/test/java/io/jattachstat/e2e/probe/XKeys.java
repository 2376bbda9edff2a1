package io.jattachstat.e2e.probe;

import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays keyboard and mouse steps on the X display in $DISPLAY, as a user at it would: each argument
 * is one step. {@code keys:alt+t} presses a chord (modifiers alt, ctrl, shift; keys by their
 * KeyEvent name: enter, tab, escape, down, f, 1...), {@code type:/some/path} types text (ASCII),
 * {@code click:x,y} clicks, {@code wait:ms} pauses.
 */
public final class XKeys {
    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        robot.setAutoDelay(40);
        for (String step : args) {
            String value = step.substring(step.indexOf(':') + 1);
            switch (step.substring(0, step.indexOf(':'))) {
                case "keys" -> chord(robot, value.split("\\+"));
                case "type" -> {
                    for (char c : value.toCharArray()) {
                        type(robot, c);
                    }
                }
                case "click" -> {
                    String[] xy = value.split(",");
                    robot.mouseMove(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
                    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                }
                case "wait" -> robot.delay(Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown step: " + step);
            }
        }
        robot.waitForIdle();
    }

    private static void chord(Robot robot, String[] keys) throws ReflectiveOperationException {
        List<Integer> codes = new ArrayList<>();
        for (String k : keys) {
            codes.add(KeyEvent.class.getField("VK_" + k.toUpperCase()).getInt(null));
        }
        codes.forEach(robot::keyPress);
        for (int i = codes.size() - 1; i >= 0; i--) {
            robot.keyRelease(codes.get(i));
        }
    }

    private static void type(Robot robot, char c) {
        boolean shift = Character.isUpperCase(c) || "_:~\"<>?!@#$%^&*()+{}|".indexOf(c) >= 0;
        int code = switch (c) {
            case '/' -> KeyEvent.VK_SLASH;
            case '.' -> KeyEvent.VK_PERIOD;
            case '-', '_' -> KeyEvent.VK_MINUS;
            case ' ' -> KeyEvent.VK_SPACE;
            case ':' -> KeyEvent.VK_SEMICOLON;
            default -> KeyEvent.getExtendedKeyCodeForChar(Character.toLowerCase(c));
        };
        if (shift) {
            robot.keyPress(KeyEvent.VK_SHIFT);
        }
        robot.keyPress(code);
        robot.keyRelease(code);
        if (shift) {
            robot.keyRelease(KeyEvent.VK_SHIFT);
        }
    }
}
