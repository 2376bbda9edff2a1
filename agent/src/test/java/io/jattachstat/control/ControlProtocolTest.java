package io.jattachstat.control;

import io.jattachstat.netstat.NetstatView;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlProtocolTest {
    @Test
    void requestsKeepEveryWordIncludingBlanksAndLatin1Bytes() throws IOException {
        List<String> words = ControlProtocol.netstatRequest(List.of("-tan", "--protocol=inet", "a b", "\u00e9"));
        byte[] wire = ControlProtocol.request(words);
        assertThat(ControlProtocol.readRequest(Channels.newChannel(new ByteArrayInputStream(wire)))).isEqualTo(words);
    }

    @Test
    void anUnterminatedRequestIsIgnored() throws IOException {
        assertThat(ControlProtocol.readRequest(Channels.newChannel(new ByteArrayInputStream("netstat".getBytes()))))
                .isEmpty();
    }

    @Test
    void responsesCarryStatusStderrAndStdoutApart() throws IOException {
        NetstatView.Result sent = new NetstatView.Result(1, "out\nwith /path \u00ff\n", "jattachstat: err\n");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ControlProtocol.writeResponse(Channels.newChannel(wire), sent);
        NetstatView.Result got = ControlProtocol.readResponse(Channels.newChannel(new ByteArrayInputStream(wire.toByteArray())));
        assertThat(got).isEqualTo(sent);
    }

    @Test
    void aTruncatedResponseIsAnError() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ControlProtocol.writeResponse(Channels.newChannel(wire), new NetstatView.Result(0, "0123456789", ""));
        byte[] cut = java.util.Arrays.copyOf(wire.toByteArray(), wire.size() - 3);
        assertThatThrownBy(() -> ControlProtocol.readResponse(Channels.newChannel(new ByteArrayInputStream(cut))))
                .isInstanceOf(IOException.class).hasMessageContaining("cut short");
    }
}
