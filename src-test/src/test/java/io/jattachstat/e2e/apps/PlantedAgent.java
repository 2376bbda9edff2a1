package io.jattachstat.e2e.apps;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;

/** What another user plants where the CLI might look for its agent jar: if it ever runs, it leaves a mark. */
public final class PlantedAgent {
    public static final Path MARK = Path.of("/var/tmp/jattachstat-planted-agent-ran");

    public static void agentmain(String args, Instrumentation instrumentation) throws Exception {
        Files.writeString(MARK, "planted agent ran in pid " + ProcessHandle.current().pid() + "\n");
    }

    public static void premain(String args, Instrumentation instrumentation) throws Exception {
        agentmain(args, instrumentation);
    }
}
