package io.jattachstat.cli;

import io.jattachstat.Errors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lets one CLI at a time load the agent into the JVMs of one user: two CLIs loading at once would
 * load it twice (JDK 21+ prints JEP 451's warning into the application's log for each load), and
 * two attaches racing can make the JVM print a thread dump into the application's output instead.
 *
 * <p>The lock is a POSIX record lock on {@code /tmp/.jattachstat-load-<uid>/load.lock} in the
 * target's /tmp, a 0700 directory of the target's user: the users who may load the agent (that
 * user and root) all reach it, nobody else can make anything in it, and the kernel drops the lock
 * when its holder dies. Another user can take the directory's name first; then it is not used, the
 * load goes ahead unlocked, and {@link #note} says so.
 */
final class LoadLock implements AutoCloseable {
    private static final long WAIT_MILLIS = 15_000;

    private final FileChannel file;
    private final FileLock lock;
    private final String note;

    private LoadLock(FileChannel file, FileLock lock, String note) {
        this.file = file;
        this.lock = lock;
        this.note = note;
    }

    /**
     * Waits for the lock of {@code target}'s user; never fails: if the lock cannot be had safely, the
     * result holds none and says why in {@link #note}.
     */
    static LoadLock take(TargetProcess target) throws InterruptedException {
        int uid = target.uid();
        Path dir = target.root().resolve("tmp").resolve(".jattachstat-load-" + uid);
        try {
            String unsafe = Lstat.of(dir.getParent()).unsafeDirectoryFor(uid);
            if (unsafe != null) {
                return unlocked(dir.getParent() + " " + unsafe);
            }
            PrivateDirs.createFor(dir, uid);
            Lstat d = Lstat.of(dir);
            if (!d.isDirectory() || d.uid() != uid || !d.ownerOnly()) {
                return unlocked(dir + (d.isSymlink() ? " is a symbolic link" : !d.isDirectory() ? " is not a directory"
                        : d.uid() != uid ? " belongs to uid " + d.uid() : " is open to other users"));
            }
            // Read-write: opening a FIFO someone put there this way does not block.
            FileChannel file = FileChannel.open(dir.resolve("load.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
            while (true) {
                FileLock lock = file.tryLock();
                if (lock != null) {
                    return new LoadLock(file, lock, null);
                }
                if (System.nanoTime() > deadline) {
                    file.close();
                    return unlocked("another jattachstat has held " + dir + "/load.lock for "
                            + WAIT_MILLIS / 1000 + " s");
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            return unlocked(dir + ": " + Errors.describe(e));
        }
    }

    private static LoadLock unlocked(String why) {
        return new LoadLock(null, null, "loading the agent without the lock: " + why);
    }

    /** Why there is no lock; null when there is one. */
    String note() {
        return note;
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            // closing the file drops the lock anyway
        }
    }
}
