package io.jattachstat.control;

import io.jattachstat.netstat.NetstatView;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlProtocolTest {
    @Test
    void responsesCarryStatusStderrAndStdoutApart() throws IOException {
        NetstatView.Result sent = new NetstatView.Result(1, "out\nwith /path \u00ff\n", "jattachstat: err\n");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(ControlProtocol.response(sent).array());
        NetstatView.Result got = ControlProtocol.readResponse(Channels.newChannel(new ByteArrayInputStream(wire.toByteArray())));
        assertThat(got).isEqualTo(sent);
    }

    @Test
    void aTruncatedResponseIsAnError() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(ControlProtocol.response(new NetstatView.Result(0, "0123456789", "")).array());
        byte[] cut = java.util.Arrays.copyOf(wire.toByteArray(), wire.size() - 3);
        assertThatThrownBy(() -> ControlProtocol.readResponse(Channels.newChannel(new ByteArrayInputStream(cut))))
                .isInstanceOf(IOException.class).hasMessageContaining("cut short");
    }

    /** Whatever a peer sends back, the CLI gets an answer or an IOException with a short message. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "JATTACHSTAT1 x 0 0\n", "JATTACHSTAT1 0 -1 0\n",
            "JATTACHSTAT1 0 0 99999999999999999999\n", "JATTACHSTAT1 0 0 2147483647\n", "JATTACHSTAT1 0 0\n",
            "JATTACHSTAT1 256 0 0\n", "JATTACHSTAT1 0  0 0\n", "JATTACHSTAT2 0 0 0\n", "HTTP/1.1 400 Bad Request\r\n\r\n",
            "JATTACHSTAT1 0 0 1\nab", "\u001b[2J\u001b[H", "JATTACHSTAT1 0 0 4\nab"})
    void malformedAnswersAreIoErrors(String wire) {
        byte[] bytes = wire.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ControlProtocol.readResponse(Channels.newChannel(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class).hasMessageStartingWith("the agent");
    }

    @Test
    void onlyAgentSocketPathsAreTakenForOne() {
        assertThat(ControlProtocol.isSocketPath("/tmp/.jattachstat-1-k3v9q0d2xw/control.sock")).isTrue();
        assertThat(ControlProtocol.isSocketPath("/tmp/.jattachstat-1.sock")).isFalse();
        assertThat(ControlProtocol.isSocketPath("/tmp/x/.jattachstat-1-k3v9q0d2xw/control.sock")).isFalse();
        assertThat(ControlProtocol.isSocketPath("/tmp/.jattachstat-1-../control.sock")).isFalse();
        assertThat(ControlProtocol.isSocketPath("/tmp/.jattachstat-1-k3v9q0d2xw/control.sock\nx")).isFalse();
    }
}
