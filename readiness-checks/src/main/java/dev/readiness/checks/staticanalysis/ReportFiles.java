package dev.readiness.checks.staticanalysis;

import dev.readiness.io.SafeXml;
import dev.readiness.io.ToolFiles;
import dev.readiness.io.UnreadableFileException;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Reading a report from outside: XML through the hardened parser, bounded as {@link ToolFiles} bounds it; every failure one line. */
final class ReportFiles {

    /** The longest message or name kept from a report, in characters. */
    static final int MAX_TEXT = 300;

    private ReportFiles() {
    }

    /** The report's root element, which must be {@code root}. */
    static Element xml(Path file, String root, String what) throws UnreadableFileException {
        Document document;
        try (InputStream in = ToolFiles.open(file)) {
            document = SafeXml.parse(in);
        } catch (SAXParseException e) {
            throw new UnreadableFileException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + oneLine(e.getMessage()));
        } catch (SAXException | IOException e) {
            throw new UnreadableFileException(oneLine(e.getMessage()));
        }
        Element element = document.getDocumentElement();
        if (!element.getTagName().equals(root)) {
            throw new UnreadableFileException("its root element is <" + oneLine(element.getTagName()) + ">, not <" + root
                    + ">: not " + what);
        }
        return element;
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
