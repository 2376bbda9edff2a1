package io.jattachstat.boot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** hookWait, as premain reads it before the agent's own parser: a bad value means the default. */
class HookGateTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {"null;10000", "'';10000", "hookWait=0;0",
        "refresh=500,hookWait=2500,stacks=always;2500", "hookWait=60000;60000", "hookWait=60001;10000",
        "hookWait=-1;10000", "hookWait=;10000", "hookWait=12a;10000", "hookWait=999999;10000", "xhookWait=5;10000"})
    void readsHookWaitFromTheAgentsOptions(String options, long millis) {
        assertThat(HookGate.waitMillis(options)).isEqualTo(millis);
    }
}
