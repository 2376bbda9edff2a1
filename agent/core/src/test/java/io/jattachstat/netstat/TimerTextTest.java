package io.jattachstat.netstat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TimerTextTest {
    @ParameterizedTest
    @CsvSource({"0,0.00", "5,0.05", "94,0.94", "5861,58.61", "719882,7198.82", "4294967295,42949672.95"})
    void printsSecondsLikePrintf2Point2f(long ticks, String expected) {
        assertThat(TimerText.seconds(ticks)).isEqualTo(expected);
    }

    /** netstat reads tm->when with %lX into an unsigned long; printf output computed with python3's "%2.2f". */
    @ParameterizedTest
    @CsvSource({"-1,184467440737095520.00"})
    void readsTicksAsUnsigned(long ticks, String expected) {
        assertThat(TimerText.seconds(ticks)).isEqualTo(expected);
    }
}
