package dev.readiness.checks.licenses;

import dev.readiness.check.DeclaredLicenses.License;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges one artifact's declared licenses against {@code allow} and {@code deny}. Several {@code <license>} entries
 * offer a choice (one allowed suffices) unless the artifact is listed as {@code conjunctive} or a license's name
 * contains " AND " (then every one must be allowed). A name written as an SPDX expression of ids joined by " OR " or
 * " AND " (without parentheses) is read as one. A license is allowed when it maps to SPDX ids that are all on
 * {@code allow} and none on {@code deny}; one that maps to no SPDX id is unknown, never allowed.
 */
final class LicensePolicy {

    /** The most of a license's name or URL a message quotes: it is outside text. */
    static final int OUTSIDE_TEXT = 120;
    private static final Pattern AND = Pattern.compile(" AND ");
    private static final Pattern OR = Pattern.compile(" OR ");

    private final SpdxLicenses spdx;
    private final LicensesConfig config;

    LicensePolicy(SpdxLicenses spdx, LicensesConfig config) {
        this.spdx = spdx;
        this.config = config;
    }

    /** What a license is under the configuration, in the words a message uses. */
    enum Verdict {
        ALLOWED("is allowed"), DENIED("is denied"), NOT_ALLOWED("is not on allow"), UNKNOWN("is unknown");

        final String words;

        Verdict(String words) {
            this.words = words;
        }
    }

    /** One license as read: what the POM says, the SPDX ids it maps to and its verdict. */
    record Read(License license, SpdxLicenses.Match match, Verdict verdict) {
        boolean allowed() {
            return verdict == Verdict.ALLOWED;
        }

        /** {@code 'The Apache Software License, Version 2.0' (http://www.apache.org/licenses/LICENSE-2.0.txt)}. */
        String quoted() {
            String name = Words.oneLine(license.name(), OUTSIDE_TEXT);
            String url = Words.oneLine(license.url(), OUTSIDE_TEXT);
            return (name.isEmpty() ? "a license without a name" : "'" + name + "'") + (url.isEmpty() ? "" : " (" + url + ")");
        }

        /** What it maps to and what that means: "maps to GPL-2.0-only, which is not on allow". */
        String reason() {
            if (!match.known()) {
                return quoted() + " matches no license of the SPDX list by id, name or URL";
            }
            return quoted() + " maps to " + String.join(" or ", match.ids()) + " (by " + match.by() + "), which " + verdict.words;
        }
    }

    /**
     * The decision on one artifact.
     *
     * @param allowed whether its licenses let it be used
     * @param reason  why not (one sentence part), or which license allowed it
     * @param read    every license read, with its SPDX ids
     */
    record Decision(boolean allowed, String reason, List<Read> read) {
    }

    Decision decide(String packageName, List<License> declared) {
        List<License> licenses = declared.stream().filter(l -> !blank(l.name()) || !blank(l.url())).toList();
        if (licenses.isEmpty()) {
            return new Decision(false, "declares no license (no <licenses> in its POM or its parents' POMs)", List.of());
        }
        boolean conjunctive = config.conjunctive().contains(packageName)
                || licenses.stream().anyMatch(l -> l.name() != null && AND.matcher(l.name()).find());
        // Each term must be met; a term is met by any one of its alternatives.
        List<List<Read>> terms = new ArrayList<>();
        List<Read> all = new ArrayList<>();
        for (License license : licenses) {
            List<List<Read>> own = terms(license);
            own.forEach(all::addAll);
            if (conjunctive || terms.isEmpty()) {
                terms.addAll(own);
            } else {
                terms.get(0).addAll(own.get(0));
            }
        }
        List<String> unmet = new ArrayList<>();
        for (List<Read> term : terms) {
            if (term.stream().noneMatch(Read::allowed)) {
                unmet.add(term.size() == 1 ? term.get(0).reason()
                        : "none of its " + term.size() + " licenses is allowed: " + String.join("; ", term.stream().map(Read::reason).toList()));
            }
        }
        if (!unmet.isEmpty()) {
            String why = String.join("; ", unmet);
            return new Decision(false, conjunctive && terms.size() > 1 ? "needs every one of its licenses allowed, but " + why : why, all);
        }
        Read first = terms.get(0).stream().filter(Read::allowed).findFirst().orElseThrow();
        return new Decision(true, first.quoted() + " is " + String.join(" or ", first.match().ids()), all);
    }

    /** A license as terms: its name split on " AND " when every part is an SPDX id, each part split on " OR " likewise. */
    private List<List<Read>> terms(License license) {
        String name = license.name() == null ? "" : license.name().trim();
        List<List<Read>> terms = new ArrayList<>();
        if (expression(name)) {
            for (String part : AND.split(name)) {
                terms.add(new ArrayList<>(OR.splitAsStream(part).map(id -> read(new License(id, null, license.comments()))).toList()));
            }
        } else {
            terms.add(new ArrayList<>(List.of(read(license))));
        }
        return terms;
    }

    /** Whether the name is an expression of SPDX ids joined by AND or OR, without parentheses. */
    private boolean expression(String name) {
        if (!AND.matcher(name).find() && !OR.matcher(name).find()) {
            return false;
        }
        return AND.splitAsStream(name).flatMap(OR::splitAsStream).allMatch(id -> spdx.canonicalId(id) != null);
    }

    private Read read(License license) {
        SpdxLicenses.Match match = spdx.match(license.name(), license.url());
        Set<String> ids = match.ids();
        Verdict verdict;
        if (!match.known()) {
            verdict = Verdict.UNKNOWN;
        } else if (ids.stream().anyMatch(config.deny()::contains)) {
            verdict = Verdict.DENIED;
        } else if (config.allow().containsAll(ids)) {
            verdict = Verdict.ALLOWED;
        } else {
            verdict = Verdict.NOT_ALLOWED;
        }
        return new Read(license, match, verdict);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
