package io.jattachstat.cli;

import io.jattachstat.proc.Digits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the CLI needs to know of a target process before talking to it, all from /proc. */
final class TargetProcess {
    private final Path procRoot;
    final int pid;

    TargetProcess(Path procRoot, int pid) {
        this.procRoot = procRoot;
        this.pid = pid;
    }

    Path procRoot() {
        return procRoot;
    }

    Path dir() {
        return procRoot.resolve(Integer.toString(pid));
    }

    /** The target's view of the file system (its mount namespace), e.g. its /tmp. */
    Path root() {
        return dir().resolve("root");
    }

    /** Its pid inside its own pid namespace (a container's JVM is often pid 1 there). */
    long namespacePid() {
        try {
            for (String line : Files.readAllLines(dir().resolve("status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(ids[ids.length - 1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // kernels before 4.1 have no NSpid: no pid namespaces to care about
        }
        return pid;
    }

    /**
     * The effective uid the process runs as (from its status, not its directory's owner, which is
     * root for a process that made itself undumpable); -1 if unknown.
     */
    int uid() {
        for (String line : read("status").split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return ids.length > 1 && Digits.isDigits(ids[1], 10) ? (int) Long.parseLong(ids[1]) : -1;
            }
        }
        return -1;
    }

    /**
     * When the process started, in clock ticks since boot (field 22 of its stat); -1 if it is gone.
     * A pid and its start time name one process: a pid alone may have been reused.
     */
    long startTime() {
        String stat = read("stat");
        int afterName = stat.lastIndexOf(')'); // the name may hold spaces and parentheses
        if (afterName < 0) {
            return -1;
        }
        String[] fields = stat.substring(afterName + 2).split(" ");
        // fields[0] is field 3 (state), so field 22 is fields[19]
        return fields.length > 19 && Digits.isDigits(fields[19], 20) ? Long.parseLong(fields[19]) : -1;
    }

    /** True if the pid still names the process that had {@code startTime}. */
    boolean isStill(long startTime) {
        return startTime >= 0 && startTime() == startTime;
    }

    /** True if libjvm is mapped: a HotSpot JVM, whatever its launcher is called. */
    boolean isJvm() {
        try {
            return new String(Files.readAllBytes(dir().resolve("maps")), StandardCharsets.ISO_8859_1)
                    .contains("/libjvm.so");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True if the JVM was started with jattachstat's agent (-javaagent on its command line, or in
     * JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS): its agent may still be starting, and must not be loaded
     * a second time (JDK 21+ would print a dynamic-load warning into the service's log).
     */
    boolean startedWithAgent() {
        return mentionsAgent(read("cmdline"), false) || mentionsAgent(read("environ"), true);
    }

    private static boolean mentionsAgent(String nulSeparated, boolean environment) {
        for (String item : nulSeparated.split("\0")) {
            String value = item;
            if (environment) {
                if (!item.startsWith("JAVA_TOOL_OPTIONS=") && !item.startsWith("JDK_JAVA_OPTIONS=")) {
                    continue;
                }
                value = item.substring(item.indexOf('=') + 1);
            }
            int at = value.indexOf("-javaagent:");
            if (at >= 0 && value.indexOf("jattachstat", at) >= 0) {
                return true;
            }
        }
        return false;
    }

    private String read(String file) {
        try {
            return new String(Files.readAllBytes(dir().resolve(file)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    boolean exists() {
        return Files.isDirectory(dir());
    }

    /** "name, uid N" of the process's owner, or null if unknown. */
    String owner() {
        try {
            Object uid = Files.getAttribute(dir(), "unix:uid");
            return Files.getOwner(dir()).getName() + ", uid " + uid;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** True if the process belongs to another user and we are not root: neither /proc nor attach will do. */
    boolean belongsToSomeoneElse() {
        try {
            int theirs = (Integer) Files.getAttribute(dir(), "unix:uid");
            int ours = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ours != 0 && ours != theirs;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return false;
        }
    }
}
