package dev.readiness.checks.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.io.SafeXml;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The changeSets of the project's Liquibase changelog: the master file (XML, YAML, JSON or formatted SQL) and the files
 * it includes ({@code include}, {@code includeAll}, recursively), each changeSet named as Liquibase names it in
 * DATABASECHANGELOG: id, author and the changelog's path on the classpath (or its {@code logicalFilePath}). Paths resolve
 * against the classpath root ({@code src/main/resources} when the master lies under it) or, with
 * {@code relativeToChangelogFile}, against the including file. A file outside the project folder, an include cycle, a
 * DOCTYPE, or a file larger than {@link #MAX_BYTES} is refused with an {@link IOException}.
 */
final class LiquibaseChangeLog {

    /** The largest changelog file read. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    /** The most changelog files read in all. */
    static final int MAX_FILES = 10_000;
    /** The most changeSets read in all. */
    static final int MAX_CHANGESETS = 100_000;
    private static final int MAX_DEPTH = 20;
    private static final Set<String> EXTENSIONS = Set.of("xml", "yaml", "yml", "json", "sql");
    private static final Pattern FORMATTED_SQL = Pattern.compile("--\\s*liquibase\\s+formatted\\s+sql.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_CHANGESET = Pattern.compile("--\\s*changeset\\s+(?:\"([^\"]+)\"|(\\S+?)):(?:\"([^\"]+)\"|(\\S+)).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_LOGICAL_PATH = Pattern.compile(".*\\blogicalFilePath:(\\S+).*");

    /** One changeSet of the repository: its identity as Liquibase records it, and the file that declares it. */
    record ChangeSet(String id, String author, String changeLog, String file) {

        /** The identity Liquibase compares: id, author and changelog path. */
        String identity() {
            return id + "::" + author + "::" + changeLog;
        }
    }

    private final Path base;
    private final Path realBase;
    private final Path classpathRoot;
    private final List<ChangeSet> changeSets = new ArrayList<>();
    private final Set<Path> reading = new LinkedHashSet<>();
    private final Set<Path> read = new HashSet<>();
    private ObjectMapper yaml;
    private ObjectMapper json;

    private LiquibaseChangeLog(Path base, Path classpathRoot) throws IOException {
        this.base = base;
        this.realBase = base.toRealPath();
        this.classpathRoot = classpathRoot;
    }

    /**
     * The changeSets of the master changelog and all it includes, in the order Liquibase runs them.
     *
     * @param master the master changelog, relative to the project folder; it must exist
     * @throws IOException when a file cannot be read or parsed, lies outside the project, or is included in a cycle
     */
    static List<ChangeSet> read(Path basedir, String master) throws IOException {
        Path base = basedir.toAbsolutePath().normalize();
        Path file = base.resolve(master).normalize();
        Path resources = base.resolve("src/main/resources");
        LiquibaseChangeLog log = new LiquibaseChangeLog(base, file.startsWith(resources) ? resources : file.getParent());
        log.readFile(file);
        return log.changeSets;
    }

    /** The path Liquibase records for a changelog: its path under the classpath root, without a {@code classpath:} prefix. */
    static String logicalPath(String path) {
        String p = path.strip().replace('\\', '/');
        if (p.regionMatches(true, 0, "classpath:", 0, "classpath:".length())) {
            p = p.substring("classpath:".length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    private void readFile(Path file) throws IOException {
        String shown = shown(file);
        if (!file.startsWith(base) || (Files.exists(file) && !file.toRealPath().startsWith(realBase))) {
            throw new IOException("the changelog '" + shown + "' lies outside the project folder");
        }
        if (reading.contains(file)) {
            throw new IOException("include cycle: " + String.join(" -> ", reading.stream().map(this::shown).toList()) + " -> " + shown);
        }
        if (!read.add(file)) {
            return;
        }
        if (read.size() > MAX_FILES) {
            throw new IOException("the changelog includes more than " + MAX_FILES + " files");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("the changelog '" + shown + "' does not exist");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException("the changelog '" + shown + "' is " + size + " bytes, more than the " + MAX_BYTES + " this reads");
        }
        reading.add(file);
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String logical = logicalPath(classpathRoot != null && file.startsWith(classpathRoot)
                    ? classpathRoot.relativize(file).toString() : base.relativize(file).toString());
            if (name.endsWith(".xml")) {
                readXml(file, logical);
            } else if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                readTree(file, logical, name.endsWith(".json"));
            } else if (name.endsWith(".sql")) {
                readSql(file, logical);
            } else {
                throw new IOException("the changelog '" + shown + "' is neither XML, YAML, JSON nor SQL");
            }
        } finally {
            reading.remove(file);
        }
    }

    private void readXml(Path file, String logical) throws IOException {
        Element root;
        try {
            root = SafeXml.parse(file, MAX_BYTES).getDocumentElement();
        } catch (SAXException e) {
            throw new IOException("the changelog '" + shown(file) + "' is not well-formed XML: " + Words.oneLine(e.getMessage(), 200));
        }
        if (!local(root).equals("databaseChangeLog")) {
            throw new IOException("the changelog '" + shown(file) + "' is XML without Liquibase's <databaseChangeLog>");
        }
        String path = attribute(root, "logicalFilePath", logical);
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                switch (local(element)) {
                    case "changeSet" -> add(element.getAttribute("id"), element.getAttribute("author"),
                            attribute(element, "logicalFilePath", path), file);
                    case "include" -> include(file, element.getAttribute("file"), Boolean.parseBoolean(element.getAttribute("relativeToChangelogFile")), false);
                    case "includeAll" -> include(file, element.getAttribute("path"), Boolean.parseBoolean(element.getAttribute("relativeToChangelogFile")), true);
                    default -> {
                    }
                }
            }
        }
    }

    private void readTree(Path file, String logical, boolean isJson) throws IOException {
        String text = text(file);
        JsonNode root;
        try {
            root = mapper(isJson).readTree(text);
        } catch (IOException e) {
            throw new IOException("the changelog '" + shown(file) + "' is not readable " + (isJson ? "JSON" : "YAML") + ": "
                    + Words.oneLine(e.getMessage(), 200));
        }
        JsonNode entries = root == null ? null : root.path("databaseChangeLog");
        if (entries == null || !entries.isArray()) {
            throw new IOException("the changelog '" + shown(file) + "' has no databaseChangeLog list, which Liquibase's changelogs hold");
        }
        String path = logical;
        for (JsonNode entry : entries) {
            if (entry.path("logicalFilePath").isTextual()) {
                path = entry.path("logicalFilePath").asText();
            }
            JsonNode changeSet = entry.path("changeSet");
            if (changeSet.isObject()) {
                add(changeSet.path("id").asText(""), changeSet.path("author").asText(""),
                        changeSet.path("logicalFilePath").asText(path), file);
            }
            for (String kind : List.of("include", "includeAll")) {
                JsonNode include = entry.path(kind);
                if (include.isObject()) {
                    include(file, include.path(kind.equals("include") ? "file" : "path").asText(""),
                            include.path("relativeToChangelogFile").asBoolean(false), kind.equals("includeAll"));
                }
            }
        }
    }

    private void readSql(Path file, String logical) throws IOException {
        List<String> lines = text(file).lines().toList();
        if (lines.isEmpty() || !FORMATTED_SQL.matcher(lines.get(0).strip()).matches()) {
            add("raw", "includeAll", logical, file);
            return;
        }
        Matcher logicalPath = SQL_LOGICAL_PATH.matcher(lines.get(0));
        String path = logicalPath.matches() ? logicalPath.group(1) : logical;
        for (String line : lines) {
            Matcher changeSet = SQL_CHANGESET.matcher(line.strip());
            if (changeSet.matches()) {
                add(changeSet.group(3) != null ? changeSet.group(3) : changeSet.group(4),
                        changeSet.group(1) != null ? changeSet.group(1) : changeSet.group(2), path, file);
            }
        }
    }

    private void include(Path from, String target, boolean relativeToChangelogFile, boolean all) throws IOException {
        if (target == null || target.isBlank()) {
            throw new IOException("the changelog '" + shown(from) + "' has an " + (all ? "includeAll without a path" : "include without a file"));
        }
        String path = logicalPath(target);
        Path resolved = (relativeToChangelogFile ? from.getParent() : classpathRoot).resolve(path).normalize();
        if (!resolved.startsWith(base) || (Files.exists(resolved) && !resolved.toRealPath().startsWith(realBase))) {
            throw new IOException("the changelog '" + shown(from) + "' includes '" + Words.oneLine(target, 200)
                    + "', which lies outside the project folder");
        }
        if (!all) {
            readFile(resolved);
            return;
        }
        if (!Files.isDirectory(resolved)) {
            throw new IOException("the changelog '" + shown(from) + "' includes all of '" + Words.oneLine(target, 200) + "', which is no folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(resolved, MAX_DEPTH)) {
            files = walk.limit(MAX_FILES + 1L).toList();
        }
        if (files.size() > MAX_FILES) {
            throw new IOException("the changelog '" + shown(from) + "' includes all of '" + Words.oneLine(target, 200)
                    + "', which holds more than " + MAX_FILES + " files");
        }
        files = files.stream().filter(Files::isRegularFile).filter(f -> {
            String name = f.getFileName().toString();
            return EXTENSIONS.contains(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        }).sorted().toList();
        for (Path file : files) {
            readFile(file);
        }
    }

    private void add(String id, String author, String changeLog, Path file) throws IOException {
        if (changeSets.size() >= MAX_CHANGESETS) {
            throw new IOException("the changelog holds more than " + MAX_CHANGESETS + " changeSets");
        }
        if (id == null || id.isBlank() || author == null || author.isBlank()) {
            throw new IOException("the changelog '" + shown(file) + "' holds a changeSet without an id or author, which Liquibase"
                    + " requires");
        }
        changeSets.add(new ChangeSet(Words.oneLine(id, 200), Words.oneLine(author, 200), Words.oneLine(logicalPath(changeLog), 300), shown(file)));
    }

    private String text(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException("the changelog '" + shown(file) + "' is not UTF-8 text");
        }
    }

    private ObjectMapper mapper(boolean isJson) {
        if (isJson) {
            json = json != null ? json : new ObjectMapper();
            return json;
        }
        if (yaml == null) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit((int) MAX_BYTES);
            options.setMaxAliasesForCollections(100);
            options.setNestingDepthLimit(64);
            yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
        }
        return yaml;
    }

    private String shown(Path file) {
        return file.startsWith(base) ? Words.path(base, file) : Words.oneLine(file.toString(), 200);
    }

    private static String local(Node node) {
        String name = node.getNodeName();
        return name.substring(name.indexOf(':') + 1);
    }

    private static String attribute(Element element, String name, String otherwise) {
        return element.hasAttribute(name) && !element.getAttribute(name).isBlank() ? element.getAttribute(name) : otherwise;
    }
}
