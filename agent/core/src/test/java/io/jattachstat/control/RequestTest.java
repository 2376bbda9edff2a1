package io.jattachstat.control;

import io.jattachstat.netstat.NetstatOptionParser;
import io.jattachstat.netstat.NetstatOptions;
import io.jattachstat.netstat.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTest {
    private static Request roundTrip(Request r) throws Exception {
        return Request.decode(r.encode());
    }

    private static byte[] wire(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyViewArrivesAsItWasAsked() throws Exception {
        NetstatOptions options = NetstatOptionParser.parse(List.of("-tan", "--summ", "--top", "3"));
        for (Request.View view : Request.View.values()) {
            Request sent = new Request(view, view.takesClosedRows(), options);
            Request got = roundTrip(sent);
            assertThat(got.view()).isEqualTo(view);
            assertThat(got.withClosed()).isEqualTo(view.takesClosedRows());
            assertThat(got.options().words()).containsExactly("-tan", "--summ", "--top", "3");
            assertThat(got.options().summary()).as("an abbreviation means on the agent what it meant in the CLI")
                    .isTrue();
            assertThat(got.options().top()).isEqualTo(3);
        }
    }

    @Test
    void wordsArriveAsTyped() throws Exception {
        List<String> typed = List.of("-A", "inet", "--loc=127.0.0.1:80", "-W", "--json");
        Request got = roundTrip(new Request(Request.View.NETSTAT, false, NetstatOptionParser.parse(typed)));
        assertThat(got.options().words()).isEqualTo(typed);
        assertThat(got.options().json()).isTrue();
    }

    @Test
    void whatIsNotOneWholeRequestIsRefused() {
        assertThatThrownBy(() -> Request.decode(wire("netstat\0open"))).isInstanceOf(Request.MalformedException.class)
                .hasMessage("not one request line");
        assertThatThrownBy(() -> Request.decode(wire("netstat\0open\0-tan\nagent\n")))
                .isInstanceOf(Request.MalformedException.class);
        assertThatThrownBy(() -> Request.decode(wire("shutdown\0open\n"))).hasMessage("unknown request 'shutdown'");
        assertThatThrownBy(() -> Request.decode(wire("NETSTAT\0open\n"))).hasMessage("unknown request 'NETSTAT'");
        assertThatThrownBy(() -> Request.decode(wire("netstat\n"))).hasMessage("a request without closed or open");
        assertThatThrownBy(() -> Request.decode(wire("netstat\0closed\0-tan\n")))
                .hasMessage("closed rows do not go with netstat");
    }

    @Test
    void optionsNetstatDoesNotTakeAreItsUsageError() {
        assertThatThrownBy(() -> Request.decode(wire("netstat\0open\0--bogus\n"))).isInstanceOf(UsageException.class);
    }

    @Test
    void closedRowsGoOnlyWithTheViewsThatHaveThem() throws Exception {
        NetstatOptions none = NetstatOptionParser.parse(List.of());
        assertThatThrownBy(() -> new Request(Request.View.AGENT, true, none)).isInstanceOf(IllegalArgumentException.class);
        assertThat(roundTrip(new Request(Request.View.LEAKS, true, none)).withClosed()).isTrue();
        assertThat(roundTrip(new Request(Request.View.ORIGINS, false, none)).withClosed()).isFalse();
    }
}
