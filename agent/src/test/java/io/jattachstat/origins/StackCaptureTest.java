package io.jattachstat.origins;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StackCaptureTest {
    /** Stands for a framework (Netty) whose frames are not an origin. */
    static final class Framework {
        static StackCapture.Capture call(StackCapture c, boolean full) {
            return c.capture(full);
        }
    }

    private static StackCapture capture(int maxStacks) {
        // The agent's classes here are StackCapture's own; the test's frames are the application's.
        return new StackCapture(name -> name.equals(StackCapture.class.getName()), List.of("io.jattachstat.origins.StackCaptureTest$Framework"), 4,
                maxStacks);
    }

    private StackCapture.Capture openHere(StackCapture c, boolean full) {
        return Framework.call(c, full);
    }

    @Test
    void theOriginIsTheFirstApplicationFrameOutsideSkippedFrameworks() {
        StackCapture.Capture c = openHere(capture(10), false);
        assertThat(c.origin()).startsWith("io.jattachstat.origins.StackCaptureTest.openHere(StackCaptureTest.java:");
        assertThat(c.stack()).isNull();
    }

    @Test
    void aFullStackStartsAtTheOriginAndIsCutToTheDepth() {
        StackCapture.Capture c = openHere(capture(10), true);
        Stack s = c.stack();
        assertThat(s.frames()).hasSize(4);
        assertThat(s.frames()[s.origin()]).isEqualTo(c.origin());
    }

    @Test
    void equalStacksAreStoredOnceAndTheirNumberIsBounded() {
        StackCapture capture = capture(1);
        Stack[] twice = new Stack[2];
        for (int i = 0; i < 2; i++) {
            twice[i] = openHere(capture, true).stack(); // one call site, so one stack
        }
        assertThat(twice[1]).isNotNull().isSameAs(twice[0]);
        assertThat(capture.distinctStacks()).isEqualTo(1);
        Stack other = Framework.call(capture, true).stack(); // another call site: no room left
        assertThat(other).isNull();
        assertThat(capture.stacksDropped()).isEqualTo(1);
    }

    @Test
    void agesReadLikeATerminal() {
        assertThat(Age.format(850)).isEqualTo("850ms");
        assertThat(Age.format(41_000)).isEqualTo("41s");
        assertThat(Age.format(192_000)).isEqualTo("3m12s");
        assertThat(Age.format(7_500_000)).isEqualTo("2h05m");
        assertThat(Age.format(273_600_000)).isEqualTo("3d04h");
        assertThat(Age.format(-1)).isEqualTo("-");
    }
}
