package io.jattachstat.boot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate asks by internal name, the retransformation by binary name: both must say the same. */
class HookedTypesTest {
    @ParameterizedTest
    @CsvSource({"sun.nio.ch.NioSocketImpl,true", "sun.nio.ch.UnixAsynchronousSocketChannelImpl,true",
        "sun.nio.ch.InheritedChannel$InheritedSocketChannelImpl,true", "sun.nio.ch.UnixDispatcher,true",
        "io.netty.channel.unix.Socket,true", "com.acme.shaded.io.netty.channel.unix.FileDescriptor,true",
        "sun.nio.ch.FileChannelImpl,false", "java.net.Socket,false", "io.netty.channel.unix.SocketWritableByteChannel,false",
        "sun.nio.ch.NioSocketImplX,false"})
    void namesTheHookedClassesTheSameWayInBothForms(String binaryName, boolean hooked) {
        assertThat(HookedTypes.isHooked(binaryName)).isEqualTo(hooked);
        assertThat(HookedTypes.isHookedInternal(binaryName.replace('.', '/'))).isEqualTo(hooked);
    }
}
