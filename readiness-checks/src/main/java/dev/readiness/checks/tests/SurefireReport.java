package dev.readiness.checks.tests;

import dev.readiness.io.BoundedInput;
import dev.readiness.io.SafeXml;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One JUnit XML test report (Surefire's or Failsafe's {@code TEST-*.xml}, or an end-to-end suite's),
 * read with the hardened parser and counted per
 * {@code testcase} as Surefire counts when it prints "Tests run: 9, Failures: 1, Errors: 1, Skipped: 1,
 * Flakes: 1": a {@code failure} or {@code error} (also one found only as {@code rerunFailure} or
 * {@code rerunError}) fails the test; {@code skipped} skips it; {@code flakyFailure} or
 * {@code flakyError} alone means it passed on a rerun. The root is {@code testsuite}, or a
 * {@code testsuites} wrapper around several.
 */
final class SurefireReport {

    /** The longest first line of a failure message kept, in characters. */
    static final int MAX_MESSAGE_CHARS = 500;

    /** How much of a stack trace is searched for the test's own frame, in characters. */
    static final int MAX_TRACE_CHARS = 64 * 1024;

    /** The longest class name, test name or exception type kept, in characters: a 50 MB name is not copied into every report. */
    static final int MAX_NAME_CHARS = 300;

    /** A test that failed (kind {@code failure}) or broke (kind {@code error}), even after reruns. */
    /**
     * @param source the test's own frame of the stack trace, {@code CartTest.java:42}, or "" when the trace names none
     */
    record FailedTest(String className, String method, String kind, String type, String message, String source) {

        /** The source file the frame names ({@code CartTest.java}), or "". */
        String sourceFile() {
            int colon = source.lastIndexOf(':');
            return colon < 0 ? source : source.substring(0, colon);
        }

        /** The line the frame names, or 0. */
        int line() {
            int colon = source.lastIndexOf(':');
            try {
                return colon < 0 ? 0 : Integer.parseInt(source.substring(colon + 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** "AveragingTest.averagesRoundedUp", as Surefire names a test of a Java class in its summary. */
        String javaName() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return method.isEmpty() ? simple : simple + "." + method;
        }

        /** "checkout.spec.ts › checkout › pays with card", as Playwright names a test of a spec file. */
        String specName() {
            return method.isEmpty() ? className : className + " › " + method;
        }
    }

    /**
     * Where a suite's declared counts and its testcases disagree, as a phrase ("the suite com.shop.CheckoutTest
     * counts 12 tests, but holds 1 testcase").
     *
     * @param hidesFailure whether the suite counts more failing tests than its testcases hold
     */
    record Disagreement(String phrase, boolean hidesFailure) {
    }

    /** What a testcase came to. */
    private enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    int tests;
    int failures;
    int errors;
    int skipped;
    int flaky;
    final List<FailedTest> failed = new ArrayList<>();
    /** The first suite counting failing tests its testcases do not hold, else the first other disagreement; {@code null} when none. */
    Disagreement disagreement;

    private SurefireReport() {
    }

    /**
     * Reads a report of at most {@code maxBytes}.
     *
     * @param name how the file is shown in messages (relative to the project folder)
     * @throws UnreadableReportException when the file is empty, too large, not well-formed XML in its
     *                                   encoding (a DOCTYPE, hence any entity payload, is refused), or
     *                                   not a test report
     */
    static SurefireReport read(Path file, String name, long maxBytes) throws UnreadableReportException {
        Document document;
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new UnreadableReportException(name, "the file is empty");
            }
            if (size > maxBytes) {
                throw new UnreadableReportException(name, "the file is " + size + " bytes, more than the "
                        + maxBytes + " bytes a report may have");
            }
            try (InputStream in = new BoundedInput(Files.newInputStream(file), maxBytes, name)) {
                document = SafeXml.parse(in);
            }
        } catch (SAXParseException e) {
            throw new UnreadableReportException(name, "not well-formed XML at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + firstLine(e.getMessage()));
        } catch (UnsupportedEncodingException e) {
            throw new UnreadableReportException(name, "the report declares the encoding '" + Words.oneLine(String.valueOf(e.getMessage()), 60)
                    + "', which this JVM does not support");
        } catch (SAXException | IOException e) {
            throw new UnreadableReportException(name, firstLine(e.getMessage()));
        }
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("testsuite") && !root.getTagName().equals("testsuites")) {
            throw new UnreadableReportException(name, "its root element is <" + root.getTagName()
                    + ">, not <testsuite> or <testsuites>: not a JUnit XML test report");
        }
        SurefireReport report = new SurefireReport();
        Map<Element, int[]> countedBySuite = new IdentityHashMap<>();
        NodeList testcases = root.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            Outcome outcome = report.count(testcase);
            for (Node up = testcase.getParentNode(); up instanceof Element suite; up = up.getParentNode()) {
                if (isSuite(suite)) {
                    int[] counted = countedBySuite.computeIfAbsent(suite, s -> new int[Outcome.values().length]);
                    counted[outcome.ordinal()]++;
                }
            }
        }
        List<Element> suites = new ArrayList<>(List.of(root));
        for (String tag : List.of("testsuite", "testsuites")) {
            NodeList nested = root.getElementsByTagName(tag);
            for (int i = 0; i < nested.getLength(); i++) {
                suites.add((Element) nested.item(i));
            }
        }
        for (Element suite : suites) {
            Disagreement found = disagreement(suite, countedBySuite.getOrDefault(suite, new int[Outcome.values().length]));
            if (found != null && (report.disagreement == null || found.hidesFailure() && !report.disagreement.hidesFailure())) {
                report.disagreement = found;
            }
        }
        return report;
    }

    private static boolean isSuite(Element element) {
        return element.getTagName().equals("testsuite") || element.getTagName().equals("testsuites");
    }

    /** How the suite's declared counts disagree with its testcases' outcomes; {@code null} when they agree or it declares none. */
    private static Disagreement disagreement(Element suite, int[] counted) {
        int testcases = counted[Outcome.PASSED.ordinal()] + counted[Outcome.FAILED.ordinal()] + counted[Outcome.SKIPPED.ordinal()];
        int failing = counted[Outcome.FAILED.ordinal()];
        int skippedCases = counted[Outcome.SKIPPED.ordinal()];
        String shown = suite.getAttribute("name").isBlank() ? "the <" + suite.getTagName() + ">"
                : "the suite " + Words.oneLine(suite.getAttribute("name"), 100);
        for (String attribute : List.of("tests", "failures", "errors", "skipped")) {
            String value = suite.getAttribute(attribute).strip();
            if (!value.isEmpty() && count(value) < 0) {
                return new Disagreement(shown + " gives " + attribute + "=\"" + Words.oneLine(value, 40) + "\", which is not a count", false);
            }
        }
        Integer failures = declared(suite, "failures");
        Integer errors = declared(suite, "errors");
        if ((failures != null || errors != null) && orZero(failures) + orZero(errors) > failing) {
            return new Disagreement(shown + " counts " + Words.plural(orZero(failures), "failure") + " and "
                    + Words.plural(orZero(errors), "error") + ", but " + (failing == 0 ? "none" : "only " + failing)
                    + " of its " + Words.plural(testcases, "testcase") + " failed", true);
        }
        Integer tests = declared(suite, "tests");
        if (tests != null && tests != testcases) {
            return new Disagreement(shown + " counts " + Words.plural(tests, "test") + ", but holds "
                    + Words.plural(testcases, "testcase"), false);
        }
        Integer skips = declared(suite, "skipped");
        if (skips != null && skips != skippedCases) {
            return new Disagreement(shown + " counts " + skips + " skipped, but " + skippedCases + " of its "
                    + Words.plural(testcases, "testcase") + " were skipped", false);
        }
        return null;
    }

    /** The count the suite declares in this attribute (checked to be one); {@code null} when it declares none. */
    private static Integer declared(Element suite, String attribute) {
        String value = suite.getAttribute(attribute).strip();
        return value.isEmpty() ? null : count(value);
    }

    /** The text as a count; -1 when it is not a whole number from 0 to {@link Integer#MAX_VALUE}. */
    private static int count(String text) {
        try {
            return Math.max(-1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : count;
    }

    private Outcome count(Element testcase) {
        tests++;
        Element failure = null;
        Element rerunFailure = null;
        boolean wasSkipped = false;
        boolean wasFlaky = false;
        for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                switch (element.getTagName()) {
                    case "failure", "error" -> failure = failure == null ? element : failure;
                    case "rerunFailure", "rerunError" -> rerunFailure = rerunFailure == null ? element : rerunFailure;
                    case "skipped" -> wasSkipped = true;
                    case "flakyFailure", "flakyError" -> wasFlaky = true;
                    default -> {
                    }
                }
            }
        }
        Element cause = failure != null ? failure : rerunFailure;
        if (cause != null) {
            String kind = cause.getTagName().toLowerCase(Locale.ROOT).endsWith("failure") ? "failure" : "error";
            if (kind.equals("failure")) {
                failures++;
            } else {
                errors++;
            }
            String message = firstLine(cause.getAttribute("message"));
            if (message.isEmpty()) {
                message = firstLine(leadingText(cause));
            }
            String className = name(testcase.getAttribute("classname"));
            String method = name(testcase.getAttribute("name"));
            failed.add(new FailedTest(className, method, kind, name(cause.getAttribute("type")), message,
                    frame(leadingText(cause, MAX_TRACE_CHARS), className, method)));
            return Outcome.FAILED;
        }
        if (wasSkipped) {
            skipped++;
            return Outcome.SKIPPED;
        }
        if (wasFlaky) {
            flaky++;
        }
        return Outcome.PASSED;
    }

    /**
     * The file and line of the test method's own frame in a stack trace, {@code CartTest.java:42}: the
     * frame {@code at com.shop.CartTest.totals(CartTest.java:42)}, found by plain string search; "" when
     * the trace has none (a failure in setup, a trace cut short, a suite that is not Java).
     */
    static String frame(String trace, String className, String method) {
        if (className.isEmpty() || method.isEmpty()) {
            return "";
        }
        String call = "at " + className + "." + method + "(";
        int at = trace.indexOf(call);
        if (at < 0) {
            return "";
        }
        int start = at + call.length();
        int end = trace.indexOf(')', start);
        String source = end < 0 ? "" : trace.substring(start, end);
        int colon = source.lastIndexOf(':');
        return colon > 0 && source.substring(0, colon).endsWith(".java") && source.substring(colon + 1).chars().allMatch(Character::isDigit)
                && colon < source.length() - 1 ? source : "";
    }

    /** The first non-blank line, stripped and cut to {@link #MAX_MESSAGE_CHARS}; empty for none. */
    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return Words.cut(line, MAX_MESSAGE_CHARS + 1);
    }

    private static String name(String attribute) {
        return Words.cut(attribute.strip(), MAX_NAME_CHARS);
    }

    /**
     * The element's text in document order, walked without recursion and read only up to a few
     * times the longest message kept (a stack trace's first line is what is shown).
     */
    private static String leadingText(Element element) {
        return leadingText(element, 4 * MAX_MESSAGE_CHARS);
    }

    /** The element's text in document order, walked without recursion, read up to about {@code max} characters. */
    private static String leadingText(Element element, int max) {
        StringBuilder text = new StringBuilder();
        Node node = element.getFirstChild();
        while (node != null && text.length() <= max) {
            if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
            } else {
                while (node != null && node != element && node.getNextSibling() == null) {
                    node = node.getParentNode();
                }
                node = node == null || node == element ? null : node.getNextSibling();
            }
        }
        return text.toString();
    }

    /** Why a report could not be read: its message is a phrase that follows the file's name. */
    static final class UnreadableReportException extends Exception {
        private final String file;

        UnreadableReportException(String file, String reason) {
            super(reason);
            this.file = file;
        }

        /** The report, as shown in messages. */
        String file() {
            return file;
        }
    }
}
