package dev.readiness.report;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.engine.CheckRun;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Outcome;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code TEST-readiness.xml}: JUnit XML with one testcase per item, so CI servers show the
 * gate as tests. FAIL is a failure, ERROR an error, SKIPPED, MANUAL and WAIVED are skipped with the reason.
 */
public final class JUnitReport {

    /** The bytes gathered before each write to the file. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private JUnitReport() {
    }

    /** Writes the report to {@code file}, replacing it. */
    public static void write(Outcome outcome, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(outcome, out);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the report to {@code out} through a buffer, a few writes for any number of items; the caller closes it. */
    static void write(Outcome outcome, OutputStream out) throws IOException, XMLStreamException {
        Map<Status, Integer> counts = outcome.counts();
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        // the JDK's writer, not whichever StAX implementation a jar on the plugin's class path names (no service lookup either)
        XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(buffered, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "readiness." + outcome.project().artifactId());
        xml.writeAttribute("tests", Integer.toString(outcome.items().size()));
        xml.writeAttribute("failures", Integer.toString(counts.get(Status.FAIL)));
        xml.writeAttribute("errors", Integer.toString(counts.get(Status.ERROR)));
        xml.writeAttribute("skipped", Integer.toString(counts.get(Status.SKIPPED) + counts.get(Status.MANUAL) + counts.get(Status.WAIVED)));
        long millis = outcome.checks().stream().mapToLong(CheckRun::durationMs).max().orElse(0);
        xml.writeAttribute("time", seconds(millis));
        xml.writeCharacters("\n");
        for (ItemResult item : outcome.items()) {
            testcase(xml, outcome, item);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
        buffered.flush();
    }

    private static void testcase(XMLStreamWriter xml, Outcome outcome, ItemResult item) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        String section = item.item().section().isEmpty() ? "checklist" : item.item().section();
        xml.writeAttribute("classname", Text.xml(Text.oneLine(section)));
        xml.writeAttribute("name", Text.xml(Text.oneLine(item.item().text())));
        long millis = item.checks().stream().map(outcome::check).filter(java.util.Objects::nonNull)
                .mapToLong(CheckRun::durationMs).max().orElse(0);
        xml.writeAttribute("time", seconds(millis));
        String message = Text.xml(Text.oneLine(item.evidence()));
        switch (item.status()) {
            case FAIL, ERROR -> {
                xml.writeStartElement(item.status() == Status.FAIL ? "failure" : "error");
                xml.writeAttribute("message", message);
                xml.writeAttribute("type", String.join(",", item.claims().stream().map(ClaimVerdict::id).toList()));
                xml.writeCharacters(Text.xml(details(item)));
                xml.writeEndElement();
            }
            case SKIPPED, MANUAL, WAIVED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", message);
            }
            default -> {
            }
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static String details(ItemResult item) {
        StringBuilder text = new StringBuilder();
        for (ClaimVerdict claim : item.claims()) {
            Result result = claim.result();
            text.append(claim.id()).append(": ").append(claim.status()).append(", ").append(Text.oneLine(result.summary())).append('\n');
            for (Finding f : result.findings()) {
                text.append("  - ").append(Text.oneLine(f.message()));
                if (f.location() != null) {
                    text.append(" (").append(Text.oneLine(f.location())).append(')');
                }
                text.append('\n');
            }
            if (result.remedy() != null) {
                text.append("  fix: ").append(Text.oneLine(result.remedy())).append('\n');
            }
        }
        return text.toString();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
