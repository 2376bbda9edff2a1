package io.jattachstat.model;

/** Numeric address text exactly as glibc's inet_ntop writes it (RFC 5952 compression). */
public final class AddressText {
    private AddressText() {
    }

    /** True for ::ffff:a.b.c.d, the form a dual-stack Java socket bound to IPv4 has. */
    public static boolean isV4Mapped(byte[] a) {
        if (a.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    public static String numeric(byte[] a) {
        return a.length == 4 ? dottedQuad(a, 0) : ipv6(a);
    }

    /** The four bytes at {@code from} as a.b.c.d. */
    public static String dottedQuad(byte[] a, int from) {
        return (a[from] & 0xff) + "." + (a[from + 1] & 0xff) + "." + (a[from + 2] & 0xff) + "." + (a[from + 3] & 0xff);
    }

    /** A transcription of glibc's inet_ntop6, so that every corner (::1.2.3.4, ::ffff:…) matches. */
    private static String ipv6(byte[] a) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(46);
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(dottedQuad(a, 12));
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** 2n hex digits in network order (as ipv6_route and igmp6 write addresses) to n bytes. */
    public static byte[] fromHex(String hex) {
        byte[] a = new byte[hex.length() / 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return a;
    }

    /** "host:port", an IPv6 host in brackets ("[::1]:8080"). */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** An IPv4 address given as an int in host order (most significant byte first). */
    public static byte[] ofInt(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }
}
