package dev.readiness.checks.performance;

import dev.readiness.checks.performance.LoadRun.Figures;
import dev.readiness.io.UnreadableFileException;
import dev.readiness.text.Words;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a JMeter {@code .jtl} in its CSV form (the default: a header row naming the columns, then one row per sample),
 * streaming it row by row: requests, failures, users, duration and, per label, latency percentiles in an HdrHistogram
 * of three significant digits (exact to the millisecond up to 2,047 ms, within 0.1% above; the value printed is the
 * highest the bucket holds, so it never reads better than the sample). Memory is bounded by the number of labels, not
 * the length of the file.
 */
final class JmeterResults {

    /** The columns read; the others of JMeter's default set may be there or not. */
    static final List<String> REQUIRED = List.of("timeStamp", "elapsed", "label", "success");

    /** The most distinct labels kept; a file with more is refused rather than growing without bound. */
    static final int MAX_LABELS = 1000;

    /** The longest line read, in characters: a sample row is a few hundred. */
    static final int MAX_LINE = 64 * 1024;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private JmeterResults() {
    }

    /** The run the file records. */
    static LoadRun read(Path file, String shown) throws UnreadableFileException {
        Tally all = new Tally();
        Map<String, Tally> byLabel = new LinkedHashMap<>();
        Integer users = null;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (Reader reader = new BoundedLines(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = FORMAT.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new UnreadableFileException("the file is empty");
            }
            for (String column : REQUIRED) {
                if (!header.contains(column)) {
                    throw new UnreadableFileException("its first line has no " + column + " column (it has " + Words.oneLine(
                            String.join(",", header), 200) + "): not a JMeter CSV result with its header row");
                }
            }
            String usersColumn = header.contains("allThreads") ? "allThreads" : header.contains("grpThreads") ? "grpThreads" : null;
            long line = parser.getCurrentLineNumber() + 1;
            for (CSVRecord row : parser) {
                if (row.size() != header.size()) {
                    throw new UnreadableFileException("line " + line + " has " + row.size() + " fields, but the header names "
                            + header.size());
                }
                long time = number(row, "timeStamp", line);
                long elapsed = number(row, "elapsed", line);
                String success = row.get("success");
                if (!success.equals("true") && !success.equals("false")) {
                    throw new UnreadableFileException("line " + line + ": success is '" + Words.oneLine(success, 40)
                            + "', not true or false");
                }
                String label = Words.oneLine(row.get("label"), 200);
                Tally tally = byLabel.get(label);
                if (tally == null) {
                    if (byLabel.size() == MAX_LABELS) {
                        throw new UnreadableFileException("it has more than " + MAX_LABELS + " distinct labels; name the samplers "
                                + "so that requests of one kind share a label");
                    }
                    tally = new Tally();
                    byLabel.put(label, tally);
                }
                boolean failed = success.equals("false");
                all.add(elapsed, failed);
                tally.add(elapsed, failed);
                first = Math.min(first, time);
                last = Math.max(last, time);
                if (usersColumn != null) {
                    int active = (int) Math.min(Integer.MAX_VALUE, number(row, usersColumn, line));
                    users = users == null ? active : Math.max(users, active);
                }
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException("its first line is not the header row JMeter writes (jmeter.save.saveservice."
                    + "print_field_names=true): " + Words.oneLine(e.getMessage(), 200));
        }
        if (all.requests == 0) {
            throw new UnreadableFileException("it holds a header row and no sample: the test sent no request");
        }
        Duration duration = Duration.ofMillis(last - first);
        Map<String, Figures> labels = new LinkedHashMap<>();
        byLabel.forEach((label, tally) -> labels.put(label, tally.figures(duration)));
        return new LoadRun("JMeter", Words.oneLine(file.getFileName().toString(), 100), shown, all.figures(duration), labels, users, duration);
    }

    private static UnreadableFileException unreadable(IOException e) {
        if (e instanceof LineTooLongException) {
            return new UnreadableFileException(e.getMessage());
        }
        if (e instanceof CharacterCodingException) {
            return new UnreadableFileException("it is not UTF-8 text (a binary file?)");
        }
        return new UnreadableFileException("not well-formed CSV: " + Words.oneLine(e.getMessage(), 300));
    }

    private static long number(CSVRecord row, String column, long line) throws UnreadableFileException {
        String text = row.get(column);
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UnreadableFileException("line " + line + ": " + column + " is '" + Words.oneLine(text, 40)
                + "', not a whole number of 0 or more");
    }

    /** The samples of some requests: count, failures and latencies. */
    private static final class Tally {
        private final Histogram latencies = new Histogram(3);
        private long requests;
        private long errors;

        void add(long elapsed, boolean failed) {
            latencies.recordValue(elapsed);
            requests++;
            if (failed) {
                errors++;
            }
        }

        /** Throughput over the run's whole duration: requests per second, rounded down; unknown for a run of no length. */
        Figures figures(Duration duration) {
            BigDecimal throughput = duration.isZero() ? null
                    : BigDecimal.valueOf(requests * 1000).divide(BigDecimal.valueOf(duration.toMillis()), 3, RoundingMode.FLOOR);
            return new Figures(requests, errors, latencies.getValueAtPercentile(95.0), latencies.getValueAtPercentile(99.0),
                    throughput);
        }
    }

    /** A line longer than {@link #MAX_LINE}: no JMeter sample row. */
    private static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("a line is longer than " + MAX_LINE + " characters: not a JMeter sample row");
        }
    }

    /** A reader that refuses a line longer than {@link #MAX_LINE}, so one endless row cannot fill memory. */
    private static final class BoundedLines extends FilterReader {
        private long sinceBreak;

        BoundedLines(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                count(buffer[i]);
            }
            return n;
        }

        private void count(char c) throws IOException {
            sinceBreak = c == '\n' ? 0 : sinceBreak + 1;
            if (sinceBreak > MAX_LINE) {
                throw new LineTooLongException();
            }
        }
    }
}
