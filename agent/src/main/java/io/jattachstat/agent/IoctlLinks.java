package io.jattachstat.agent;

import com.sun.jna.NativeLong;
import io.jattachstat.netstat.Links;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link Links} the way netstat gets them: SIOCGIFFLAGS and SIOCGIFMTU on a datagram socket, which
 * the kernel answers for the JVM's own network namespace. Without JNA it hands over to
 * {@code fallback} (sysfs, when that shows this namespace).
 */
final class IoctlLinks implements Links {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCGIFMTU = 0x8921;
    /** struct ifreq: 16 bytes of name, then a union (short flags, int mtu, ...), 40 bytes in all. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final NativeLibc native_;
    private final Links fallback;

    IoctlLinks(NativeLibc libc, Links fallback) {
        this.native_ = libc;
        this.fallback = fallback;
    }

    @Override
    public Link link(String name) throws IOException {
        NativeLibc.CLibrary c = native_.get();
        if (c == null) {
            return fallback.link(name);
        }
        int fd = c.socket(AF_INET, SOCK_DGRAM, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_INET, SOCK_DGRAM) failed");
        }
        try {
            byte[] request = ifreq(name);
            if (c.ioctl(fd, new NativeLong(SIOCGIFFLAGS), request) != 0) {
                return null; // no such interface (gone since /proc listed it)
            }
            int flags = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getShort(IFNAMSIZ) & 0xffff;
            request = ifreq(name);
            if (c.ioctl(fd, new NativeLong(SIOCGIFMTU), request) != 0) {
                return null;
            }
            int mtu = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getInt(IFNAMSIZ);
            return new Link(flags, mtu);
        } finally {
            c.close(fd);
        }
    }

    private static byte[] ifreq(String name) {
        byte[] request = new byte[IFREQ_SIZE];
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, request, 0, Math.min(bytes.length, IFNAMSIZ - 1));
        return request;
    }
}
