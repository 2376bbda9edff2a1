package io.jattachstat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code lstat} says of a path: its type, owner and mode, never those of what a symbolic link
 * points to. The CLI walks paths another user could have touched one component at a time with it.
 */
record Lstat(int mode, int uid) {
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int SOCKET = 0140000;
    private static final int SYMLINK = 0120000;
    private static final int STICKY = 01000;

    static Lstat of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        return new Lstat((Integer) a.get("mode"), (Integer) a.get("uid"));
    }

    boolean isDirectory() {
        return (mode & TYPE) == DIRECTORY;
    }

    boolean isSocket() {
        return (mode & TYPE) == SOCKET;
    }

    boolean isSymlink() {
        return (mode & TYPE) == SYMLINK;
    }

    /** Nobody but the owner may read, write or enter it. */
    boolean ownerOnly() {
        return (mode & 077) == 0;
    }

    /**
     * Whether a directory is safe to keep things in for {@code uid}: a real directory of that user or
     * root, and if others may write to it, sticky, so they cannot rename or delete what is not theirs.
     * Null if it is, else why not.
     */
    String unsafeDirectoryFor(int uid) {
        if (isSymlink()) {
            return "is a symbolic link";
        }
        if (!isDirectory()) {
            return "is not a directory";
        }
        if (this.uid != 0 && this.uid != uid) {
            return "belongs to uid " + this.uid;
        }
        if ((mode & 022) != 0 && (mode & STICKY) == 0) {
            return "is writable by others and not sticky";
        }
        return null;
    }
}
