package io.jattachstat.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckPacingTest {
    private static final long MS = 1_000_000;

    @Test
    void aCheapLookKeepsTheConfiguredInterval() {
        CheckPacing pacing = new CheckPacing(() -> 5000, () -> "per fd");
        assertThat(pacing.after(2 * MS)).isEqualTo(5000);
        assertThat(pacing.why()).isEqualTo("the check option; a look costs 2.0 ms of CPU, reading the sockets per fd");
    }

    @Test
    void aCostlyLookStretchesTheIntervalToHalfAPercentOfACore() {
        CheckPacing pacing = new CheckPacing(() -> 1000, () -> "from /proc");
        assertThat(pacing.after(40 * MS)).isEqualTo(10_000); // 40 ms every 10 s is 0.4 %, under the 0.5 % budget
        assertThat(pacing.intervalMillis()).isEqualTo(10_000);
        assertThat(pacing.why()).isEqualTo("stretched from 1000 ms (check option) to keep under 0.5 % of one core:"
                + " a look costs 40.0 ms of CPU, reading the sockets from /proc");
    }

    @Test
    void aDearLookStretchesAtOnceAndTheIntervalComesBackAsTheEstimateFollows() {
        CheckPacing pacing = new CheckPacing(() -> 1000, () -> "from /proc");
        pacing.after(3 * MS);
        assertThat(pacing.after(40 * MS)).isEqualTo(10_000); // planned for the dear look itself
        assertThat(pacing.after(3 * MS)).isEqualTo(2693); // 0.3 x 3 + 0.7 x (0.3 x 40 + 0.7 x 3) = 10.77 ms, 0.4 % of 2.69 s
        for (int i = 0; i < 30; i++) {
            pacing.after(3 * MS);
        }
        assertThat(pacing.intervalMillis()).isEqualTo(1000);
    }

    @Test
    void theAlertsStillComeWithinTenMinutes() {
        CheckPacing pacing = new CheckPacing(() -> 1000, () -> "from /proc");
        assertThat(pacing.after(300 * MS)).as("a look at 200k host sockets").isEqualTo(75_000);
        assertThat(pacing.after(5000 * MS)).isEqualTo(CheckPacing.MAX_INTERVAL_MILLIS);
        assertThat(pacing.why()).startsWith("stretched to its maximum from 1000 ms").contains("over the 0.5 %");
    }

    @Test
    void aConfiguredIntervalLongerThanTheMaximumIsKept() {
        CheckPacing pacing = new CheckPacing(() -> 3_600_000, () -> "from /proc");
        assertThat(pacing.after(5000 * MS)).isEqualTo(3_600_000);
    }
}
