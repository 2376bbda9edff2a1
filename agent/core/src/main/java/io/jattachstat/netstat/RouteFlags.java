package io.jattachstat.netstat;

/** Route flag bits as net-tools' letters: what {@code -r} prints and {@code --json} names, both. */
final class RouteFlags {
    static final int RTF_UP = 0x0001;
    static final int RTF_GATEWAY = 0x0002;
    static final int RTF_HOST = 0x0004;
    static final int RTF_REJECT = 0x0200;
    static final int RTF_CACHE = 0x01000000;
    /** IPv4 flag letters after U and G, in net-tools' order (REJECT, between them, replaces what came before). */
    private static final int[] V4_BITS = {RTF_HOST, 0x0008, 0x0010, 0x0020, 0x00010000, 0x00020000, 0x00040000,
        0x00200000, 0x00400000, RTF_CACHE, 0x02000000, 0x04000000, 0x80000000, 0x0040, 0x0080, 0x0100, 0x0400};
    private static final String V4_LETTERS = "HRDMdacoecfpluwin";
    private static final int[] V6_BITS = {RTF_UP, RTF_REJECT, RTF_GATEWAY, RTF_HOST, 0x00010000, 0x00040000,
        RTF_CACHE, 0x00020000, 0x00400000, 0x0020, 0x00200000, 0x02000000};
    private static final String V6_LETTERS = "U!GHDACaemnf";

    private RouteFlags() {
    }

    static String v4(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & RTF_UP) != 0) {
            b.append('U');
        }
        if ((flags & RTF_GATEWAY) != 0) {
            b.append('G');
        }
        if ((flags & RTF_REJECT) != 0) {
            b.setLength(0);
            b.append('!');
        }
        appendLetters(b, flags, V4_BITS, V4_LETTERS);
        return b.toString();
    }

    static String v6(int flags) {
        StringBuilder letters = new StringBuilder();
        appendLetters(letters, flags, V6_BITS, V6_LETTERS);
        return letters.toString();
    }

    private static void appendLetters(StringBuilder b, int flags, int[] bits, String letters) {
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                b.append(letters.charAt(i));
            }
        }
    }
}
