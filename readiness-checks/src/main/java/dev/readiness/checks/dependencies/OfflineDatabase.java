package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An offline copy of OSV records, read once: a folder of {@code <ID>.json} files or a zip of them
 * (the layout of OSV's per-ecosystem {@code all.zip}), read as a stream. Every record is held to the
 * OSV schema ({@link OsvSchema}); only those naming a scanned Maven package are kept, indexed by
 * package. Fails as a whole ({@link DatabaseException}), since such a database cannot be trusted, when
 * the path is missing or unreadable, a zip entry names a path outside the archive ({@code ../},
 * absolute), a file is not a valid OSV record, no record names a Maven package, or a bound of
 * {@link Limits} is crossed; and stops, with the same exception, as soon as its thread is interrupted.
 */
final class OfflineDatabase {

    /**
     * The bounds of one load, against archives made to exhaust memory or time (a zip of highly
     * compressible entries inflates to a thousand times its size).
     *
     * @param maxEntries    the most entries (files and folders, or zip entries) looked at
     * @param maxEntryBytes the largest record read
     * @param maxReadBytes  the most bytes read from the whole database, uncompressed
     * @param maxKeptBytes  the most bytes of the records kept (those naming a scanned package)
     */
    record Limits(int maxEntries, long maxEntryBytes, long maxReadBytes, long maxKeptBytes) {
        /** 100,000 entries (OSV's Maven database holds thousands), 16 MiB a record, 4 GiB read, 64 MiB kept. */
        static final Limits DEFAULT = new Limits(100_000, 16L << 20, 4L << 30, 64L << 20);
    }

    /** A {@link DatabaseException}'s remedy when the archive is broken rather than misnamed. */
    static final String DOWNLOAD_AGAIN = "Download OSV's Maven database again (" + DependencyScanCheck.MAVEN_DATABASE
            + ") and point osvDatabase at it; a record that stays invalid is reported to the database's publisher.";

    private static final Pattern OUTSIDE = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)|^[/\\\\]|^[A-Za-z]:");
    /** How many distinct strings one load shares between records (see {@link SharedTexts}). */
    private static final int SHARED_TEXTS = 100_000;
    private static final int SKIP_CHUNK = 64 * 1024;

    private final String shown;
    private final Set<String> packages;
    private final Limits limits;
    private final ObjectReader reader = OsvRecord.MAPPER.reader().with(new SharedTexts());
    private final Map<String, List<OsvRecord>> byPackage = new HashMap<>();
    private int entries;
    private int records;
    private int mavenRecords;
    private long readBytes;
    private long keptBytes;
    private String newestName;
    private JsonNode newestJson;
    private Instant newestModified;
    private OsvRecord newest;

    private OfflineDatabase(String shown, Set<String> packages, Limits limits) {
        this.shown = shown;
        this.packages = packages;
        this.limits = limits;
    }

    /**
     * Reads a folder (every {@code *.json} file below it) or a {@code .zip} file.
     *
     * @param shown    how the path is named in messages (as configured)
     * @param packages the Maven packages ({@code group:artifact}) whose records are kept
     */
    static OfflineDatabase load(Path path, String shown, Set<String> packages, Limits limits) throws DatabaseException {
        OfflineDatabase db = new OfflineDatabase(shown, packages, limits);
        if (Files.isDirectory(path)) {
            db.readFolder(path);
        } else if (Files.isRegularFile(path)) {
            db.readZip(path);
        } else {
            throw new DatabaseException("osvDatabase " + shown + " does not exist (looked for " + path.toAbsolutePath() + ")");
        }
        if (db.records == 0) {
            throw new DatabaseException("osvDatabase " + shown + " holds no OSV record (no *.json file)");
        }
        if (db.mavenRecords == 0) {
            throw new DatabaseException("osvDatabase " + shown + " holds no Maven record (" + Words.plural(db.records, "OSV record")
                    + " read, none naming a package of ecosystem Maven): is it OSV's Maven all.zip?");
        }
        db.newest = db.bind(db.newestName, db.newestJson);
        return db;
    }

    /** The records naming this scanned Maven package, withdrawn ones included. */
    List<OsvRecord> advisories(String packageName) {
        return byPackage.getOrDefault(packageName, List.of());
    }

    /** How many valid records were read, of every ecosystem. */
    int records() {
        return records;
    }

    /** The record modified last: how fresh the database is. */
    OsvRecord newest() {
        return newest;
    }

    private void readFolder(Path folder) throws DatabaseException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Iterator<Path> paths = walk.iterator(); paths.hasNext(); ) {
                Path path = paths.next();
                next(folder.relativize(path).toString());
                if (Files.isRegularFile(path) && isJson(path.getFileName().toString())) {
                    files.add(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        files.sort(null);
        for (Path file : files) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            stopIfInterrupted(name);
            try {
                long size = Files.size(file);
                if (size > limits.maxEntryBytes()) {
                    throw tooLarge(name, size);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    add(name, in);
                }
            } catch (IOException e) {
                throw unreadable(e);
            }
        }
    }

    /** Entry by entry as the zip is read, so that neither its directory nor skipped entries are ever held whole. */
    private void readZip(Path zip) throws DatabaseException {
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)))) {
            for (ZipEntry entry; (entry = nextEntry(in)) != null; ) {
                String name = entry.getName();
                next(name);
                if (OUTSIDE.matcher(name).find()) {
                    throw new DatabaseException("osvDatabase " + shown + " holds an entry that points outside the archive ("
                            + printable(name) + "): the archive is not used; download it again from OSV");
                }
                if (entry.isDirectory() || !isJson(name)) {
                    skip(in, name);
                } else if (entry.getSize() > limits.maxEntryBytes()) {
                    throw tooLarge(name, entry.getSize());
                } else {
                    add(name, in);
                }
            }
            if (entries == 0) {
                throw new DatabaseException("osvDatabase " + shown + " is not a readable zip archive (no zip entry found)");
            }
        } catch (ZipException | EOFException e) {
            stopIfInterrupted(null);
            throw new DatabaseException("osvDatabase " + shown + " is not a readable zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * The next zip entry. {@link ZipInputStream} decodes each name as UTF-8 and throws an
     * {@link IllegalArgumentException}, not a {@link ZipException}, on a name that is not: that too is
     * an archive that cannot be read.
     */
    private ZipEntry nextEntry(ZipInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new ZipException("the name of entry " + (entries + 1) + " is not valid UTF-8");
        }
    }

    /** Counts one more entry; stops at {@link Limits#maxEntries()} or when interrupted. */
    private void next(String name) throws DatabaseException {
        stopIfInterrupted(name);
        if (++entries > limits.maxEntries()) {
            throw new DatabaseException("osvDatabase " + shown + " holds more than " + limits.maxEntries()
                    + " entries: the database is not used", DOWNLOAD_AGAIN);
        }
    }

    /** The engine cancels a check that overruns its time limit by interrupting it: stop reading then. */
    private void stopIfInterrupted(String name) throws DatabaseException {
        if (Thread.currentThread().isInterrupted()) {
            throw new DatabaseException("interrupted while reading osvDatabase " + shown + " (after " + entries + " entries"
                    + (name == null ? "" : ", at " + printable(name)) + ")");
        }
    }

    /** Reads past an entry that is not a record, counting what it inflates to. */
    private void skip(InputStream in, String name) throws IOException, DatabaseException {
        byte[] chunk = new byte[SKIP_CHUNK];
        for (int n; (n = in.read(chunk)) > 0; ) {
            counted(n);
            stopIfInterrupted(name);
        }
    }

    private void counted(long bytes) throws DatabaseException {
        readBytes += bytes;
        if (readBytes > limits.maxReadBytes()) {
            throw new DatabaseException("osvDatabase " + shown + " holds more than " + bytes(limits.maxReadBytes())
                    + " of data: the database is not used", DOWNLOAD_AGAIN);
        }
    }

    /**
     * Reads one record, bounded whatever size the entry claims, holds it to the OSV schema, and keeps
     * it if it names a scanned package; the others are only counted (and their time compared), never
     * bound.
     */
    private void add(String name, InputStream in) throws IOException, DatabaseException {
        EntryInput entry = new EntryInput(new BoundedInput(in, limits.maxEntryBytes(), name));
        JsonNode json;
        try {
            json = reader.readTree(entry);
        } catch (BoundedInput.LimitExceededException e) {
            throw tooLarge(name, -1);
        } catch (InterruptedIOException e) {
            throw unreadable(e);
        } catch (JsonProcessingException e) {
            throw invalid(name, OsvSchema.problem(e));
        }
        String problem = OsvSchema.problem(json);
        if (problem != null) {
            throw invalid(name, problem);
        }
        counted(entry.count);
        records++;
        Instant modified = OsvSchema.time(json.get("modified").textValue());
        if (newestJson == null || modified.isAfter(newestModified)) {
            newestName = name;
            newestJson = json;
            newestModified = modified;
        }
        List<String> maven = OsvRecord.mavenPackages(json);
        if (!maven.isEmpty()) {
            mavenRecords++;
        }
        List<String> scanned = maven.stream().filter(packages::contains).toList();
        if (scanned.isEmpty()) {
            return;
        }
        keptBytes += entry.count;
        if (keptBytes > limits.maxKeptBytes()) {
            throw new DatabaseException("osvDatabase " + shown + " holds more than " + bytes(limits.maxKeptBytes())
                    + " of records naming the scanned dependencies (reached at " + printable(name) + "): the database is not used",
                    DOWNLOAD_AGAIN);
        }
        OsvRecord record = bind(name, json);
        for (String packageName : scanned) {
            byPackage.computeIfAbsent(packageName, k -> new ArrayList<>(2)).add(record);
        }
    }

    private OsvRecord bind(String name, JsonNode json) throws DatabaseException {
        try {
            return OsvRecord.of(json);
        } catch (OsvRecord.Invalid e) {
            throw invalid(name, e.getMessage());
        }
    }

    private DatabaseException invalid(String name, String problem) {
        return new DatabaseException("osvDatabase " + shown + ": " + printable(name) + " is not a valid OSV record ("
                + Words.oneLine(problem, 200) + "): the database is not used", DOWNLOAD_AGAIN);
    }

    private DatabaseException unreadable(Exception e) {
        if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            return new DatabaseException("interrupted while reading osvDatabase " + shown + " (after " + entries + " entries)");
        }
        return new DatabaseException("osvDatabase " + shown + " cannot be read (" + e.getMessage() + ")");
    }

    private DatabaseException tooLarge(String name, long size) {
        return new DatabaseException("osvDatabase " + shown + " holds an entry larger than " + bytes(limits.maxEntryBytes()) + " ("
                + printable(name) + (size >= 0 ? ", " + size + " bytes" : "") + "): the database is not used", DOWNLOAD_AGAIN);
    }

    private static boolean isJson(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** {@code 16 MiB}, {@code 4 GiB}, or bytes when not a whole number of either. */
    private static String bytes(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    private static String printable(String name) {
        return Words.cut(name.replaceAll("\\p{Cntrl}", "?"), 200);
    }

    /**
     * One load's short JSON texts (versions, ids, types), each distinct one made once, up to
     * {@value #SHARED_TEXTS} of them: a record listing one version a million times then holds one
     * string, not a million copies, whose headers would weigh ten times the JSON. A long text weighs
     * about what its JSON does, and is not worth hashing.
     */
    private static final class SharedTexts extends JsonNodeFactory {
        private static final int SHORT = 32;
        private final Map<String, TextNode> texts = new HashMap<>();

        @Override
        public TextNode textNode(String text) {
            if (text == null || text.length() > SHORT) {
                return super.textNode(text);
            }
            TextNode node = texts.get(text);
            if (node == null) {
                node = super.textNode(text);
                if (texts.size() < SHARED_TEXTS) {
                    texts.put(text, node);
                }
            }
            return node;
        }
    }

    /**
     * One entry as it is read: counts what it inflates to, and fails as soon as its thread is
     * interrupted, so that even a record that takes long to parse stops promptly. Closing it leaves
     * the archive open.
     */
    private static final class EntryInput extends FilterInputStream {
        private long count;

        EntryInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            stopIfInterrupted();
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            stopIfInterrupted();
            int n = super.read(buffer, offset, length);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public void close() {
            // the zip stream goes on to the next entry
        }

        private static void stopIfInterrupted() throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
        }
    }

    /** The offline database cannot be used at all. */
    static final class DatabaseException extends Exception {
        /** What to do, or {@code null} for the usual: point osvDatabase at OSV's Maven database. */
        final String remedy;

        DatabaseException(String message) {
            this(message, null);
        }

        DatabaseException(String message, String remedy) {
            super(message);
            this.remedy = remedy;
        }
    }
}
