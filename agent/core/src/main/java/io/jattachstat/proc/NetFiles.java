package io.jattachstat.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of {@code /proc/<pid>/net}: the counters, routes, interfaces and groups of the network
 * namespace the process is in, whoever reads them. A JVM in a container thus shows its container's.
 */
public final class NetFiles {
    private final Path dir;

    /** {@code pid}: a process id, or "self" (the agent, inside the JVM). */
    public NetFiles(Path procRoot, String pid) {
        this.dir = procRoot.resolve(pid).resolve("net");
    }

    /** The file's text (ISO-8859-1, bytes unchanged), or null if this kernel has no such file. */
    public String read(String name) throws ProcAccessException {
        try {
            return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir)) {
                throw new ProcAccessException(ProcAccessException.Reason.NO_SUCH_PROCESS, dir + " is gone", e);
            }
            return null;
        } catch (AccessDeniedException e) {
            throw new ProcAccessException(ProcAccessException.Reason.PERMISSION_DENIED, "cannot read " + e.getFile(), e);
        } catch (IOException e) {
            throw new ProcAccessException(ProcAccessException.Reason.IO_ERROR, "cannot read " + dir.resolve(name)
                    + ": " + e.getMessage(), e);
        }
    }
}
