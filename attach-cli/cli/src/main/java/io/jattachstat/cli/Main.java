package io.jattachstat.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Entry point of {@code jattachstat}. */
public final class Main {
    private Main() {
    }

    /** {@code java -jar jattachstat-agent.jar}: the agent jar's CliEntry hands over, naming the jar it runs from. */
    public static void fromAgentJar(String agentJar, String[] args) {
        AgentLoader.runningFromAgentJar(Path.of(agentJar));
        main(args);
    }

    public static void main(String[] args) {
        CdsTraining.loadClassesIfDumping();
        // ISO-8859-1 passes every byte of /proc through unchanged, as netstat does with paths and argv[0];
        // only a terminal gets control characters escaped.
        PrintStream out = new PrintStream(TerminalOutput.forFd(1,
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)), false, StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(TerminalOutput.forFd(2, new FileOutputStream(FileDescriptor.err)), true,
                StandardCharsets.ISO_8859_1);
        int status;
        try {
            status = new Cli(out, err, Path.of("/proc"), TerminalOutput.isTerminal(1)).run(List.of(args));
        } finally {
            out.flush();
        }
        System.exit(status);
    }
}
