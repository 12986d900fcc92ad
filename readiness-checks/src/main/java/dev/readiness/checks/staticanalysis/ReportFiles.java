package dev.readiness.checks.staticanalysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.checks.staticanalysis.Report.UnreadableException;
import dev.readiness.io.BoundedInput;
import dev.readiness.io.SafeXml;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Reading a report from outside: bounded in size, XML through the hardened parser, JSON with limits; every failure one line. */
final class ReportFiles {

    /** The largest report read, in bytes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /** The deepest JSON nesting read: SARIF nests about a dozen levels. */
    static final int MAX_JSON_DEPTH = 100;

    /** The longest message or name kept from a report, in characters. */
    static final int MAX_TEXT = 300;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ReportFiles() {
    }

    /** The report's root element, which must be {@code root}. */
    static Element xml(Path file, String root, String what) throws UnreadableException {
        Document document;
        try (InputStream in = open(file)) {
            document = SafeXml.parse(in);
        } catch (SAXParseException e) {
            throw new UnreadableException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + oneLine(e.getMessage()));
        } catch (SAXException | IOException e) {
            throw new UnreadableException(oneLine(e.getMessage()));
        }
        Element element = document.getDocumentElement();
        if (!element.getTagName().equals(root)) {
            throw new UnreadableException("its root element is <" + oneLine(element.getTagName()) + ">, not <" + root
                    + ">: not " + what);
        }
        return element;
    }

    /** The report as a JSON tree. */
    static JsonNode json(Path file) throws UnreadableException {
        try (InputStream in = open(file)) {
            return JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UnreadableException("not well-formed JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UnreadableException(oneLine(e.getMessage()));
        }
    }

    private static InputStream open(Path file) throws IOException, UnreadableException {
        long size = Files.size(file);
        if (size == 0) {
            throw new UnreadableException("the file is empty");
        }
        if (size > MAX_BYTES) {
            throw new UnreadableException("the file is " + size + " bytes, more than the " + MAX_BYTES + " bytes a report may have");
        }
        return new BoundedInput(Files.newInputStream(file), MAX_BYTES, "the file");
    }

    /** The text on one line, cut to {@link #MAX_TEXT}; "" for none. */
    static String oneLine(String text) {
        return Words.cut(Words.oneLine(text), MAX_TEXT);
    }

    /** A whole number, or {@code fallback} when the text is none. */
    static int integer(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The child elements of {@code parent} with this name, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
