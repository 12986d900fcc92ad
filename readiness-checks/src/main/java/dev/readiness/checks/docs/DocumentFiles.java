package dev.readiness.checks.docs;

import dev.readiness.check.Finding;
import dev.readiness.io.BoundedInput;
import dev.readiness.io.Utf8Text;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Judges the documentation file or folder a team named: every document in it is a real document (a heading and at
 * least {@code minWords} words: Markdown read with commonmark, AsciiDoc, reStructuredText) or, for a diagram item, a
 * real diagram (a PNG, JPEG, GIF or SVG image, a draw.io file, PlantUML or Mermaid source, or Markdown holding a
 * mermaid or plantuml block). Files are read within bounds; a link out of the project is refused.
 */
final class DocumentFiles {

    /** The largest document read: 4 MiB. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    static final int MAX_FILES = 1000;
    private static final int MAX_DEPTH = 8;
    private static final Set<String> TEXT = Set.of("md", "markdown", "adoc", "asciidoc", "rst");
    private static final Set<String> DIAGRAMS = Set.of("png", "jpg", "jpeg", "gif", "svg", "drawio", "dio", "puml", "plantuml", "pu",
            "mmd", "mermaid");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’_-]*");
    private static final Pattern ADOC_HEADING = Pattern.compile("^={1,6} \\S.*");
    private static final Pattern RST_UNDERLINE = Pattern.compile("^([=\\-~^\"'`#*+:.])\\1{2,}\\s*$");
    private static final Pattern MERMAID_START = Pattern.compile("^\\s*(graph|flowchart|sequenceDiagram|classDiagram|stateDiagram"
            + "(-v2)?|erDiagram|journey|gantt|pie|C4\\w+|architecture-beta|block-beta|requirementDiagram|mindmap|timeline)\\b.*");

    /**
     * What was found at the configured place.
     *
     * @param exists     whether the configured file or folder exists
     * @param good       each document or diagram that counts, as shown to people ({@code docs/deploy.md (312 words)})
     * @param defects    each stub, empty or broken file: a cause
     * @param unreadable each file that could not be read (a link out, binary, too large): the claim cannot be judged
     */
    record Judged(boolean exists, List<String> good, List<Finding> defects, List<String> unreadable) {
    }

    private DocumentFiles() {
    }

    static Judged judge(Path basedir, String configured, boolean diagram, int minWords) throws IOException {
        Path base = basedir.toRealPath();
        Path start = basedir.resolve(configured).normalize();
        List<String> good = new ArrayList<>();
        List<Finding> defects = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return new Judged(false, good, defects, unreadable);
        }
        String shownStart = Words.path(basedir, start);
        Path realStart;
        try {
            realStart = start.toRealPath();
        } catch (IOException e) {
            unreadable.add(shownStart + " is a link to nothing");
            return new Judged(true, good, defects, unreadable);
        }
        if (!realStart.startsWith(base)) {
            unreadable.add(outside(shownStart, realStart));
            return new Judged(true, good, defects, unreadable);
        }
        TreeMap<String, Path> files = new TreeMap<>();
        if (Files.isDirectory(realStart)) {
            Files.walkFileTree(start, Set.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Path real = dir.toRealPath();
                    if (!real.startsWith(base)) {
                        unreadable.add(outside(Words.path(basedir, dir), real));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String extension = extension(file);
                    if (TEXT.contains(extension) || diagram && DIAGRAMS.contains(extension)) {
                        files.put(Words.path(basedir, file), file);
                    }
                    return files.size() > MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable.add(Words.path(basedir, file) + " cannot be read: " + Words.oneLine(String.valueOf(e.getMessage()), 200));
                    return FileVisitResult.CONTINUE;
                }
            });
            if (files.size() > MAX_FILES) {
                unreadable.add("more than " + MAX_FILES + " documents below " + shownStart + "; none was judged: name the folder of"
                        + " these documents alone");
                return new Judged(true, List.of(), List.of(), unreadable);
            }
        } else {
            String extension = extension(start);
            if (!TEXT.contains(extension) && !(diagram && DIAGRAMS.contains(extension))) {
                unreadable.add(shownStart + " is not a " + (diagram ? "diagram (" + String.join(", ", new java.util.TreeSet<>(DIAGRAMS))
                        + ", or Markdown with a mermaid or plantuml block) or " : "") + "document this check reads (Markdown, AsciiDoc,"
                        + " reStructuredText)");
                return new Judged(true, good, defects, unreadable);
            }
            files.put(shownStart, start);
        }
        for (var entry : files.entrySet()) {
            judgeFile(base, entry.getKey(), entry.getValue(), diagram, minWords, files.size() == 1, good, defects, unreadable);
        }
        if (Files.isDirectory(realStart) && good.isEmpty() && defects.isEmpty() && unreadable.isEmpty()) {
            defects.add(Finding.of(shownStart + "/ holds no " + (diagram ? "diagram" : "document (.md, .adoc, .rst)") + ": add one")
                    .key("empty:" + shownStart).at(shownStart).build());
        }
        return new Judged(true, good, defects, unreadable);
    }

    private static String outside(String shown, Path real) {
        return shown + " is a link to " + real + ", outside the project; links out of the project are not read";
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /**
     * Judges one file. In a folder of diagrams, a Markdown file without a diagram block is prose beside them and is
     * neither counted nor a defect ({@code alone} is false); named alone, it must hold one.
     */
    private static void judgeFile(Path base, String shown, Path file, boolean diagram, int minWords, boolean alone,
                                  List<String> good, List<Finding> defects, List<String> unreadable) {
        byte[] bytes;
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(base)) {
                unreadable.add(outside(shown, real));
                return;
            }
            if (!Files.isRegularFile(real)) {
                unreadable.add(shown + " is not a regular file");
                return;
            }
            try (InputStream in = new BoundedInput(Files.newInputStream(real), MAX_FILE_BYTES, shown)) {
                bytes = in.readAllBytes();
            }
        } catch (BoundedInput.LimitExceededException e) {
            unreadable.add(e.getMessage());
            return;
        } catch (IOException e) {
            unreadable.add(shown + " cannot be read: " + Words.oneLine(String.valueOf(e.getMessage()), 200));
            return;
        }
        String extension = extension(file);
        if (bytes.length == 0) {
            defects.add(Finding.of(shown + " is empty: write the document").key("stub:" + shown).at(shown).build());
            return;
        }
        if (DIAGRAMS.contains(extension)) {
            String broken = brokenDiagram(extension, bytes);
            if (broken == null) {
                good.add(shown + " (a diagram)");
            } else {
                defects.add(Finding.of(shown + " " + broken + ": export the diagram again").key("diagram:" + shown).at(shown).build());
            }
            return;
        }
        String text;
        try {
            text = Utf8Text.decode(bytes);
        } catch (IOException e) {
            unreadable.add(shown + " " + e.getMessage());
            return;
        }
        if (diagram) {
            if (hasDiagramBlock(text)) {
                good.add(shown + " (a mermaid or plantuml block)");
            } else if (alone) {
                defects.add(Finding.of(shown + " holds no diagram (no ```mermaid or ```plantuml block): add the diagram, or name its image")
                        .key("diagram:" + shown).at(shown).build());
            }
            return;
        }
        Prose prose = extension.equals("md") || extension.equals("markdown") ? markdown(text) : extension.startsWith("a") ? asciidoc(text)
                : restructured(text);
        if (!prose.heading() || prose.words() < minWords) {
            String missing = !prose.heading() ? "has no heading" + (prose.words() < minWords ? " and " : "") : "";
            String few = prose.words() < minWords ? "holds " + Words.plural(prose.words(), "word") + ", fewer than the " + minWords
                    + " of a document (minWords)" : "";
            defects.add(Finding.of(shown + " is a stub: it " + missing + few + "; write it out").key("stub:" + shown).at(shown)
                    .with("words", prose.words()).with("heading", prose.heading()).build());
        } else {
            good.add(shown + " (" + Words.plural(prose.words(), "word") + ")");
        }
    }

    /** Whether a text has a heading, and how many words it holds. */
    private record Prose(boolean heading, int words) {
    }

    private static Prose markdown(String text) {
        Node document = Parser.builder().build().parse(text);
        boolean[] heading = {false};
        int[] words = {0};
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading node) {
                heading[0] = true;
                visitChildren(node);
            }

            @Override
            public void visit(Text node) {
                words[0] += count(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                words[0] += count(node.getLiteral());
            }
        });
        return new Prose(heading[0], words[0]);
    }

    private static Prose asciidoc(String text) {
        List<String> lines = text.lines().toList();
        boolean heading = lines.stream().anyMatch(l -> ADOC_HEADING.matcher(l).matches());
        return new Prose(heading, lines.stream().filter(l -> !l.startsWith(":") && !l.startsWith("//")).mapToInt(DocumentFiles::count).sum());
    }

    private static Prose restructured(String text) {
        List<String> lines = text.lines().toList();
        boolean heading = false;
        for (int i = 1; i < lines.size() && !heading; i++) {
            String title = lines.get(i - 1).strip();
            heading = !title.isEmpty() && RST_UNDERLINE.matcher(lines.get(i)).matches() && lines.get(i).strip().length() >= title.length()
                    && !RST_UNDERLINE.matcher(title).matches();
        }
        return new Prose(heading, lines.stream().filter(l -> !RST_UNDERLINE.matcher(l).matches() && !l.startsWith(".."))
                .mapToInt(DocumentFiles::count).sum());
    }

    private static int count(String text) {
        return (int) WORD.matcher(text).results().count();
    }

    private static boolean hasDiagramBlock(String text) {
        boolean[] found = {false};
        Parser.builder().build().parse(text).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock node) {
                String info = node.getInfo() == null ? "" : node.getInfo().strip().toLowerCase(Locale.ROOT);
                if ((info.startsWith("mermaid") || info.startsWith("plantuml") || info.startsWith("puml")) && !node.getLiteral().isBlank()) {
                    found[0] = true;
                }
            }
        });
        return found[0];
    }

    /** Why a diagram file is not the diagram its name says, or {@code null} when it is. */
    private static String brokenDiagram(String extension, byte[] bytes) {
        return switch (extension) {
            case "png" -> starts(bytes, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n') ? null : "is not a PNG image";
            case "jpg", "jpeg" -> starts(bytes, 0xff, 0xd8, 0xff) ? null : "is not a JPEG image";
            case "gif" -> starts(bytes, 'G', 'I', 'F', '8') ? null : "is not a GIF image";
            case "svg" -> text(bytes).contains("<svg") ? null : "is not an SVG image (no <svg element)";
            case "drawio", "dio" -> text(bytes).contains("<mxfile") || text(bytes).contains("<mxGraphModel") ? null
                    : "is not a draw.io diagram (no <mxfile> or <mxGraphModel>)";
            case "puml", "plantuml", "pu" -> text(bytes).contains("@start") ? null : "is not PlantUML source (no @startuml)";
            default -> text(bytes).lines().filter(l -> !l.isBlank() && !l.strip().startsWith("%%") && !l.strip().equals("---"))
                    .findFirst().map(l -> MERMAID_START.matcher(l).matches()).orElse(false) ? null
                    : "is not Mermaid source (it does not start with a diagram type such as flowchart or sequenceDiagram)";
        };
    }

    private static boolean starts(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOf(bytes, signature.length), toBytes(signature));
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
