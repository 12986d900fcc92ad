package dev.readiness.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    /**
     * Runs the built-in check {@code id} as the engine finds it in this class loader, its parameters bound from
     * {@code json} as a POM's would be, on {@code project}: the result as "STATUS summary", then each claim's as
     * "claim: STATUS summary".
     */
    public List<String> run(String id, String json, Path project) throws Exception {
        Class<?> engine = loadClass("dev.readiness.engine.Engine");
        Object discovered = engine.getMethod("discover", ClassLoader.class).invoke(null, this);
        Object check = ((Map<?, ?>) engine.getMethod("available").invoke(discovered)).get(id);
        Class<?> configType = (Class<?>) check.getClass().getMethod("configType").invoke(check);
        Object config = loadClass("dev.readiness.engine.ConfigBinder")
                .getMethod("bind", String.class, Class.class, JsonNode.class, Collection.class)
                .invoke(null, id, configType, new ObjectMapper().readTree(json), List.of());
        Class<?> contextType = loadClass("dev.readiness.check.CheckContext");
        Object builder = contextType.getMethod("builder", Path.class).invoke(null, project);
        Object context = builder.getClass().getMethod("build").invoke(builder);
        Object result = check.getClass().getMethod("run", Record.class, contextType).invoke(check, config, context);
        List<String> lines = new ArrayList<>(List.of(line(result)));
        ((Map<?, ?>) result.getClass().getMethod("claims").invoke(result)).forEach((claim, claimResult) ->
                lines.add(claim + ": " + line(claimResult)));
        return lines;
    }

    private static String line(Object result) {
        try {
            return result.getClass().getMethod("status").invoke(result) + " " + result.getClass().getMethod("summary").invoke(result);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
