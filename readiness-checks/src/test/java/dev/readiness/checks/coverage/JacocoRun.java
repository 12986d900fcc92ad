package dev.readiness.checks.coverage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.IRuntime;
import org.jacoco.core.runtime.LoggerRuntime;
import org.jacoco.core.runtime.RuntimeData;

/**
 * Runs classes instrumented by JaCoCo, as its agent does during a test run, and writes the real
 * execution data (the pattern of JaCoCo's CoreTutorial): the original class bytes are
 * instrumented, defined in a class loader of their own, exercised, and the probes dumped.
 */
final class JacocoRun implements AutoCloseable {

    private final IRuntime runtime = new LoggerRuntime();
    private final RuntimeData data = new RuntimeData();
    private final Map<String, byte[]> instrumented = new LinkedHashMap<>();
    private final ClassLoader loader;

    /** @param classes original class bytes by Java name ({@code com.acme.Foo}) */
    JacocoRun(Map<String, byte[]> classes) throws Exception {
        runtime.startup(data);
        data.setSessionId("readiness-test");
        Instrumenter instrumenter = new Instrumenter(runtime);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            instrumented.put(e.getKey(), instrumenter.instrument(e.getValue(), e.getKey()));
        }
        loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                byte[] bytes = instrumented.get(name);
                if (bytes == null) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    /** Runs the given samples (and their nested classes) instrumented. */
    static JacocoRun of(Class<?>... samples) throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Class<?> sample : samples) {
            classes.putAll(classFiles(sample));
        }
        return new JacocoRun(classes);
    }

    /** A new instance of the instrumented twin of {@code sample}. */
    Object create(Class<?> sample) throws ReflectiveOperationException {
        return type(sample.getName()).getConstructor().newInstance();
    }

    Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, true, loader);
    }

    /** Calls a public method by name on an instrumented instance (or class, for a static method); rethrows what it throws. */
    Object call(Object target, String method, Object... args) throws Exception {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (var m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + method);
    }

    /** Writes the execution data collected so far, as the agent's dump does. */
    void writeExec(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ExecutionDataWriter writer = new ExecutionDataWriter(out);
            data.collect(writer, writer, false);
        }
    }

    @Override
    public void close() {
        runtime.shutdown();
    }

    /** The compiled class file of {@code sample} and of its nested and anonymous classes, by Java name. */
    static Map<String, byte[]> classFiles(Class<?> sample) {
        try {
            Path file = Path.of(sample.getResource(sample.getSimpleName() + ".class").toURI());
            String prefix = sample.getSimpleName();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            try (Stream<Path> siblings = Files.list(file.getParent())) {
                for (Path p : siblings.sorted().toList()) {
                    String simple = p.getFileName().toString().replace(".class", "");
                    if (simple.equals(prefix) || simple.startsWith(prefix + "$")) {
                        classes.put(sample.getPackageName() + "." + simple, Files.readAllBytes(p));
                    }
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes class files as the compiler lays them out under {@code classesDir}. */
    static void writeClasses(Path classesDir, Map<String, byte[]> classes) throws IOException {
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            Path file = classesDir.resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }
}
