package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent jar alone is the whole product: {@code java -jar jattachstat-agent.jar <pid> [options]}
 * prints what the launcher prints, byte for byte and with the same exit status, for every kind of
 * view and error; run against a JVM without an agent, it loads itself into it. (The JConsole plugin
 * from the same jar: {@code ConsoleTest}.) Its root still holds only the boot entry classes, so an
 * application that has it on -javaagent sees nothing else of it.
 */
class OneJarTest {
    /**
     * Views whose output holds still between two runs on the zoo: no ages, no timings, no traffic
     * counters (-s and -i count the zero-window probes of the zoo's stuck writer, and the JSON of its
     * row carries its probe timer, so the JSON view shown is the listeners').
     */
    private static final List<List<String>> VIEWS = List.of(List.of("-tan"), List.of("-tulnpW"), List.of("-xa"),
            List.of("--summary"), List.of("-tln", "--json"), List.of("-tan", "--state", "close-wait"), List.of("-r"), List.of("--no-attach", "-tan"), List.of("-tan", "--bogus"), List.of("-Z"));

    @Test
    void javaDashJarOnTheAgentJarIsTheCli() throws Exception {
        Path jdk = Tools.jdk17();
        try (Zoo zoo = Zoo.start(jdk, List.of("-javaagent:" + Zoo.agentJar()))) {
            for (List<String> view : VIEWS) {
                Tools.Result launcher = run(Tools.launcher().toString(), zoo.pid(), view);
                Tools.Result oneJar = run(null, zoo.pid(), view);
                assertThat(oneJar.out()).as(String.join(" ", view)).isEqualTo(launcher.out());
                assertThat(oneJar.err()).as(String.join(" ", view)).isEqualTo(launcher.err());
                assertThat(oneJar.status()).as(String.join(" ", view)).isEqualTo(launcher.status());
            }
            assertThat(run(null, zoo.pid(), List.of("--origins", "-tan")).out()).contains("Origin")
                    .contains("io.jattachstat.cli.demo.SocketZoo");
            assertThat(run(null, zoo.pid(), List.of("-V")).out()).startsWith("jattachstat 0.1.0");
            Tools.Result noSuch = run(null, 999_999_999, List.of("-tan"));
            assertThat(noSuch.err()).isEqualTo(run(Tools.launcher().toString(), 999_999_999, List.of("-tan")).err())
                    .startsWith("jattachstat: ").hasLineCount(1);
            assertThat(noSuch.status()).isEqualTo(1);
        }
    }

    @Test
    void theDemoRunsFromTheAgentJarToo() {
        Tools.Result demo = Tools.run(List.of(Tools.jdk17().resolve("bin/java").toString(), "-jar",
                Zoo.agentJar().toString(), "--demo", "-tln"), Map.of());
        assertThat(demo.status()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("# A demo JVM", "LISTEN");
    }

    @Test
    void intoAJvmWithNoAgentItLoadsItself() throws Exception {
        Path jdk = Tools.jdk25();
        try (Zoo zoo = Zoo.start(jdk, List.of())) {
            Tools.Result first = run(null, zoo.pid(), List.of("-tln"));
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).contains("LISTEN");
            String agent = run(null, zoo.pid(), List.of("--agent")).out();
            assertThat(agent).contains("loaded by:    dynamic attach");
        }
    }

    @Test
    void itsRootHoldsOnlyTheBootEntriesAndTheirServiceFile() throws Exception {
        try (JarFile jar = new JarFile(Zoo.agentJar().toFile())) {
            List<String> root = jar.stream().map(e -> e.getName()).filter(n -> !n.startsWith("jattachstat-inf/"))
                    .filter(n -> !n.endsWith("/")).toList();
            assertThat(root).allMatch(n -> n.startsWith("io/jattachstat/boot/") || n.equals("META-INF/MANIFEST.MF")
                    || n.equals("META-INF/services/com.sun.tools.jconsole.JConsolePlugin"));
            assertThat(root).contains("io/jattachstat/boot/CliEntry.class", "io/jattachstat/boot/ConsolePluginEntry.class");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.jattachstat.boot.CliEntry");
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo("0.1.0");
        }
        assertThat(Files.size(Zoo.agentJar())).isGreaterThan(0);
    }

    /** The launcher ({@code launcher} non-null) or {@code java -jar} on the agent jar, with the default JDK. */
    private static Tools.Result run(String launcher, long pid, List<String> args) {
        List<String> command = new ArrayList<>();
        if (launcher == null) {
            command.addAll(List.of(Tools.jdk17().resolve("bin/java").toString(), "-jar", Zoo.agentJar().toString()));
        } else {
            command.add(launcher);
        }
        if (!args.contains("-V")) {
            command.add(args.contains("--no-attach") ? "--no-attach" : Long.toString(pid));
        }
        if (args.contains("--no-attach")) {
            command.add(Long.toString(pid));
        }
        args.stream().filter(a -> !a.equals("--no-attach")).forEach(command::add);
        return Tools.run(command, Map.of("JAVA_HOME", Tools.jdk17().toString()));
    }
}
