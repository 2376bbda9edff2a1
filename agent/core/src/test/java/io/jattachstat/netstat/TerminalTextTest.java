package io.jattachstat.netstat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    /** Text as the views carry it: one ISO-8859-1 char per byte. */
    private static String bytes(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void controlCharactersBecomeCEscapes() {
        assertThat(TerminalText.escape("a\u001b[2Jb\u0007c\rd\te\u0000f\u007f")).isEqualTo("a\\e[2Jb\\ac\\rd\\te\\x00f\\x7f");
        assertThat(TerminalText.escape("row\nfake row")).isEqualTo("row\\nfake row");
        assertThat(TerminalText.escape("row\nnext\n", true)).isEqualTo("row\nnext\n");
    }

    @Test
    void validUtf8PassesButC1ControlsAndStrayBytesDoNot() {
        assertThat(TerminalText.escape(bytes("/run/caf\u00e9/\u65e5\u672c.sock \uD83D\uDE00"))).isEqualTo(bytes("/run/caf\u00e9/\u65e5\u672c.sock \uD83D\uDE00"));
        assertThat(TerminalText.escape(bytes("x\u009by"))).isEqualTo("x\\xc2\\x9by");
        assertThat(TerminalText.escape("x\u009by")).as("a lone 0x9b (CSI on 8-bit terminals)").isEqualTo("x\\x9by");
        assertThat(TerminalText.escape("cut\u00e6")).as("a sequence cut short").isEqualTo("cut\\xe6");
        assertThat(TerminalText.escape("\u00c0\u00af")).as("overlong").isEqualTo("\\xc0\\xaf");
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String s = "unix  2      [ ACC ]     STREAM     LISTENING     111762   /tmp/a";
        assertThat(TerminalText.escape(s)).isSameAs(s);
    }
}
