package io.jattachstat.proc;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** argv[0] as netstat -p takes it, from cmdline files as odd as processes make them ('|' stands for NUL). */
class ProgramNameReaderTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "/usr/bin/java|-jar|app.jar|;java",
        "java|Main|;java",
        "./bin/java|Main|;./bin/java", // a relative argv[0] is shown as it is
        "/opt/app/;''", // a directory-looking argv[0]: nothing after the last slash
        "rewritten by the process no NUL at all;rewritten by the process no NUL at all",
        "|after an empty argv0|;''",
        "'';''"})
    void takesArgv0AndDropsTheDirectoryOfAnAbsolutePath(String cmdline, String expected, @TempDir Path process)
            throws Exception {
        Files.write(process.resolve("cmdline"), cmdline.replace('|', '\0').getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ProgramNameReader.read(process)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"600"})
    void readsAtMostWhatNetstatReads(int length, @TempDir Path process) throws Exception {
        Files.write(process.resolve("cmdline"), "x".repeat(length).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ProgramNameReader.read(process)).hasSize(511);
    }

    @ParameterizedTest
    @CsvSource({"missing"})
    void anUnreadableCmdlineIsNoName(String name, @TempDir Path process) {
        assertThat(ProgramNameReader.read(process.resolve(name))).isNull();
    }
}
