package io.jattachstat.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressTextTest {
    /** Expected texts are what glibc's inet_ntop printed on this machine (python3 socket.inet_ntop). */
    @ParameterizedTest
    @CsvSource({"::,::", "::1,::1", "::2,::2", "::ffff:127.0.0.1,::ffff:127.0.0.1", "1::,1::",
        "1:0:0:1::,1:0:0:1::", "fe80::1:0:0:1,fe80::1:0:0:1", "1:0:1:0:1:0:1:0,1:0:1:0:1:0:1:0",
        "::1.2.3.4,::1.2.3.4", "0:0:0:0:0:1:0:0,::1:0:0", "2001:db8:0:0:1:0:0:1,2001:db8::1:0:0:1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334,2001:db8:85a3::8a2e:370:7334"})
    void writesIpv6AsInetNtop(String input, String expected) throws Exception {
        byte[] bytes = InetAddress.getByName(input).getAddress();
        if (bytes.length == 4) { // Java folds ::ffff:a.b.c.d into IPv4; rebuild the 16 bytes
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, v6, 12, 4);
            bytes = v6;
        }
        assertThat(AddressText.numeric(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.20.30.40"})
    void writesIpv4AsDottedQuad(String address) throws Exception {
        assertThat(AddressText.numeric(InetAddress.getByName(address).getAddress())).isEqualTo(address);
    }
}
