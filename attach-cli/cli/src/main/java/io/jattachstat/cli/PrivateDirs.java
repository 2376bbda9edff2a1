package io.jattachstat.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Directories the CLI makes in a target's /tmp, where other users may have been first: made with
 * {@code mkdir} (which neither reuses nor follows what is in the way), opened without following
 * links, and handed to the target's user by {@code fchown} on the open directory.
 */
final class PrivateDirs {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirs() {
    }

    /** Makes {@code parent/<prefix><random>}, mode 0700; returns its name. */
    static String create(Path parent, String prefix) throws IOException {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; ; attempt++) {
            String name = prefix + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            try {
                Files.createDirectory(parent.resolve(name), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                return name;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes {@code dir}, mode 0700, for {@code uid}, unless something is there already; returns false
     * then (whoever made it: the caller checks what it is).
     */
    static boolean createFor(Path dir, int uid) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        try (SecureDirectoryStream<Path> made = openNoFollow(dir.getParent(), dir.getFileName().toString())) {
            giveTo(made.getFileAttributeView(PosixFileAttributeView.class), uid, dir);
        }
        return true;
    }

    /** Hands an open directory to {@code uid} (it must read what we put there), and checks it took. */
    static void giveTo(PosixFileAttributeView dir, int uid, Path path) throws IOException {
        if (uid == ourUid()) {
            return;
        }
        UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(Integer.toString(uid));
        dir.setOwner(owner);
        if (Lstat.of(path).uid() != uid) {
            throw new IOException("could not give " + path + " to uid " + uid);
        }
    }

    /** {@code parent/name}, opened as a directory; fails if {@code name} is a symbolic link. */
    static SecureDirectoryStream<Path> openNoFollow(Path parent, String name) throws IOException {
        DirectoryStream<Path> p = Files.newDirectoryStream(parent);
        if (!(p instanceof SecureDirectoryStream)) {
            p.close();
            throw new IOException("this platform cannot open directories without following links");
        }
        try (SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) p) {
            return openNoFollow(secure, name);
        }
    }

    static SecureDirectoryStream<Path> openNoFollow(SecureDirectoryStream<Path> parent, String name) throws IOException {
        return parent.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
    }

    static UserPrincipal ourselves() throws IOException {
        return Files.getOwner(Path.of("/proc/self"));
    }

    static int ourUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
