package io.jattachstat.cli;

import io.jattachstat.netstat.Links;
import io.jattachstat.netstat.SysfsLinks;
import io.jattachstat.proc.NetFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where --no-attach gets what /proc does not say of a target's interfaces (netstat -i): the kernel
 * answers flags and MTU for the asker's network namespace, so this process can give them only for
 * a target in its own; for the others the agent, inside the target, gives them.
 */
final class TargetLinks {
    private TargetLinks() {
    }

    static Links of(Path procRoot, int pid, NetFiles net) {
        try {
            Path target = Files.readSymbolicLink(procRoot.resolve(pid + "/ns/net"));
            if (target.equals(Files.readSymbolicLink(procRoot.resolve("self/ns/net")))) {
                return new SysfsLinks(Path.of("/sys/class/net"), net);
            }
            return Links.unavailable(pid + " is in another network namespace, whose interface flags only a process"
                    + " inside it can read; without --no-attach the agent reads them");
        } catch (IOException e) {
            return Links.unavailable("cannot tell the network namespace of " + pid + ": " + e.getMessage());
        }
    }
}
