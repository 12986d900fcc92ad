package dev.readiness.checks.coverage;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.coverage.CoverageConfig.Counter;
import dev.readiness.checks.coverage.JacocoXmlReport.ReportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Fuzzes the reader of a JaCoCo XML report's totals, alone and as the {@code coverage} check's
 * fallback when there is no execution data, with any bytes as {@code target/site/jacoco/jacoco.xml}.
 * Seeds: a report JaCoCo's {@code XMLFormatter} wrote for the coverage samples, and broken shapes. A
 * normal build replays them and every kept finding in {@code JacocoXmlReportFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=JacocoXmlReportFuzzTest} fuzzes the first target.
 */
class JacocoXmlReportFuzzTest {

    private static final String SHOWN = "target/site/jacoco/jacoco.xml";
    private static final Map<Counter, Ratio> LIMITS = CoverageCheckFuzzTest.LIMITS;

    @TempDir
    Path project;

    /**
     * The totals read are the report's own: a report without a DOCTYPE that the JDK's DOM reads (with
     * namespaces, as the streaming reader does) gives
     * the same six counters from the direct {@code counter} children of {@code <report>} (each at most
     * once, with whole numbers that fit); anything else is a {@link ReportException} with a one-line
     * message naming the file. No other exception.
     */
    @FuzzTest(maxDuration = "10m")
    void readsTheReportsTotalsOrRefusesThemInOneLine(byte[] bytes) throws IOException {
        Path file = write(bytes);
        Map<Counter, long[]> expected = expected(bytes);
        Counts counts;
        try {
            counts = JacocoXmlReport.totals(file, SHOWN);
        } catch (ReportException e) {
            check(e.getMessage().startsWith(SHOWN + " ") && isOneLine(e.getMessage()), () -> "message: " + e.getMessage());
            check(expected == null, () -> "refused a report the DOM reads: " + e.getMessage());
            return;
        }
        for (Counter counter : Counter.values()) {
            check(counts.covered(counter) >= 0 && counts.missed(counter) >= 0 && counts.total(counter) >= 0,
                    () -> counter + " is " + counts.covered(counter) + " of " + counts.total(counter));
        }
        if (expected != null) {
            for (Counter counter : Counter.values()) {
                long[] figure = expected.get(counter);
                check(counts.covered(counter) == figure[0] && counts.missed(counter) == figure[1],
                        () -> counter + ": " + counts.covered(counter) + " covered, " + counts.missed(counter) + " missed; the DOM reads "
                                + figure[0] + " and " + figure[1]);
            }
        }
    }

    /**
     * The check without execution data, on the fuzzed report: ERROR with a one-line summary when the
     * report cannot be read or counts no instruction; otherwise its counters are the report's totals and
     * it passes exactly when each meets its limit (a line limit on a report without lines is an ERROR).
     */
    @FuzzTest(maxDuration = "10m")
    void coverageCheckPassesOnlyOnTotalsThatMeetTheLimits(byte[] bytes) throws IOException, InterruptedException {
        write(bytes);
        Counts totals;
        try {
            totals = JacocoXmlReport.totals(project.resolve(SHOWN), SHOWN);
        } catch (ReportException e) {
            totals = null;
        }
        Result result = new CoverageCheck().run(new CoverageConfig(null, null, LIMITS, null, null),
                CheckContext.builder(project).build());
        check(isOneLine(result.summary()), () -> "one-line summary: " + result.summary());
        Status expected;
        if (totals == null || totals.total(Counter.INSTRUCTION) == 0 || totals.total(Counter.LINE) == 0) {
            expected = Status.ERROR;
        } else {
            boolean met = true;
            for (Counter counter : Counter.values()) {
                met &= totals.total(counter) == 0 || LIMITS.get(counter).isMetBy(totals.covered(counter), totals.total(counter));
            }
            expected = met ? Status.PASS : Status.FAIL;
            check(totals.asEvidence().equals(result.evidence().get("counters")), () -> "the counters are the report's totals");
        }
        check(result.status() == expected, () -> "status " + result.status() + ", expected " + expected + ": " + result.summary());
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = project.resolve(SHOWN);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /**
     * The six totals as the JDK's namespace-aware DOM reads them, by local name as the streaming reader
     * does (covered, missed; 0 and 0 when absent); {@code null} when the report declares a DOCTYPE (refused
     * by this DOM parser, skipped by the reader), the DOM refuses it, or it is not a JaCoCo report by the
     * reader's rules.
     */
    private static Map<Counter, long[]> expected(byte[] bytes) {
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE")) {
            return null;
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            document = builder.parse(new ByteArrayInputStream(bytes));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return null;
        }
        Element root = document.getDocumentElement();
        if (!"report".equals(root.getLocalName())) {
            return null;
        }
        Map<Counter, long[]> totals = new EnumMap<>(Counter.class);
        for (Counter counter : Counter.values()) {
            totals.put(counter, new long[2]);
        }
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element counter) || !"counter".equals(counter.getLocalName())) {
                continue;
            }
            Counter type;
            try {
                type = Counter.valueOf(counter.getAttributeNS(null, "type"));
            } catch (IllegalArgumentException e) {
                continue;
            }
            long[] figure = totals.get(type);
            if (figure[0] + figure[1] > 0) {
                return null;
            }
            try {
                figure[0] = Integer.parseInt(counter.getAttributeNS(null, "covered"));
                figure[1] = Integer.parseInt(counter.getAttributeNS(null, "missed"));
            } catch (NumberFormatException e) {
                return null;
            }
            if (figure[0] < 0 || figure[1] < 0 || figure[0] + figure[1] > Integer.MAX_VALUE) {
                return null;
            }
        }
        return totals;
    }
}
