package io.jattachstat.cli;

import io.jattachstat.Errors;
import io.jattachstat.control.ControlProtocol;
import io.jattachstat.model.UnixSocket;
import io.jattachstat.proc.FdTableReader;
import io.jattachstat.proc.ProcAccessException;
import io.jattachstat.proc.SocketTableReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the control socket of the agent in a target JVM, and decides whether to trust it.
 *
 * <p>Not by its name: any user can make a file in /tmp under any name. The socket must be one the
 * target itself listens on (its inode among the target's own fds, joined with its network
 * namespace's {@code /proc/net/unix}), so a socket another user made, or one a dead JVM with the same
 * pid left behind, is never taken for it. Then its path, as the target bound it, is walked under
 * {@code /proc/<pid>/root} one component at a time without following links: {@code /tmp} a real
 * directory of root or the target's user (sticky if others may write), the socket's directory the
 * target user's and theirs alone, the socket a socket of theirs. A symbolic link anywhere would be
 * resolved against our root, not the container's, and could point us at any socket of the host.
 */
final class AgentSocket {
    /** What was found: a trusted socket ({@code path}), none, or one that is not safe ({@code unsafe}). */
    record Lookup(Path path, String unsafe) {
        static final Lookup NONE = new Lookup(null, null);

        boolean found() {
            return path != null;
        }
    }

    private AgentSocket() {
    }

    static Lookup find(TargetProcess target) {
        String bound = listeningPath(target);
        if (bound == null) {
            return Lookup.NONE;
        }
        Path path = target.root().resolve(bound.substring(1));
        String unsafe = unsafe(target.root(), bound, target.uid());
        return unsafe == null ? new Lookup(path, null)
                : new Lookup(null, "the agent's socket " + path + " " + unsafe);
    }

    /**
     * The path of the agent's socket among the target's listening sockets, as bound; null if none.
     * The namespace's unix table names the candidates; the target must hold one (its fds are read
     * only up to the one that holds it: the agent binds its socket early, a big service has
     * thousands of fds, and an incident's every request passes here).
     */
    private static String listeningPath(TargetProcess target) {
        String pid = Integer.toString(target.pid);
        try {
            for (UnixSocket u : new SocketTableReader(target.procRoot()).readAllUnix(pid)) {
                if (u.isListening() && ControlProtocol.isSocketPath(u.path())
                        && FdTableReader.holds(target.procRoot().resolve(pid), u.inode())) {
                    return u.path();
                }
            }
        } catch (ProcAccessException e) {
            // gone, or not ours to read: then there is no agent to talk to either
        }
        return null;
    }

    /** Why the socket at {@code bound} under {@code root} is not to be trusted; null if it is. */
    static String unsafe(Path root, String bound, int uid) {
        if (uid < 0) {
            return "belongs to a process whose user is unknown";
        }
        Path socket = root.resolve(bound.substring(1));
        Path dir = socket.getParent();
        Path tmp = dir.getParent();
        try {
            String why = Lstat.of(tmp).unsafeDirectoryFor(uid);
            if (why != null) {
                return "is refused: " + tmp + " " + why;
            }
            Lstat d = Lstat.of(dir);
            if (d.isSymlink() || !d.isDirectory() || d.uid() != uid || !d.ownerOnly()) {
                return "is refused: its directory is " + (d.isSymlink() ? "a symbolic link"
                        : !d.isDirectory() ? "not a directory" : d.uid() != uid ? "owned by uid " + d.uid()
                        : "open to other users") + ", not the target user's own";
            }
            Lstat s = Lstat.of(socket);
            if (!s.isSocket() || s.uid() != uid) {
                return "is refused: it is " + (s.isSymlink() ? "a symbolic link" : !s.isSocket() ? "not a socket"
                        : "owned by uid " + s.uid());
            }
            return null;
        } catch (IOException e) {
            return "cannot be checked (" + Errors.describe(e) + ")";
        }
    }
}
