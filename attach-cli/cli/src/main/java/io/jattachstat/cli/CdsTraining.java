package io.jattachstat.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The launcher makes its class-data archive (AppCDS) from the first run on a JDK, which archives
 * only the classes that run loaded: a first {@code -V} would leave out everything a request to an
 * agent loads, and every later request would load those from the jar. On that first run
 * ({@code -Djattachstat.cds.dump=true}) this loads the CLI's and the core's classes too, unlinked
 * and uninitialized (no code of theirs runs), so the archive holds what any view needs.
 */
final class CdsTraining {
    static final String PROPERTY = "jattachstat.cds.dump";

    private CdsTraining() {
    }

    static void loadClassesIfDumping() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try (JarFile jar = new JarFile(Path.of(CdsTraining.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                // The CLI and the core: not the demo's zoo, not JNA (loaded by --tcp-info alone).
                if (name.startsWith("io/jattachstat/") && name.endsWith(".class") && !name.contains("/demo/")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not for this JDK: it stays out of the archive
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no archive of them, then: the run itself is unaffected
        }
    }
}
