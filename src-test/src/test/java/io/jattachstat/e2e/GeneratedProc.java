package io.jattachstat.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic {@code /proc} tree: every table netstat reads, filled with generated rows that a
 * live system rarely shows at once (every TCP state and timer code, huge queues, long IPv6
 * addresses, unknown uids, every unix type, state and flag), plus two processes owning most of the
 * sockets. Seeded, so a failure reproduces.
 */
final class GeneratedProc {
    static final int OWNER = 4242;
    static final int OTHER = 4243;
    static final String OWNER_ARGV0 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";

    private static final String INET_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private static final int[] PORTS = {0, 22, 80, 443, 5432, 7000, 7001, 8080, 8990, 5999, 33844, 65535, 1};
    private static final int[] UIDS = {0, 0, 0, 1000, 65534, 4242};
    private static final String[] V4 = {"127.0.0.1", "127.0.0.2", "0.0.0.0", "10.1.2.3", "192.0.2.200", "127.255.255.255"};
    private static final String[] V6 = {"::", "::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "2001:db8::7",
        "2001:db8:85a3:1234:5678:8a2e:370:7334", "fe80::1:0:0:1", "::ffff:0.0.0.0"};
    private static final String[] UNIX_PATHS = {"", "", "/run/app/app.sock", "@jvm-abstract@embedded",
        "/tmp/dir with space/s.sock", "/var/lib/a/very/long/path/that/keeps/going/and/going/service.sock", "@x"};

    private final Random random = new Random(20261128L);
    private long nextInode = 50_000;
    private final List<Long> ownerInodes = new ArrayList<>();
    private final List<Long> otherInodes = new ArrayList<>();

    void write(Path proc) throws IOException {
        Path net = Files.createDirectories(proc.resolve("net"));
        Files.writeString(net.resolve("tcp"), inetTable(false, 60, "tcp"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("tcp6"), inetTable(true, 60, "tcp"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("udp"), inetTable(false, 25, "udp"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("udp6"), inetTable(true, 25, "udp"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("udplite"), inetTable(false, 6, "udp"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("udplite6"), inetTable(true, 6, "udp"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("raw"), inetTable(false, 8, "raw"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("raw6"), inetTable(true, 8, "raw"), StandardCharsets.ISO_8859_1);
        Files.writeString(net.resolve("unix"), unixTable(50), StandardCharsets.ISO_8859_1);
        process(proc, OWNER, OWNER_ARGV0, ownerInodes);
        process(proc, OTHER, "other-process", otherInodes);
    }

    private String inetTable(boolean v6, int rows, String kind) {
        StringBuilder b = new StringBuilder(INET_HEADER);
        for (int i = 0; i < rows; i++) {
            boolean tcp = kind.equals("tcp");
            int state = tcp ? 1 + random.nextInt(11) : new int[] {1, 7, 7, 2}[random.nextInt(4)];
            String local = address(v6) + ":" + hex4(kind.equals("raw") ? rawProtocol() : port());
            boolean server = tcp ? state == 10 : random.nextInt(3) == 0;
            String remote = (server ? zero(v6) : address(v6)) + ":"
                    + hex4(server || kind.equals("raw") ? 0 : port());
            long tx = queue();
            long rx = queue();
            int timer = tcp ? random.nextInt(6) : new int[] {0, 0, 1, 2, 3}[random.nextInt(5)];
            long when = timer == 0 ? 0 : pick(0L, 5L, 94L, 5861L, 719_882L, 0xFFFFFFFFL, (long) random.nextInt(100_000));
            long inode = inode(state);
            b.append(String.format(Locale.ROOT, "%4d: %s %s %02X %08X:%08X %02X:%08X %08X %5d %8d %d 2 0000000000000000 20 4 30 10 -1%n",
                    i, local, remote, state, tx, rx, timer, when, random.nextInt(4), UIDS[random.nextInt(UIDS.length)],
                    random.nextInt(3), inode));
        }
        b.append("  99: this line is not a socket\n");
        return b.toString();
    }

    private String unixTable(int rows) {
        StringBuilder b = new StringBuilder("Num       RefCount Protocol Flags    Type St Inode Path\n");
        for (int i = 0; i < rows; i++) {
            long flags = pick(0L, 0L, 0x10000L, 0x10000L, 0x20000L, 0x40000L, 0x70000L);
            int type = pick(1, 1, 2, 3, 4, 5, 6);
            int state = pick(1, 1, 3, 3, 2, 4, 0, 5);
            long inode = state == 2 ? 0 : inode(1);
            String path = UNIX_PATHS[random.nextInt(UNIX_PATHS.length)];
            b.append(String.format(Locale.ROOT, "%016x: %08X %08X %08X %04X %02X %5d%s%n", random.nextLong(),
                    1 + random.nextInt(3), random.nextInt(20) == 0 ? 1 : 0, flags, type, state, inode,
                    path.isEmpty() ? "" : " " + path));
        }
        return b.toString();
    }

    private long inode(int state) {
        // TIME_WAIT and SYN_RECV rows belong to nobody; so do a few others.
        if (state == 6 || state == 3 || random.nextInt(10) == 0) {
            return 0;
        }
        long inode = nextInode++;
        if (random.nextInt(8) == 0) {
            otherInodes.add(inode);
        } else if (random.nextInt(12) != 0) {
            ownerInodes.add(inode);
        }
        return inode;
    }

    private static void process(Path proc, int pid, String argv0, List<Long> inodes) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(pid + "/fd"));
        Files.createSymbolicLink(dir.getParent().resolve("net"), Path.of("../net"));
        Files.writeString(dir.getParent().resolve("cmdline"), argv0 + "\0-jar\0app.jar\0", StandardCharsets.ISO_8859_1);
        Files.createSymbolicLink(dir.resolve("0"), Path.of("pipe:[1]"));
        int fd = 3;
        for (long inode : inodes) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(fd++)), Path.of("socket:[" + inode + "]"));
        }
    }

    private String address(boolean v6) {
        String text = v6 ? V6[random.nextInt(V6.length)] : V4[random.nextInt(V4.length)];
        byte[] bytes = parse(text, v6);
        StringBuilder hex = new StringBuilder();
        for (int word = 0; word < bytes.length / 4; word++) {
            // The kernel prints each 32-bit word as a host-order (little-endian here) integer.
            for (int i = 3; i >= 0; i--) {
                hex.append(String.format(Locale.ROOT, "%02X", bytes[word * 4 + i] & 0xff));
            }
        }
        return hex.toString();
    }

    private static byte[] parse(String text, boolean v6) {
        try {
            byte[] b = java.net.InetAddress.getByName(text).getAddress();
            if (v6 && b.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String zero(boolean v6) {
        return "0".repeat(v6 ? 32 : 8);
    }

    private int port() {
        return random.nextInt(3) == 0 ? 1024 + random.nextInt(60000) : PORTS[random.nextInt(PORTS.length)];
    }

    private int rawProtocol() {
        return new int[] {1, 6, 17, 58, 255}[random.nextInt(5)];
    }

    private long queue() {
        return pick(0L, 0L, 0L, 1L, 101L, 2496L, 114_176L, 12_345_678L, 0xFFFFFFFFL);
    }

    private static String hex4(int v) {
        return String.format(Locale.ROOT, "%04X", v);
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
