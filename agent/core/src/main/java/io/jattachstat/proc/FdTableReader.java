package io.jattachstat.proc;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code <proc>/<pid>/fd}: every link of the form {@code socket:[N]} is a socket the process holds. */
public final class FdTableReader {
    private FdTableReader() {
    }

    public static FdTable read(Path processDir) throws ProcAccessException {
        Path fdDir = processDir.resolve("fd");
        Map<Long, Integer> fdByInode = new HashMap<>();
        int open = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                int fdNumber = parseFd(fd.getFileName().toString());
                if (fdNumber < 0) {
                    continue;
                }
                open++;
                long inode = socketInode(readLink(fd));
                if (inode > 0) {
                    // A socket on two fds (dup; System.inheritedChannel() dups stdin): the higher, the
                    // one made last, which is the one a Java object holds.
                    fdByInode.merge(inode, fdNumber, Math::max);
                }
            }
        } catch (IOException e) {
            throw failure(processDir, fdDir, e);
        }
        return new FdTable(fdByInode, open);
    }

    /**
     * Whether the process holds the socket {@code inode} on one of its fds: the fds are looked at in
     * the order the kernel lists them (ascending), up to the first that holds it, so a socket opened
     * early (an agent's control socket) is found after a few links, however many fds the process has.
     */
    public static boolean holds(Path processDir, long inode) throws ProcAccessException {
        Path fdDir = processDir.resolve("fd");
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                if (parseFd(fd.getFileName().toString()) >= 0 && socketInode(readLink(fd)) == inode) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw failure(processDir, fdDir, e);
        }
    }

    /** Why the fd directory could not be read, in the words the views use for it. */
    private static ProcAccessException failure(Path processDir, Path fdDir, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ProcAccessException(ProcAccessException.Reason.NO_SUCH_PROCESS, "no such process: " + processDir, e);
        }
        if (e instanceof AccessDeniedException) {
            return new ProcAccessException(ProcAccessException.Reason.PERMISSION_DENIED,
                    "permission denied reading " + fdDir, e);
        }
        return new ProcAccessException(ProcAccessException.Reason.IO_ERROR, "cannot read " + fdDir + ": " + e.getMessage(), e);
    }

    /** The socket inode behind {@code fd} of a process ({@code /proc/<pid>}), or 0 if it is none (or gone). */
    public static long socketInode(Path process, int fd) {
        String link;
        try {
            link = java.nio.file.Files.readSymbolicLink(process.resolve("fd").resolve(Integer.toString(fd))).toString();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return Math.max(0, socketInode(link));
    }

    /** The inode named by {@code socket:[N]} (or the legacy {@code [0000]:N}), or -1. */
    static long socketInode(String link) {
        if (link == null) {
            return -1;
        }
        String digits;
        if (link.startsWith("socket:[") && link.endsWith("]")) {
            digits = link.substring(8, link.length() - 1);
        } else if (link.startsWith("[0000]:")) {
            digits = link.substring(7);
        } else {
            return -1;
        }
        if (!Digits.isDigits(digits, 18)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // closed between the listing and the readlink: not ours any more
        }
    }

    private static int parseFd(String name) {
        if (!Digits.isDigits(name, 9)) {
            return -1;
        }
        return Integer.parseInt(name);
    }
}
