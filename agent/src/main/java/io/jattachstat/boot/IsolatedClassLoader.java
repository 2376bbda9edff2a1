package io.jattachstat.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's classes and resources from {@code jattachstat-inf/} inside the agent jar. Its
 * parent is the platform class loader: the JDK is visible, the application's class path is not, and
 * the application cannot see what this loader defines. That keeps the agent's copies of JNA (which
 * must not be relocated: its native code binds to its package names) and Byte Buddy apart from any
 * the application has.
 */
final class IsolatedClassLoader extends ClassLoader {
    static final String PREFIX = "jattachstat-inf/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final ProtectionDomain domain;

    IsolatedClassLoader(Path agentJar, ClassLoader parent) throws IOException {
        super("jattachstat", parent);
        this.jar = new JarFile(agentJar.toFile(), false);
        URL location = agentJar.toUri().toURL();
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            definePackageOf(name);
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // another thread defined it first
                }
            }
        }
    }

    /**
     * A URL served from the jar this loader holds open. Not a {@code jar:} URL, which opens the file
     * again by its path: a CLI that copied the jar into the JVM's /tmp removes it once the agent
     * runs, and resources (hook advice, JNA's native library, the Micrometer binder) are still read
     * long after that.
     */
    @Override
    protected URL findResource(String name) {
        if (jar.getJarEntry(PREFIX + name) == null) {
            return null;
        }
        try {
            return new URL("jattachstat", null, -1, "/" + name, openJarEntries);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final URLStreamHandler openJarEntries = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    JarEntry entry = jar.getJarEntry(PREFIX + url.getPath().substring(1));
                    if (entry == null) {
                        throw new java.io.FileNotFoundException(url.toString());
                    }
                    return jar.getInputStream(entry);
                }

                @Override
                public long getContentLengthLong() {
                    JarEntry entry = jar.getJarEntry(PREFIX + url.getPath().substring(1));
                    return entry == null ? -1 : entry.getSize();
                }
            };
        }
    };

    /** Straight from the open jar (see {@link #findResource}). */
    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry entry = jar.getJarEntry(PREFIX + name);
        if (entry == null) {
            return super.getResourceAsStream(name);
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
    }
}
