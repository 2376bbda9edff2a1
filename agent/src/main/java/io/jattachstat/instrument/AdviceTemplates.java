package io.jattachstat.instrument;

import net.bytebuddy.dynamic.ClassFileLocator;

import java.io.IOException;
import java.io.InputStream;

/**
 * Advice classes shipped as templates ({@code name.bytes}, not {@code name.class}): Byte Buddy copies
 * their code into the hooked methods and never loads them. The socket hooks' advice calls the bridge
 * the agent defines into java.base, a class no loader of the agent's jar could resolve; as data, the
 * jar holds no class it cannot load.
 */
final class AdviceTemplates implements ClassFileLocator {
    static final String SUFFIX = ".bytes";

    private final ClassLoader loader;

    AdviceTemplates(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Resolution locate(String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + SUFFIX)) {
            return in == null ? new Resolution.Illegal(name) : new Resolution.Explicit(in.readAllBytes());
        }
    }

    @Override
    public void close() {
    }
}
