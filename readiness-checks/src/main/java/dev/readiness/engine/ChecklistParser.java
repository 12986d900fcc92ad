package dev.readiness.engine;

import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a team's Markdown checklist with commonmark-java and its task-list extension: every task
 * item ({@code - [ ]} or {@code - [x]}) with its section heading, a stable key and its
 * {@code <!-- readiness: id -->} markers. Fails on a missing, oversized or non-UTF-8 file, on one
 * without a single task item, or on one nesting block quotes and lists {@value #MAX_OPEN_BLOCKS}
 * blocks deep, where the parser stops opening blocks and would read what lies deeper as plain text.
 */
public final class ChecklistParser {

    /** The largest checklist this reads: 4 MiB. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /**
     * The most blocks open at once, the document's among them, that the parser follows: an item inside
     * 100 block quotes is read, one inside 100,000 refuses the checklist.
     */
    static final int MAX_OPEN_BLOCKS = 256;

    private static final Pattern IDS_SEPARATOR = Pattern.compile("[,\\s]+");

    private final Parser parser = Parser.builder()
            .extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
            .build();

    /** Parses the checklist file; {@code shownAs} is how messages and reports name it. */
    public Checklist parse(Path file, String shownAs) throws ConfigurationException {
        String markdown;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_BYTES, "checklist " + shownAs)) {
            markdown = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("checklist " + shownAs + " does not exist: create it or point <checklist> at your checklist");
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("checklist " + shownAs + " is not UTF-8 text: save it as UTF-8 Markdown");
        } catch (IOException e) {
            throw new ConfigurationException("checklist " + shownAs + " cannot be read: " + e.getMessage());
        }
        Checklist checklist = parse(markdown, shownAs);
        if (checklist.items().isEmpty()) {
            throw new ConfigurationException("checklist " + shownAs + " has no task items: write each item as '- [ ] text'");
        }
        return checklist;
    }

    /**
     * Parses Markdown text; a byte order mark before it is not part of the first line.
     *
     * @throws ConfigurationException when blocks nest so deep that the parser may have read a task item as text
     */
    public Checklist parse(String markdown, String shownAs) throws ConfigurationException {
        Node document = parser.parse(markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown);
        int tooDeep = lineNestedTooDeep(document);
        if (tooDeep > 0) {
            throw new ConfigurationException("checklist " + shownAs + " nests block quotes and lists too deep at line " + tooDeep
                    + ": " + MAX_OPEN_BLOCKS + " blocks open at once, more than the " + (MAX_OPEN_BLOCKS - 1)
                    + " the Markdown reader follows, so a task item there would be lost; nest it less");
        }
        Collector collector = new Collector();
        document.accept(collector);
        return new Checklist(shownAs, collector.title == null ? "Production readiness" : collector.title, collector.items);
    }

    /**
     * The line of the first block nested {@value #MAX_OPEN_BLOCKS} deep (the document counts as one),
     * where the parser stopped opening blocks and read the rest as text; 0 when none is. Walked without
     * recursion.
     */
    private static int lineNestedTooDeep(Node document) {
        Node node = document;
        int depth = 1;
        while (node != null) {
            if (depth >= MAX_OPEN_BLOCKS) {
                return node.getSourceSpans().isEmpty() ? 1 : node.getSourceSpans().get(0).getLineIndex() + 1;
            }
            Node child = firstBlock(node.getFirstChild());
            if (child != null) {
                node = child;
                depth++;
                continue;
            }
            while (node != null && firstBlock(node.getNext()) == null) {
                node = node.getParent();
                depth--;
            }
            node = node == null ? null : firstBlock(node.getNext());
        }
        return 0;
    }

    /** The node or the first block after it among its siblings; {@code null} when none is a block. */
    private static Node firstBlock(Node node) {
        Node block = node;
        while (block != null && !(block instanceof Block)) {
            block = block.getNext();
        }
        return block;
    }

    /** The slug of a text: lower case ASCII words joined by dashes. */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "item" : slug;
    }

    /**
     * The claim ids of a {@code <!-- readiness: a, b.c -->} comment, or {@code null} when the HTML is
     * no such comment. Read by position, not by a backtracking pattern: a long comment costs linear time.
     */
    static List<String> markerIds(String html) {
        String comment = html.strip();
        if (!comment.startsWith("<!--") || !comment.endsWith("-->") || comment.length() < 7) {
            return null;
        }
        String body = comment.substring(4, comment.length() - 3);
        int colon = body.indexOf(':');
        if (colon < 0 || !body.substring(0, colon).strip().equalsIgnoreCase("readiness")) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (String id : IDS_SEPARATOR.split(body.substring(colon + 1))) {
            if (!id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static final class Collector extends AbstractVisitor {
        private final List<Item> items = new ArrayList<>();
        /** How many items had each slug, and every key given so far. */
        private final Map<String, Integer> slugs = new HashMap<>();
        private final Set<String> keys = new HashSet<>();
        private String title;
        private String section = "";
        /** The open headings by level (index 0 for level 1); null where a level is not open. */
        private final String[] open = new String[6];

        @Override
        public void visit(Heading heading) {
            String text = plainText(heading, new ArrayList<>()).trim();
            if (heading.getLevel() == 1 && title == null) {
                title = text;
            } else {
                section = text;
                open[heading.getLevel() - 1] = text;
                java.util.Arrays.fill(open, heading.getLevel(), open.length, null);
            }
        }

        private List<String> headings() {
            List<String> path = new ArrayList<>();
            for (String heading : open) {
                if (heading != null) {
                    path.add(heading);
                }
            }
            return path;
        }

        @Override
        public void visit(ListItem listItem) {
            // The task-list extension puts its marker first in the list item, before the paragraph.
            if (listItem.getFirstChild() instanceof TaskListItemMarker marker && marker.getNext() instanceof Paragraph paragraph) {
                List<String> markers = new ArrayList<>();
                String text = plainText(paragraph, markers).replaceAll("\\s+", " ").trim();
                if (!text.isEmpty()) {
                    String key = uniqueKey(slug(text));
                    int line = listItem.getSourceSpans().isEmpty() ? 0 : listItem.getSourceSpans().get(0).getLineIndex() + 1;
                    items.add(new Item(key, section, text, marker.isChecked(), markers, line, headings()));
                }
            }
            visitChildren(listItem);
        }

        /**
         * The item's key: its slug, {@code slug-2} for the second item of that slug and so on, passing
         * over a key an earlier item already holds ("Backups 2" before a second "Backups").
         */
        private String uniqueKey(String slug) {
            int seen = slugs.merge(slug, 1, Integer::sum);
            String key = seen == 1 ? slug : slug + "-" + seen;
            while (!keys.add(key)) {
                seen = slugs.merge(slug, 1, Integer::sum);
                key = slug + "-" + seen;
            }
            return key;
        }

        private static String plainText(Node parent, List<String> markers) {
            StringBuilder text = new StringBuilder();
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof Text t) {
                    text.append(t.getLiteral());
                } else if (node instanceof Code c) {
                    text.append(c.getLiteral());
                } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                    text.append(' ');
                } else if (node instanceof HtmlInline html) {
                    List<String> ids = markerIds(html.getLiteral());
                    if (ids != null) {
                        markers.addAll(ids);
                    } else {
                        text.append(html.getLiteral());
                    }
                } else if (!(node instanceof TaskListItemMarker)) {
                    text.append(plainText(node, markers));
                }
            }
            return text.toString();
        }
    }
}
