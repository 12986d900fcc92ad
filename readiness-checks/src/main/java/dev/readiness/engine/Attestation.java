package dev.readiness.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A person's signed-off record for a checklist item: who, when, the evidence, until when. It counts
 * from its date through its last day; one dated in the future, expired, ending before it starts, or
 * pointing at evidence that is neither an https URL nor a file of the repository does not count.
 *
 * @param item     the key of the item it attests
 * @param by       a name or an e-mail
 * @param date     the day it was given
 * @param evidence an https URL, or a path in the repository
 * @param expires  its last day, inclusive
 * @param note     a remark, or {@code null}
 * @param origin   where it is written ({@code readiness-attestations.yaml:4})
 * @param problem  why it does not count on the day of the run, or {@code null} when it counts
 */
public record Attestation(String item, String by, LocalDate date, String evidence, LocalDate expires, String note, String origin,
                          String problem) {

    /** The attestation as written, judged on the day of the run against the repository's files. */
    static Attestation judged(String item, String by, LocalDate date, String evidence, LocalDate expires, String note, String origin,
                              LocalDate today, Path basedir) {
        Attestation written = new Attestation(item, by, date, evidence, expires, note, origin, null);
        return new Attestation(item, by, date, evidence, expires, note, origin, written.flaw(today, basedir));
    }

    /** Whether it counts on the day of the run. */
    public boolean counts() {
        return problem == null;
    }

    private String flaw(LocalDate today, Path basedir) {
        if (expires.isBefore(date)) {
            return "it expires on " + expires + ", before its date " + date;
        }
        if (date.isAfter(today)) {
            return "it is dated " + date + ", in the future";
        }
        if (today.isAfter(expires)) {
            return "it expired on " + expires;
        }
        return evidenceFlaw(basedir);
    }

    private String evidenceFlaw(Path basedir) {
        String lower = evidence.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            try {
                URI uri = new URI(evidence);
                return uri.getHost() == null ? "its evidence " + evidence + " names no host" : null;
            } catch (URISyntaxException e) {
                return "its evidence is not a URL: " + e.getReason();
            }
        }
        if (lower.contains("://") || lower.startsWith("http:")) {
            return "its evidence " + evidence + " is neither an https URL nor a path in the repository";
        }
        try {
            Path base = basedir.toAbsolutePath().normalize();
            Path file = base.resolve(evidence).normalize();
            if (!file.startsWith(base)) {
                return "its evidence " + evidence + " is outside the repository";
            }
            return Files.exists(file) ? null : "its evidence " + evidence + " does not exist in the repository";
        } catch (InvalidPathException e) {
            return "its evidence " + evidence + " is not a path: " + e.getReason();
        }
    }

    /** "Dana Reyes on 2026-11-30, until 2027-02-28 (https://tracker.example.com/REL-42)". */
    public String shown() {
        return by + " on " + date + ", until " + expires + " (" + evidence + ")";
    }
}
