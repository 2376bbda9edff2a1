package io.jattachstat.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The agent jar, written for one load into a directory of its own in the target's /tmp: the JVM
 * opens the jar by path in its own mount namespace, which for a container is not ours.
 *
 * <p>Nothing found there is ever used. The directory is made fresh under a random name with mode
 * 0700 ({@code mkdir} fails rather than reuse or follow anything in the way), opened without
 * following links, checked to be ours, and the jar is created inside it through that open directory
 * with {@code O_CREAT|O_EXCL|O_NOFOLLOW}. Only then is the directory given to the target's user, who
 * must read the jar (and could change it, but then only in their own JVM). The agent's class loaders
 * keep the jar open, so it is removed as soon as the agent answers (docs/security.md).
 */
final class StagedJar implements AutoCloseable {
    static final String DIR_PREFIX = ".jattachstat-jar-";
    private static final String JAR = "jattachstat-agent.jar";

    private final Path tmp;
    private final String dirName;

    private StagedJar(Path tmp, String dirName) {
        this.tmp = tmp;
        this.dirName = dirName;
    }

    /** Writes {@code jar} for {@code target}. */
    static StagedJar write(TargetProcess target, byte[] jar) throws IOException {
        Path tmp = target.root().resolve("tmp");
        int uid = target.uid();
        String unsafe = Lstat.of(tmp).unsafeDirectoryFor(uid);
        if (unsafe != null) {
            throw new IOException(tmp + " " + unsafe);
        }
        try (SecureDirectoryStream<Path> tmpDir = PrivateDirs.openNoFollow(target.root(), "tmp")) {
            String name = PrivateDirs.create(tmp, DIR_PREFIX);
            StagedJar staged = new StagedJar(tmp, name);
            try (SecureDirectoryStream<Path> dir = PrivateDirs.openNoFollow(tmpDir, name)) {
                PosixFileAttributeView self = dir.getFileAttributeView(PosixFileAttributeView.class);
                PosixFileAttributes a = self.readAttributes();
                if (!a.permissions().equals(PrivateDirs.OWNER_ONLY) || !a.owner().equals(PrivateDirs.ourselves())) {
                    throw new IOException(tmp.resolve(name) + " is not the private directory just made");
                }
                try (SeekableByteChannel out = dir.newByteChannel(Path.of(JAR),
                        Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))) {
                    ByteBuffer bytes = ByteBuffer.wrap(jar);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                }
                PrivateDirs.giveTo(self, uid, tmp.resolve(name));
            } catch (IOException | RuntimeException e) {
                staged.close();
                throw e;
            }
            return staged;
        }
    }

    /** The jar's path as the target sees it. */
    String pathInTarget() {
        return "/tmp/" + dirName + "/" + JAR;
    }

    /** Removes the jar and its directory, through the directory opened without following links. */
    @Override
    public void close() {
        try (SecureDirectoryStream<Path> tmpDir = PrivateDirs.openNoFollow(tmp.getParent(), "tmp")) {
            try (SecureDirectoryStream<Path> dir = PrivateDirs.openNoFollow(tmpDir, dirName)) {
                dir.deleteFile(Path.of(JAR));
            } catch (IOException e) {
                // not written, or already gone
            }
            tmpDir.deleteDirectory(Path.of(dirName));
        } catch (IOException e) {
            // left behind: a directory of the target user's, harmless
        }
    }
}
