package io.jattachstat.cli;

import io.jattachstat.proc.Digits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lists the JVMs this user can see, as {@code jps -l} does: PID and main class or jar. It reads
 * {@code /proc/<pid>/cmdline} rather than the JVMs' perf-data files, so it also finds JVMs started
 * with {@code -XX:-UsePerfData} and JVMs in containers whose {@code /tmp} is not ours.
 */
final class JvmLister {
    /** Launcher options whose value is the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
            "--add-exports", "--add-opens", "--patch-module", "--enable-native-access", "--source");

    record Jvm(long pid, String main) {
    }

    private JvmLister() {
    }

    static List<Jvm> list(Path procRoot) {
        List<Jvm> jvms = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                List<String> argv = cmdline(dir);
                if (!argv.isEmpty() && isJava(argv.get(0))) {
                    jvms.add(new Jvm(pid, mainOf(argv)));
                }
            }
        } catch (IOException e) {
            return jvms;
        }
        jvms.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return jvms;
    }

    /** The main class, "-jar" jar, or "-m" module of a java command line; "" when there is none. */
    static String mainOf(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
                return i + 1 < argv.size() ? argv.get(i + 1) : "";
            }
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return "";
    }

    private static boolean isJava(String argv0) {
        String name = argv0.substring(argv0.lastIndexOf('/') + 1);
        return name.equals("java") || name.equals("javaw");
    }

    private static List<String> cmdline(Path dir) {
        try {
            String all = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
            return all.isEmpty() ? List.of() : List.of(all.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isNumber(String s) {
        return Digits.isDigits(s, 10);
    }
}
