package dev.readiness.checks;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A class loader that defines the project's own classes itself and refuses the libraries of the given package
 * prefixes, as a plugin class realm without those jars would: code that reaches such a library fails here as it would
 * in a build.
 */
public final class ClassLoaderWithout extends ClassLoader {

    private final List<String> refused;

    public ClassLoaderWithout(String... refusedPrefixes) {
        super(ClassLoaderWithout.class.getClassLoader());
        this.refused = List.of(refusedPrefixes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (refused.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name + " is kept out of this class loader");
            }
            if (!name.startsWith("dev.readiness.")) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            return loaded;
        }
    }
}
