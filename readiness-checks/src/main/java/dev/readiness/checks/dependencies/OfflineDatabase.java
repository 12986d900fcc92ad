package dev.readiness.checks.dependencies;

import dev.readiness.text.Words;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An offline copy of OSV records, read once and indexed by Maven package name: a folder of
 * {@code <ID>.json} files or a zip of them (the layout of OSV's per-ecosystem {@code all.zip}).
 * Fails as a whole ({@link DatabaseException}) when the path is missing or unreadable, when a zip
 * entry names a path outside the archive ({@code ../}, absolute) or a file is larger than
 * {@link #MAX_ENTRY_BYTES}, or when no readable record is found: such a database cannot be trusted.
 * A single record that is not valid OSV JSON is left out and reported in {@link #malformed()}.
 */
final class OfflineDatabase {

    /** The largest record read: OSV's biggest Maven records are a few hundred KiB. */
    static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024;
    /** The most bytes read from one database, against zip bombs. */
    static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024 * 1024;

    private static final Pattern OUTSIDE = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)|^[/\\\\]|^[A-Za-z]:");

    /** A file that is not a valid OSV record, and why. */
    record Malformed(String entry, String problem) {
    }

    private final Map<String, List<OsvRecord>> byPackage = new HashMap<>();
    private final List<Malformed> malformed = new ArrayList<>();
    private int records;
    private long totalBytes;

    private OfflineDatabase() {
    }

    /**
     * Reads a folder (every {@code *.json} file below it) or a {@code .zip} file.
     *
     * @param shown how the path is named in messages (as configured)
     */
    static OfflineDatabase load(Path path, String shown) throws DatabaseException {
        OfflineDatabase db = new OfflineDatabase();
        if (Files.isDirectory(path)) {
            db.readFolder(path, shown);
        } else if (Files.isRegularFile(path)) {
            db.readZip(path, shown);
        } else {
            throw new DatabaseException("osvDatabase " + shown + " does not exist (looked for " + path.toAbsolutePath() + ")");
        }
        if (db.records == 0) {
            throw new DatabaseException("osvDatabase " + shown + " holds no readable OSV record"
                    + (db.malformed.isEmpty() ? " (no *.json file)" : " (" + db.malformed.size() + " malformed)"));
        }
        return db;
    }

    /** The records naming this Maven package, withdrawn ones included. */
    List<OsvRecord> advisories(String packageName) {
        return byPackage.getOrDefault(packageName, List.of());
    }

    /** How many valid records were read. */
    int records() {
        return records;
    }

    List<Malformed> malformed() {
        return List.copyOf(malformed);
    }

    private void readFolder(Path folder, String shown) throws DatabaseException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("osvDatabase " + shown + " cannot be read (" + e.getMessage() + ")");
        }
        for (Path file : files) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            try {
                long size = Files.size(file);
                if (size > MAX_ENTRY_BYTES) {
                    throw tooLarge(shown, name, size);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    add(name, read(in, shown, name));
                }
            } catch (IOException e) {
                throw new DatabaseException("osvDatabase " + shown + ": " + name + " cannot be read (" + e.getMessage() + ")");
            }
        }
    }

    private void readZip(Path zip, String shown) throws DatabaseException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (OUTSIDE.matcher(name).find()) {
                    throw new DatabaseException("osvDatabase " + shown + " holds an entry that points outside the archive ("
                            + printable(name) + "): the archive is not used; download it again from OSV");
                }
                if (entry.isDirectory() || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    continue;
                }
                if (entry.getSize() > MAX_ENTRY_BYTES) {
                    throw tooLarge(shown, name, entry.getSize());
                }
                try (InputStream in = file.getInputStream(entry)) {
                    add(name, read(in, shown, name));
                }
            }
        } catch (ZipException e) {
            throw new DatabaseException("osvDatabase " + shown + " is not a readable zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DatabaseException("osvDatabase " + shown + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The bytes of one entry, bounded whatever size it claims. */
    private byte[] read(InputStream in, String shown, String name) throws IOException, DatabaseException {
        try {
            byte[] bytes = new BoundedInput(in, MAX_ENTRY_BYTES, name).readAllBytes();
            totalBytes += bytes.length;
            if (totalBytes > MAX_TOTAL_BYTES) {
                throw new DatabaseException("osvDatabase " + shown + " holds more than " + (MAX_TOTAL_BYTES >> 30)
                        + " GiB of records: the database is not used");
            }
            return bytes;
        } catch (BoundedInput.LimitExceededException e) {
            throw tooLarge(shown, name, -1);
        }
    }

    private void add(String name, byte[] bytes) {
        OsvRecord record;
        try {
            record = OsvRecord.MAPPER.readValue(bytes, OsvRecord.class);
        } catch (JsonProcessingException e) {
            malformed.add(new Malformed(name, problem(e)));
            return;
        } catch (IOException e) {
            malformed.add(new Malformed(name, e.getMessage()));
            return;
        }
        if (record == null) {
            malformed.add(new Malformed(name, "empty"));
            return;
        }
        records++;
        for (String packageName : record.mavenPackages()) {
            byPackage.computeIfAbsent(packageName, k -> new ArrayList<>(2)).add(record);
        }
    }

    /** Jackson's message without its source excerpt, with the line and column where it stopped. */
    private static String problem(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof JsonProcessingException json)) {
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        }
        String message = json.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\(start marker at \\[Source:.*$", "");
        return json.getLocation() == null || json.getLocation().getLineNr() < 0 ? message
                : message + " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
    }

    private static DatabaseException tooLarge(String shown, String name, long size) {
        return new DatabaseException("osvDatabase " + shown + " holds an entry larger than " + (MAX_ENTRY_BYTES >> 20) + " MiB ("
                + printable(name) + (size >= 0 ? ", " + size + " bytes" : "") + "): the database is not used");
    }

    private static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return Words.cut(clean, 200);
    }

    /** The offline database cannot be used at all. */
    static final class DatabaseException extends Exception {
        DatabaseException(String message) {
            super(message);
        }
    }
}
