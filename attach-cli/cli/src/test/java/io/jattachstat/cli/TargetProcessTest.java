package io.jattachstat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TargetProcessTest {
    @TempDir
    Path proc;

    private TargetProcess process(String cmdline, String environ, String status) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("42"));
        Files.writeString(dir.resolve("cmdline"), cmdline, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("environ"), environ, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("status"), status, StandardCharsets.ISO_8859_1);
        return new TargetProcess(proc, 42);
    }

    @Test
    void seesTheAgentOnTheCommandLine() throws Exception {
        assertThat(process("java\0-javaagent:/opt/jattachstat-agent.jar=refresh=500\0-jar\0app.jar\0", "", "")
                .startedWithAgent()).isTrue();
        assertThat(process("java\0-javaagent:/opt/other-agent.jar\0-jar\0jattachstat-app.jar\0", "", "")
                .startedWithAgent()).as("another agent; jattachstat only in a later argument").isFalse();
    }

    @Test
    void seesTheAgentInJavaToolOptions() throws Exception {
        assertThat(process("java\0Main\0", "PATH=/bin\0JAVA_TOOL_OPTIONS=-Xmx1g -javaagent:/a/jattachstat-agent.jar\0", "")
                .startedWithAgent()).isTrue();
        assertThat(process("java\0Main\0", "NOTES=-javaagent:/a/jattachstat-agent.jar\0", "")
                .startedWithAgent()).as("only the JVM's own option variables count").isFalse();
    }

    @Test
    void readsItsPidInItsOwnNamespace() throws Exception {
        assertThat(process("", "", "Name:\tjava\nNSpid:\t4242\t1\n").namespacePid()).isEqualTo(1);
        assertThat(process("", "", "Name:\tjava\n").namespacePid()).as("no NSpid line: no namespaces").isEqualTo(42);
    }

    @Test
    void readsTheEffectiveUidAndTheStartTimeEvenBehindAStrangeName() throws Exception {
        TargetProcess p = process("java\0", "", "Name:\tjava\nUid:\t1000\t1001\t1001\t1001\nGid:\t1000\n");
        // comm may hold ") " itself: fields count from the last ')'
        Files.writeString(proc.resolve("42/stat"), "42 (a) b (c) S 1 42 42 0 -1 4194560 100 0 0 0 5 1 0 0 20 0 "
                + "19 0 123456 5000000 1000 18446744073709551615\n", StandardCharsets.ISO_8859_1);
        assertThat(p.uid()).isEqualTo(1001);
        assertThat(p.startTime()).isEqualTo(123456);
        assertThat(p.isStill(123456)).isTrue();
        assertThat(p.isStill(123457)).as("the pid now names another process").isFalse();
    }
}
