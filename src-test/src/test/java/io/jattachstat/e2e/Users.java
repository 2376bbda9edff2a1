package io.jattachstat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real local users for the tests that play a hostile neighbour: made with {@code useradd} when
 * missing (so the tests need root), and commands run as them with {@code setpriv}, which execs
 * rather than forks, so the pid a test starts is the pid of the user's program.
 */
final class Users {
    /** The user whose JVM is inspected. */
    static final String VICTIM = "jsvictim";
    /** Another user on the same host, trying to steer the CLI. */
    static final String ATTACKER = "jsattacker";

    private static final Map<Path, Path> COPIES = new ConcurrentHashMap<>();

    private Users() {
    }

    /** Makes sure {@code name} exists; returns its uid. */
    static int ensure(String name) {
        Tools.require(Tools.isRoot() && Tools.onPath("useradd") && Tools.onPath("setpriv"), "root, useradd and setpriv");
        Tools.Result id = Tools.run(List.of("id", "-u", name), Map.of());
        if (id.status() != 0) {
            Tools.Result add = Tools.run(List.of("useradd", "--system", "--no-create-home", "--user-group",
                    "--shell", "/usr/sbin/nologin", name), Map.of());
            if (add.status() != 0 && !add.err().contains("already exists")) {
                throw new AssertionError("useradd " + name + ": " + add.err());
            }
            id = Tools.run(List.of("id", "-u", name), Map.of());
        }
        return Integer.parseInt(id.out().trim());
    }

    /** The words that run the rest of a command line as {@code name}. */
    static List<String> as(String name) {
        int uid = ensure(name);
        String gid = Tools.run(List.of("id", "-g", name), Map.of()).out().trim();
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--");
    }

    static List<String> as(String name, List<String> command) {
        List<String> all = new ArrayList<>(as(name));
        all.addAll(command);
        return all;
    }

    /** A copy of {@code file} every user can read (the checkout may sit under a private directory). */
    static Path readableCopy(Path file) {
        return COPIES.computeIfAbsent(file, f -> {
            try {
                Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "jattachstat-shared",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                Path copy = dir.resolve(f.getFileName());
                Files.copy(f, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                copy.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                return copy;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Hands {@code path} to {@code name}. */
    static void giveTo(Path path, String name) throws IOException {
        Tools.Result r = Tools.run(List.of("chown", name + ":", path.toString()), Map.of());
        if (r.status() != 0) {
            throw new IOException("chown " + name + " " + path + ": " + r.err());
        }
    }
}
