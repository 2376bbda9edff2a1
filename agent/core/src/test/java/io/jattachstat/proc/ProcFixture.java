package io.jattachstat.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code /proc} tree on disk for parser tests: the captured tables under {@code net/}, and one
 * process directory whose {@code fd/} links name the sockets it owns.
 */
public final class ProcFixture {
    public static final String[] TABLES = {"tcp", "tcp6", "udp", "raw", "unix"};

    private final Path root;

    private ProcFixture(Path root) {
        this.root = root;
    }

    /** A tree with the captured tables (empty udp6, udplite, udplite6, raw6). */
    public static ProcFixture captured(Path dir) {
        ProcFixture f = new ProcFixture(dir);
        for (String table : TABLES) {
            try (InputStream in = ProcFixture.class.getResourceAsStream(table)) {
                f.table(table, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String empty : new String[] {"udp6", "udplite", "udplite6", "raw6"}) {
            f.table(empty, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        }
        return f;
    }

    public Path root() {
        return root;
    }

    public ProcFixture table(String name, String content) {
        write(root.resolve("net").resolve(name), content);
        return this;
    }

    /** A process holding the given socket inodes as fds 3, 4, ..., with argv[0] as its cmdline. */
    public ProcFixture process(int pid, String argv0, long... inodes) {
        Path dir = root.resolve(Integer.toString(pid));
        try {
            Files.createDirectories(dir.resolve("fd"));
            Files.createSymbolicLink(dir.resolve("net"), Path.of("../net"));
            Files.createSymbolicLink(dir.resolve("fd/0"), Path.of("anon_inode:[eventfd]"));
            Files.createSymbolicLink(dir.resolve("fd/1"), Path.of("pipe:[1234]"));
            for (int i = 0; i < inodes.length; i++) {
                Files.createSymbolicLink(dir.resolve("fd/" + (3 + i)), Path.of("socket:[" + inodes[i] + "]"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(dir.resolve("cmdline"), argv0 + "\0--some-arg\0");
        return this;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
