package io.jattachstat.metrics;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines one of the agent's binders next to the application's copy of a metrics library. The
 * binder is compiled against the library's API but ships as bytes ({@code *.bytes}) inside the agent,
 * so the agent itself has no copy of the library that could be in the application's way. Everything
 * but the binder's package comes from the parent, the loader of the application's library, so the
 * binder links to exactly the application's copy.
 */
final class BinderClassLoader extends ClassLoader {
    private final String binderPackage;
    private final String bytesFolder;

    /**
     * @param binderPackage the binder's package, with a trailing dot: the classes defined here
     * @param bytesFolder   where the agent jar keeps their bytes, with a trailing slash
     */
    BinderClassLoader(String name, ClassLoader library, String binderPackage, String bytesFolder) {
        super(name, library);
        this.binderPackage = binderPackage;
        this.bytesFolder = bytesFolder;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(binderPackage)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = bytesOf(name);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            return c;
        }
    }

    private byte[] bytesOf(String name) throws ClassNotFoundException {
        String resource = bytesFolder + name.replace('.', '/') + ".bytes";
        try (InputStream in = BinderClassLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name + " (no " + resource + " in the agent jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    static String nameOf(ClassLoader loader) {
        return loader.getName() != null ? loader.getName() : loader.getClass().getName();
    }
}
