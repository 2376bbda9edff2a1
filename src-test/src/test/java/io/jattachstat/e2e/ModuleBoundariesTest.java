package io.jattachstat.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's shape, as jdeps sees it: every jar the build makes holds only classes that load where
 * that jar is used, and no two of the project's packages import each other (docs/architecture.md).
 */
class ModuleBoundariesTest {
    private static final Path ROOT = Tools.launcher().getParent().getParent().getParent();
    private static final Path JDEPS = Path.of(System.getProperty("java.home"), "bin", "jdeps");

    @Test
    void everyJarTheBuildMakesHoldsOnlyClassesThatLoadThere() throws IOException {
        List<Path> jars = jarsTheBuildMakes();
        assertThat(jars.stream().map(j -> ROOT.relativize(j).toString())).contains(
                "agent/core/target/jattachstat-core.jar", "agent/target/jattachstat-agent.jar",
                "agent/target/jattachstat-micrometer.jar", "attach-cli/target/jattachstat.jar",
                "jmx-console/target/jattachstat-console.jar");
        Map<String, String> missing = new TreeMap<>();
        for (Path jar : jars) {
            List<String> command = new ArrayList<>(List.of(JDEPS.toString(), "--multi-release", "17", "--missing-deps"));
            String classPath = classPathItIsMadeFor(jar);
            if (!classPath.isEmpty()) {
                command.addAll(List.of("--class-path", classPath));
            }
            command.add(jar.toString());
            Tools.Result r = Tools.run(command, Map.of());
            assertThat(r.status()).as(r.err()).isZero();
            if (!r.out().isBlank()) {
                missing.put(ROOT.relativize(jar).toString(), r.out());
            }
        }
        assertThat(missing).as("classes that name classes their jar cannot reach").isEmpty();
    }

    @Test
    void noPackageImportsAPackageThatImportsIt() {
        List<String> command = new ArrayList<>(List.of(JDEPS.toString(), "-verbose:package", "-filter:none",
                "--multi-release", "17", "-e", "io\\.jattachstat.*"));
        for (String module : List.of("agent/core", "agent", "attach-cli/cli", "jmx-console")) {
            command.add(ROOT.resolve(module).resolve("target/classes").toString());
        }
        Tools.Result r = Tools.run(command, Map.of());
        assertThat(r.status()).as(r.err()).isZero();
        Map<String, Set<String>> imports = new HashMap<>();
        Matcher m = Pattern.compile("^\\s+(io\\.jattachstat[\\w.]*)\\s+->\\s+(io\\.jattachstat[\\w.]*)\\s", Pattern.MULTILINE)
                .matcher(r.out());
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                imports.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertThat(imports).as("jdeps found the project's packages").containsKeys("io.jattachstat.agent",
                "io.jattachstat.netstat", "io.jattachstat.cli");
        assertThat(cycles(imports)).as("packages that import each other").isEmpty();
    }

    /** Every package on a cycle, found by depth-first search from each package. */
    private static Set<String> cycles(Map<String, Set<String>> imports) {
        Set<String> onCycle = new TreeSet<>();
        for (String start : imports.keySet()) {
            Set<String> seen = new HashSet<>();
            List<String> todo = new ArrayList<>(imports.getOrDefault(start, Set.of()));
            while (!todo.isEmpty()) {
                String p = todo.remove(todo.size() - 1);
                if (p.equals(start)) {
                    onCycle.add(start);
                    break;
                }
                if (seen.add(p)) {
                    todo.addAll(imports.getOrDefault(p, Set.of()));
                }
            }
        }
        return onCycle;
    }

    private static List<Path> jarsTheBuildMakes() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String module : List.of("agent/core", "agent", "attach-cli/cli", "attach-cli", "jmx-console", "visualvm")) {
            if (module.equals("visualvm") && !Files.isDirectory(ROOT.resolve("visualvm/target"))) {
                continue; // built only where Debian's visualvm is installed
            }
            try (Stream<Path> s = Files.list(ROOT.resolve(module).resolve("target"))) {
                s.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        jars.sort(null);
        return jars;
    }

    /**
     * The class path a jar is made to run on: nothing for the CLI, the agent, the console and the core
     * (they carry what they use); Micrometer for the binder, which an application puts beside its own;
     * the core and JNA for the CLI's classes, which the CLI's jar and the agent's carry beside them;
     * JUnit and AssertJ for test fixtures; VisualVM's and the NetBeans platform's module jars for the
     * VisualVM module.
     */
    private static String classPathItIsMadeFor(Path jar) throws IOException {
        String name = jar.getFileName().toString();
        if (name.equals("io-jattachstat-visualvm.jar")) {
            try (Stream<Path> jars = Files.walk(Path.of("/usr/share/visualvm/"), FileVisitOption.FOLLOW_LINKS)) {
                // Not the launcher's boot.jar: it patches java.lang for NetBeans' own start.
                return jars.filter(p -> p.toString().endsWith(".jar") && !p.endsWith("lib/boot.jar")).map(Path::toString)
                        .collect(Collectors.joining(":"));
            }
        }
        List<String> testPath = List.of(System.getProperty("java.class.path").split(":"));
        if (name.equals("jattachstat-micrometer.jar")) {
            return only(testPath, "/io/micrometer/");
        }
        if (name.equals("jattachstat-cli-classes.jar")) {
            return ROOT.resolve("agent/core/target/jattachstat-core.jar") + ":" + only(testPath, "/net/java/dev/jna/");
        }
        if (name.endsWith("-tests.jar")) {
            return String.join(":", testPath);
        }
        return "";
    }

    private static String only(List<String> path, String part) {
        String found = path.stream().filter(p -> p.contains(part)).collect(Collectors.joining(":"));
        if (found.isEmpty()) {
            throw new UncheckedIOException(new IOException("no " + part + " on the test class path"));
        }
        return found;
    }
}
