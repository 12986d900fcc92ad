package dev.readiness.checks.dependencies;

import dev.readiness.checks.dependencies.DependencyScanConfig.Severity;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;

/**
 * Reads an advisory's severity: the highest base score of its CVSS v3.x vectors (scored with
 * us.springett cvss-calculator and rated with the CVSS v3 qualitative scale), else of its CVSS v2
 * vectors (NVD's v2 scale), else GitHub's label in {@code database_specific.severity} (the only
 * source when a record carries just a CVSS v4 vector, which the library cannot score). When none
 * of these gives an answer the severity is unknown.
 */
final class SeverityReader {

    /**
     * @param severity the severity, or {@code null} when unknown
     * @param score    the CVSS base score it came from, or {@code null} when it came from a label or is unknown
     */
    record Rating(Severity severity, Double score) {
        boolean known() {
            return severity != null;
        }

        /** {@code CRITICAL}, or {@code UNKNOWN}. */
        String label() {
            return severity == null ? "UNKNOWN" : severity.name();
        }
    }

    private SeverityReader() {
    }

    static Rating rate(OsvRecord record) {
        Double v3 = highest(record, "CVSS_V3");
        if (v3 != null) {
            return new Rating(Severity.ofCvss3(v3), v3);
        }
        Double v2 = highest(record, "CVSS_V2");
        if (v2 != null) {
            return new Rating(Severity.ofCvss2(v2), v2);
        }
        String label = record.databaseSeverity();
        if (label != null) {
            try {
                return new Rating(Severity.parse(label), null);
            } catch (IllegalArgumentException e) {
                return new Rating(null, null);
            }
        }
        return new Rating(null, null);
    }

    private static Double highest(OsvRecord record, String type) {
        Double best = null;
        for (OsvRecord.SeverityVector vector : record.severity()) {
            if (!type.equals(vector.type()) || vector.score() == null) {
                continue;
            }
            Double score = score(vector.score(), type.equals("CVSS_V2"));
            if (score != null && (best == null || score > best)) {
                best = score;
            }
        }
        return best;
    }

    private static Double score(String vector, boolean v2) {
        try {
            Cvss cvss = Cvss.fromVector(vector.trim());
            if (cvss == null || (cvss instanceof CvssV2) != v2) {
                return null;
            }
            return cvss.calculateScore().getBaseScore();
        } catch (RuntimeException e) {
            // Its MalformedVectorException, and not only: cvss-calculator 1.4.3 throws StringIndexOutOfBoundsException
            // on a metric without a value (".../C:H/I:/AH:H"). A vector it cannot score gives no score.
            return null;
        }
    }
}
