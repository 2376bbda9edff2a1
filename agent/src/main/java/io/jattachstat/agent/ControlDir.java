package io.jattachstat.agent;

import io.jattachstat.control.ControlProtocol;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The private directory the control socket lives in: made fresh by the agent with {@code mkdir}
 * (which never follows or reuses what is there), mode 0700, under a name nobody can guess. Another
 * user can neither take the name first nor put anything in it; the CLI finds it through the JVM's
 * own listening sockets, not by its name (docs/security.md).
 */
final class ControlDir {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int STICKY = 01000;
    private static final int WRITABLE_BY_OTHERS = 0022;

    private ControlDir() {
    }

    /**
     * Makes {@code tmp/.jattachstat-<pid>-<random>}; throws, saying why in a few words, if {@code tmp}
     * itself is not safe to make it in.
     */
    static Path create(Path tmp, long pid) throws IOException {
        checkTmp(tmp);
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; ; attempt++) {
            Path dir = tmp.resolve(ControlProtocol.socketDirName(pid, randomName(random)));
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                if (attempt < 10) {
                    continue;
                }
                throw e;
            }
            // The umask may have taken bits away, never added any; say exactly what we want anyway.
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return dir;
        }
    }

    /** A directory anyone may write to must be sticky, or another user could rename ours away. */
    private static void checkTmp(Path tmp) throws IOException {
        PosixFileAttributes a = Files.readAttributes(tmp, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new IOException(tmp + " is " + (a.isSymbolicLink() ? "a symbolic link" : "not a directory")
                    + "; not making the control socket there");
        }
        int owner = (Integer) Files.getAttribute(tmp, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != 0 && owner != selfUid()) {
            throw new IOException(tmp + " belongs to uid " + owner + "; not making the control socket there");
        }
        int mode = (Integer) Files.getAttribute(tmp, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & WRITABLE_BY_OTHERS) != 0 && (mode & STICKY) == 0) {
            throw new IOException(tmp + " is writable by others and not sticky; not making the control socket there");
        }
    }

    private static int selfUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static String randomName(SecureRandom random) {
        StringBuilder b = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * Removes the socket directories an earlier JVM with our pid left behind when it was killed: ours
     * by owner, and nobody answers on their socket. Only these: a JVM with the same pid in another pid
     * namespace that shares this /tmp may be alive, and then its socket answers.
     */
    static int removeStale(Path tmp, long pid, Path keep) {
        int removed = 0;
        String glob = ControlProtocol.SOCKET_DIR_PREFIX + pid + "-*";
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, glob)) {
            for (Path dir : dirs) {
                if (!dir.equals(keep) && isOursAndDead(dir) && removeSocketDir(dir)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover directory costs an inode, nothing else
        }
        return removed;
    }

    private static boolean isOursAndDead(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory() || (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != selfUid()
                || !a.permissions().equals(OWNER_ONLY)) {
            return false;
        }
        Path socket = dir.resolve(ControlProtocol.SOCKET_NAME);
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return false;
        } catch (ConnectException refused) {
            return true;
        }
    }

    /** Deletes {@code dir} and its socket, nothing else (a directory holding more is left alone). */
    static boolean removeSocketDir(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(ControlProtocol.SOCKET_NAME));
            Files.delete(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
