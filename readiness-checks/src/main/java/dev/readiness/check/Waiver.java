package dev.readiness.check;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A recorded, reasoned, owned exception for something that fails: one finding, a claim or a
 * checklist item, until a last day. While it holds, what it covers is WAIVED and does not fail the
 * build; after that day, what still fails fails again, saying the waiver expired.
 *
 * @param scope  what it waives
 * @param target the finding's key (or, for an advisory, one of its aliases), the claim's id, or the item's key or text
 * @param reason why the failure is accepted
 * @param owner  who answers for it: a name or an e-mail
 * @param link   a tracker link, or {@code null}
 * @param until  the last day it holds, inclusive
 * @param origin where it is written, as people find it ({@code readiness-waivers.yaml:12})
 * @since 0.1.0
 */
public record Waiver(Scope scope, String target, String reason, String owner, String link, LocalDate until, String origin) {

    /** What a waiver covers. */
    public enum Scope {
        /** One finding of a claim, by its key. */
        FINDING,
        /** A claim, whole: the only way to waive a figure below its minimum. */
        CLAIM,
        /** A checklist item, whole. */
        ITEM;

        /** As written in the waivers file: {@code finding}, {@code claim}, {@code item}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Waiver {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(until, "until");
    }

    /** Whether it holds on that day: until its last day, inclusive. */
    public boolean holdsOn(LocalDate today) {
        return !today.isAfter(until);
    }

    /** "finding GHSA-jfh8-c2jp-5v3q": what it waives, as people read it. */
    public String shown() {
        return scope.key() + " " + target;
    }
}
