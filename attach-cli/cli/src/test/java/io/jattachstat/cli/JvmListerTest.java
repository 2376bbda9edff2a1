package io.jattachstat.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmListerTest {
    /** What jps -l shows for the same command lines. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "java|",
        "java -cp a.jar:b.jar com.example.Main --port 8080|com.example.Main",
        "/usr/bin/java -Xmx1g -Dx=y -jar /opt/app/billing.jar serve|/opt/app/billing.jar",
        "java --add-opens java.base/java.lang=ALL-UNNAMED -classpath x org.Foo|org.Foo",
        "java -m com.example/com.example.Main|com.example/com.example.Main",
        "java -version|"})
    void findsTheMainClassOrJar(String commandLine, String expectedMain) {
        List<String> argv = List.of(commandLine.split(" "));
        assertThat(JvmLister.mainOf(argv)).isEqualTo(expectedMain == null ? "" : expectedMain);
    }
}
