package dev.readiness.checks.coverage;

import dev.readiness.checks.coverage.CoverageConfig.Counter;
import dev.readiness.io.BoundedInput;
import dev.readiness.io.SafeXml;
import dev.readiness.text.Words;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the report-level counters of a JaCoCo XML report ({@code jacoco.xml}): the
 * {@code <counter>} elements that are direct children of {@code <report>}, JaCoCo's totals.
 *
 * <p>The report is streamed (a large project's report is tens of megabytes, and its totals come
 * last), with the hardened StAX parser of {@link SafeXml#newXmlInputFactory()}: no DTD
 * processing, no external entities. JaCoCo writes a DOCTYPE naming {@code report.dtd}, so the
 * DOCTYPE is skipped (never fetched) rather than refused.
 */
final class JacocoXmlReport {

    static final long MAX_BYTES = 512L << 20;

    private static final XMLInputFactory FACTORY = SafeXml.newXmlInputFactory();

    private JacocoXmlReport() {
    }

    /** A report that is not JaCoCo's XML or is broken; the message is one line. */
    static final class ReportException extends Exception {
        ReportException(String message) {
            super(message);
        }
    }

    /**
     * Reads the totals; a counter the report leaves out (JaCoCo omits those with nothing to count) is 0 of 0,
     * and one it gives twice, whatever its figures, makes the report broken.
     *
     * @param shown how the file is named in messages: {@code target/site/jacoco/jacoco.xml}
     */
    static Counts totals(Path file, String shown) throws IOException, ReportException {
        Counts counts = new Counts();
        Set<Counter> seen = EnumSet.noneOf(Counter.class);
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_BYTES, shown)) {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
            try {
                int depth = 0;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (depth == 1 && !"report".equals(xml.getLocalName())) {
                            throw new ReportException(shown + " is not a JaCoCo XML report: its root element is <"
                                    + xml.getLocalName() + ">, not <report>");
                        }
                        if (depth == 2 && "counter".equals(xml.getLocalName())) {
                            read(xml, counts, seen, shown);
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            // A byte sequence its encoding does not allow is a broken report, not a failure to read the file.
            if (e.getNestedException() instanceof IOException io && !(io instanceof CharConversionException)) {
                throw io;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String why = message.lines().reduce((a, b) -> b).orElse(message).replaceFirst("^Message: ", "");
            String where = e.getLocation() == null || e.getLocation().getLineNumber() < 1 ? ""
                    : " (line " + e.getLocation().getLineNumber() + ")";
            throw new ReportException(shown + " is not well-formed XML" + where + ": " + why);
        } catch (RuntimeException e) {
            // The JDK's StAX reader throws unchecked exceptions on some malformed input (a
            // MissingResourceException for a character a skipped DOCTYPE may not hold): a broken report too.
            throw new ReportException(shown + " is not well-formed XML: the XML reader stopped on it ("
                    + e.getClass().getSimpleName() + ")");
        }
        return counts;
    }

    private static void read(XMLStreamReader xml, Counts counts, Set<Counter> seen, String shown) throws ReportException {
        String type = xml.getAttributeValue(null, "type");
        Counter counter = Arrays.stream(Counter.values()).filter(c -> c.name().equals(type)).findFirst().orElse(null);
        if (counter == null) {
            return; // not one of the six counters this check reports
        }
        String missed = xml.getAttributeValue(null, "missed");
        String covered = xml.getAttributeValue(null, "covered");
        if (!seen.add(counter)) {
            throw new ReportException(shown + " is not a JaCoCo XML report: it gives the report's " + type + " counter twice");
        }
        try {
            int c = Integer.parseInt(covered);
            int m = Integer.parseInt(missed);
            if (c >= 0 && m >= 0 && (long) c + m <= Integer.MAX_VALUE) {
                counts.add(counter, c, m);
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ReportException(shown + " is not a JaCoCo XML report: its " + type + " counter has missed=\""
                + Words.oneLine(String.valueOf(missed), 40) + "\" covered=\"" + Words.oneLine(String.valueOf(covered), 40) + "\"");
    }
}
