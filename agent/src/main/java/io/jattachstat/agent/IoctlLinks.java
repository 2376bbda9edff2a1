package io.jattachstat.agent;

import io.jattachstat.netstat.Links;
import io.jattachstat.snapshot.NativeLibc;
import com.sun.jna.NativeLong;

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
    private static final long SIOCGIFADDR = 0x8915;
    private static final long SIOCGIFDSTADDR = 0x8917;
    private static final long SIOCGIFBRDADDR = 0x8919;
    private static final long SIOCGIFNETMASK = 0x891b;
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final long SIOCGIFTXQLEN = 0x8942;
    private static final int IFF_BROADCAST = 0x2;
    private static final int IFF_POINTOPOINT = 0x10;
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

    @Override
    public Details details(String name) throws IOException {
        NativeLibc.CLibrary c = native_.get();
        if (c == null) {
            return fallback.details(name);
        }
        Link link = link(name);
        if (link == null) {
            return null;
        }
        int fd = c.socket(AF_INET, SOCK_DGRAM, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_INET, SOCK_DGRAM) failed");
        }
        try {
            byte[] hw = ask(c, fd, name, SIOCGIFHWADDR);
            int hwType = hw == null ? 0 : ByteBuffer.wrap(hw).order(ByteOrder.nativeOrder()).getShort(IFNAMSIZ) & 0xffff;
            byte[] hwAddress = hw == null ? new byte[0] : java.util.Arrays.copyOfRange(hw, IFNAMSIZ + 2, IFNAMSIZ + 16);
            byte[] txq = ask(c, fd, name, SIOCGIFTXQLEN);
            int txQueueLength = txq == null ? 0 : ByteBuffer.wrap(txq).order(ByteOrder.nativeOrder()).getInt(IFNAMSIZ);
            byte[] ipv4 = inet(ask(c, fd, name, SIOCGIFADDR));
            return new Details(hwType, hwAddress, txQueueLength, ipv4,
                    ipv4 == null ? null : inet(ask(c, fd, name, SIOCGIFNETMASK)),
                    ipv4 == null || (link.flags() & IFF_BROADCAST) == 0 ? null : inet(ask(c, fd, name, SIOCGIFBRDADDR)),
                    ipv4 == null || (link.flags() & IFF_POINTOPOINT) == 0 ? null : inet(ask(c, fd, name, SIOCGIFDSTADDR)));
        } finally {
            c.close(fd);
        }
    }

    /** The ifreq the kernel filled in, or null if it refused (no IPv4 address, for one). */
    private static byte[] ask(NativeLibc.CLibrary c, int fd, String name, long request) {
        byte[] r = ifreq(name);
        return c.ioctl(fd, new NativeLong(request), r) == 0 ? r : null;
    }

    /** The address of a struct sockaddr_in in an ifreq: family, port, then the 4 address bytes. */
    private static byte[] inet(byte[] ifreq) {
        return ifreq == null ? null : java.util.Arrays.copyOfRange(ifreq, IFNAMSIZ + 4, IFNAMSIZ + 8);
    }

    private static byte[] ifreq(String name) {
        byte[] request = new byte[IFREQ_SIZE];
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, request, 0, Math.min(bytes.length, IFNAMSIZ - 1));
        return request;
    }
}
