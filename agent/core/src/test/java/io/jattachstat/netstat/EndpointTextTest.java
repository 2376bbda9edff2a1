package io.jattachstat.netstat;

import io.jattachstat.model.InetEndpoint;
import io.jattachstat.model.Protocol;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTextTest {
    /** Names from the reference's capture (hosts: 127.0.0.2 a-very-long-hostname-for-truncation.test). */
    private static final NameResolver NAMES = new NameResolver() {
        @Override
        public String hostName(byte[] address) {
            return switch (address.length == 4 ? address[3] : -1) {
                case 1 -> "localhost";
                case 2 -> "a-very-long-hostname-for-truncation.test";
                default -> null;
            };
        }

        @Override
        public String serviceName(int port, String protocol) {
            return switch (port) {
                case 7000 -> "afs3-fileserver";
                case 7001 -> "afs3-callback";
                case 8990 -> "clc-build-daemon";
                case 5020 -> null;
                default -> null;
            };
        }

        @Override
        public String userName(int uid) {
            return null;
        }
    };

    private static String render(String options, String host, int port, Protocol p) throws Exception {
        NetstatOptions o = NetstatOptionParser.parse(options.isEmpty() ? List.of() : List.of(options.split(" ")));
        return new EndpointText(o, NAMES).render(new InetEndpoint(InetAddress.getByName(host).getAddress(), port), p);
    }

    /** Every expected text is from rows the real netstat printed (reference §1.6). */
    @Test
    void cutsAddressAndPortTo22CharactersPlusTheColon() throws Exception {
        assertThat(render("", "127.0.0.2", 42639, Protocol.TCP)).isEqualTo("a-very-long-hostn:42639");
        assertThat(render("", "127.0.0.2", 5020, Protocol.TCP)).isEqualTo("a-very-long-hostna:5020");
        assertThat(render("", "127.0.0.1", 7000, Protocol.UDP)).isEqualTo("localho:afs3-fileserver");
        assertThat(render("", "127.0.0.1", 7001, Protocol.UDP)).isEqualTo("localhost:afs3-callback");
        assertThat(render("", "127.0.0.2", 8990, Protocol.TCP)).isEqualTo("a-very:clc-build-daemon");
        assertThat(render("", "127.0.0.1", 8990, Protocol.TCP)).isEqualTo("localh:clc-build-daemon");
    }

    @Test
    void wideKeepsEverything() throws Exception {
        assertThat(render("-W", "127.0.0.2", 42639, Protocol.TCP)).isEqualTo("a-very-long-hostname-for-truncation.test:42639");
    }

    @Test
    void wildcardsAndPortZero() throws Exception {
        assertThat(render("", "0.0.0.0", 0, Protocol.TCP)).isEqualTo("0.0.0.0:*");
        assertThat(render("", "::", 0, Protocol.TCP6)).isEqualTo("[::]:*");
        assertThat(render("-n", "::", 0, Protocol.TCP6)).isEqualTo(":::*");
        assertThat(render("-n", "::", 8080, Protocol.TCP6)).isEqualTo(":::8080");
        assertThat(render("--numeric-hosts", "::", 7000, Protocol.UDP6)).isEqualTo(":::afs3-fileserver");
    }

    @Test
    void mappedAddressesPrintAsDottedQuad() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        NetstatOptions numeric = NetstatOptionParser.parse(List.of("-n"));
        assertThat(new EndpointText(numeric, NAMES).render(new InetEndpoint(mapped, 5030), Protocol.TCP6))
                .isEqualTo("127.0.0.1:5030");
    }
}
