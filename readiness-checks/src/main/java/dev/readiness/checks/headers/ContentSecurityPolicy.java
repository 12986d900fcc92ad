package dev.readiness.checks.headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Observatory's content-security-policy test: parses the policies of the
 * {@code Content-Security-Policy} headers and {@code <meta http-equiv>} tags the way the Observatory
 * does (several policies narrow each other; a repeated directive makes a policy invalid) and rates
 * the effective policy. Fails the test for a missing or unparsable policy, for scripts or objects
 * that may come from anywhere or inline, for {@code 'unsafe-eval'} and for plain-HTTP sources.
 */
final class ContentSecurityPolicy {

    /** Sources that allow nearly anything. */
    private static final Set<String> BROAD = Set.of("ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*");
    private static final Set<String> BROAD_OR_INLINE = union(BROAD, Set.of("'unsafe-inline'", "data:"));
    private static final List<String> NONCE_OR_HASH = List.of("'sha256-", "'sha384-", "'sha512-", "'nonce-");
    /** Directives of images and media, whose plain-HTTP sources cost less. */
    private static final List<String> PASSIVE = List.of("img-src", "media-src");
    /** Directives a {@code <meta>} policy may not set. */
    private static final List<String> HEADER_ONLY = List.of("frame-ancestors", "report-uri", "sandbox");
    /** Directives that may repeat, at the cost of a warning. */
    private static final Set<String> MAY_REPEAT = Set.of("report-uri", "report-to");
    /** Shorter than "img-src" minus one character is not a policy. */
    private static final int SHORTEST_POLICY = "img-src".length() - 1;

    private ContentSecurityPolicy() {
    }

    /**
     * The outcome of the test and the effective directives (each source list sorted), which the
     * x-frame-options test reads; the directives are {@code null} when no policy could be rated.
     */
    record Analysis(ObservatoryScorer.Outcome outcome, Map<String, List<String>> directives) {
    }

    /**
     * Rates the policies of a page.
     *
     * @param headers    the values of its {@code Content-Security-Policy} headers
     * @param metas      the contents of its {@code <meta http-equiv="Content-Security-Policy">} tags
     * @param reportOnly whether it sends a non-empty {@code Content-Security-Policy-Report-Only}
     * @param https      whether the site is served over HTTPS (plain-HTTP sources then count against it)
     */
    static Analysis analyze(List<String> headers, List<String> metas, boolean reportOnly, boolean https) {
        List<String> headerPolicies = splitPolicies(headers);
        List<String> metaPolicies = splitPolicies(metas);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("numPolicies", headerPolicies.size() + metaPolicies.size());

        List<String> all = new ArrayList<>(headerPolicies);
        all.addAll(metaPolicies);
        Parsed csp;
        try {
            csp = parse(all);
        } catch (InvalidPolicyException e) {
            facts.put("error", e.getMessage());
            return new Analysis(new ObservatoryScorer.Outcome(ObservatoryResult.CSP_HEADER_INVALID, facts), null);
        }
        Map<String, Set<String>> headerOnly = parseOrEmpty(headerPolicies);
        Map<String, Set<String>> metaOnly = parseOrEmpty(metaPolicies);
        HEADER_ONLY.forEach(metaOnly::remove);
        if (headerOnly.isEmpty() && metaOnly.isEmpty()) {
            ObservatoryResult result = reportOnly ? ObservatoryResult.CSP_REPORT_ONLY : ObservatoryResult.CSP_NOT_IMPLEMENTED;
            return new Analysis(new ObservatoryScorer.Outcome(result, facts), null);
        }
        facts.put("http", !headerPolicies.isEmpty());
        facts.put("meta", !metaPolicies.isEmpty());

        Map<String, Set<String>> d = csp.directives();
        Set<String> any = Set.of("*");
        Set<String> baseUri = d.getOrDefault("base-uri", any);
        Set<String> frameAncestors = headerOnly.getOrDefault("frame-ancestors", any);
        Set<String> formAction = d.getOrDefault("form-action", any);
        // As in the Observatory, script-src and style-src may be the very set of default-src: a source
        // removed from one is removed from the others.
        Set<String> objectSrc = fallback(d, "object-src");
        Set<String> scriptSrc = fallback(d, "script-src");
        Set<String> styleSrc = fallback(d, "style-src");

        for (Set<String> sources : List.of(scriptSrc, styleSrc)) {
            if (hasNonceOrHash(sources)) {
                sources.remove("'unsafe-inline'");
            }
        }
        ObservatoryResult result = null;
        boolean strictDynamic = false;
        if (hasNonceOrHash(scriptSrc) && scriptSrc.contains("'strict-dynamic'")) {
            scriptSrc.removeIf(s -> BROAD.stream().anyMatch(s::startsWith) || s.equals("'self'") || s.equals("'unsafe-inline'"));
            strictDynamic = true;
        } else if (scriptSrc.contains("'strict-dynamic'")) {
            result = ObservatoryResult.CSP_HEADER_INVALID;
        }

        List<String> active = new ArrayList<>();
        d.forEach((directive, sources) -> {
            if (!PASSIVE.contains(directive) && !directive.equals("script-src")) {
                active.addAll(sources);
            }
        });
        active.addAll(scriptSrc);
        List<String> passive = new ArrayList<>();
        for (String directive : PASSIVE) {
            passive.addAll(d.getOrDefault(directive, d.getOrDefault("default-src", Set.of())));
        }

        boolean unsafeInline = scriptSrc.stream().anyMatch(BROAD_OR_INLINE::contains) || objectSrc.stream().anyMatch(BROAD::contains);
        boolean insecureActive = https && active.stream().anyMatch(ContentSecurityPolicy::plainScheme);
        boolean unsafeEval = scriptSrc.contains("'unsafe-eval'") || styleSrc.contains("'unsafe-eval'");
        boolean insecurePassive = https && passive.stream().anyMatch(ContentSecurityPolicy::plainScheme);
        boolean unsafeInlineStyle = styleSrc.stream().anyMatch(BROAD_OR_INLINE::contains);
        Set<String> defaultSrc = d.get("default-src");
        boolean defaultNone = defaultSrc != null && defaultSrc.size() == 1 && defaultSrc.contains("'none'");
        result = firstOf(result, unsafeInline, ObservatoryResult.CSP_UNSAFE_INLINE);
        result = firstOf(result, insecureActive, ObservatoryResult.CSP_INSECURE_SCHEME);
        result = firstOf(result, unsafeEval, ObservatoryResult.CSP_UNSAFE_EVAL);
        result = firstOf(result, insecurePassive, ObservatoryResult.CSP_INSECURE_SCHEME_PASSIVE);
        result = firstOf(result, unsafeInlineStyle, ObservatoryResult.CSP_UNSAFE_INLINE_STYLE_ONLY);
        result = firstOf(result, defaultNone, ObservatoryResult.CSP_NO_UNSAFE_DEFAULT_SRC_NONE);
        result = firstOf(result, true, ObservatoryResult.CSP_NO_UNSAFE);
        if (result.pass() && !csp.repeated().isEmpty()) {
            result = ObservatoryResult.CSP_DUPLICATE_DIRECTIVES;
            facts.put("repeated", List.copyOf(csp.repeated()));
        }

        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("unsafeInline", unsafeInline);
        policy.put("insecureSchemeActive", insecureActive);
        policy.put("unsafeEval", unsafeEval);
        policy.put("insecureSchemePassive", insecurePassive);
        policy.put("unsafeInlineStyle", unsafeInlineStyle);
        policy.put("defaultNone", defaultNone);
        policy.put("strictDynamic", strictDynamic);
        policy.put("antiClickjacking", frameAncestors.stream().noneMatch(BROAD::contains));
        policy.put("insecureBaseUri", baseUri.stream().anyMatch(BROAD_OR_INLINE::contains));
        policy.put("insecureFormAction", formAction.stream().anyMatch(BROAD::contains));
        policy.put("unsafeObjects", objectSrc.stream().anyMatch(BROAD::contains));
        facts.put("policy", policy);

        Map<String, List<String>> directives = new LinkedHashMap<>();
        d.forEach((directive, sources) -> directives.put(directive, List.copyOf(new TreeSet<>(sources))));
        facts.put("data", directives);
        return new Analysis(new ObservatoryScorer.Outcome(result, facts), directives);
    }

    /** Header values may hold several policies separated by commas (RFC 9110 list syntax). */
    private static List<String> splitPolicies(List<String> values) {
        List<String> policies = new ArrayList<>();
        for (String value : values) {
            Arrays.stream(value.split(",", -1)).map(String::trim).forEach(policies::add);
        }
        return policies;
    }

    private static Set<String> fallback(Map<String, Set<String>> d, String directive) {
        Set<String> own = d.get(directive);
        if (own != null) {
            return own;
        }
        Set<String> defaults = d.get("default-src");
        return defaults != null ? defaults : new LinkedHashSet<>(Set.of("*"));
    }

    private static boolean hasNonceOrHash(Collection<String> sources) {
        return sources.stream().anyMatch(s -> NONCE_OR_HASH.stream().anyMatch(s::startsWith));
    }

    private static boolean plainScheme(String source) {
        return source.startsWith("http:") || source.startsWith("ftp:");
    }

    private static ObservatoryResult firstOf(ObservatoryResult current, boolean applies, ObservatoryResult candidate) {
        return current == null && applies ? candidate : current;
    }

    private static Map<String, Set<String>> parseOrEmpty(List<String> policies) {
        try {
            return parse(policies).directives();
        } catch (InvalidPolicyException e) {
            return new LinkedHashMap<>();
        }
    }

    /** The effective directives (lower-cased) and the report directives that were repeated. */
    record Parsed(Map<String, Set<String>> directives, Set<String> repeated) {
    }

    /** A source of one policy, and whether it survives into the effective policy. */
    private static final class Source {
        final String value;
        final int policy;
        boolean keep;

        Source(String value, int policy, boolean keep) {
            this.value = value;
            this.policy = policy;
            this.keep = keep;
        }
    }

    /**
     * Parses policies the Observatory's way, except that a line break separates tokens as a browser reads
     * it (the Observatory deletes it, joining what it splits). Within a policy, a source that merely extends another
     * (https://a.example/x after https://a.example/) is dropped. Every later policy narrows the
     * first: a source survives only where a policy lists it (or a path under it) next to an earlier
     * policy's source, and a directive left with no source becomes {@code 'none'}. A source list
     * that is present but empty is {@code 'none'}. Sources are ordered by code point where the
     * Observatory uses an English collator, which orders the same sources alike for this purpose.
     *
     * @throws InvalidPolicyException for a policy shorter than 6 characters or a repeated directive
     *                                (other than report-uri and report-to)
     */
    static Parsed parse(List<String> policies) throws InvalidPolicyException {
        // A line break separates tokens, as in a browser: deleting it, as the Observatory does, would join
        // "de\rfault-src" into a default-src no browser applies.
        List<String> clean = policies.stream().map(p -> p.replaceAll("[\\r\\n]", " ").trim()).toList();
        for (String policy : clean) {
            if (policy.length() < SHORTEST_POLICY) {
                throw new InvalidPolicyException("policy '" + policy + "' is too short");
            }
        }
        Map<String, List<Source>> csp = new LinkedHashMap<>();
        Set<String> repeated = new TreeSet<>();
        for (int index = 0; index < clean.size(); index++) {
            Set<String> seen = new HashSet<>();
            for (String entry : clean.get(index).split(";")) {
                String[] tokens = entry.trim().split("\\s+");
                if (tokens[0].isEmpty()) {
                    continue;
                }
                String directive = tokens[0].toLowerCase(Locale.ROOT);
                if (!seen.add(directive)) {
                    if (!MAY_REPEAT.contains(directive)) {
                        throw new InvalidPolicyException("directive " + directive + " is repeated in policy " + (index + 1));
                    }
                    repeated.add(directive);
                }
                boolean keep = index == 0;
                List<Source> combined = new ArrayList<>();
                if (index > 0) {
                    combined.addAll(csp.getOrDefault(directive, List.of()));
                }
                for (int t = 1; t < tokens.length; t++) {
                    combined.add(new Source(tokens[t].toLowerCase(Locale.ROOT), index, keep));
                }
                if (tokens.length == 1 && directive.endsWith("-src")) {
                    combined.add(new Source("'none'", index, keep));
                }
                combined.sort(Comparator.comparing(s -> s.value));
                for (int i = 1; i < combined.size(); i++) {
                    Source source = combined.get(i);
                    Source previous = combined.get(i - 1);
                    if (source.policy == previous.policy && source.value.startsWith(previous.value)) {
                        source.keep = false;
                    }
                    if (source.policy != previous.policy && pathPartMatch(previous.value, source.value)) {
                        source.keep = true;
                    }
                }
                List<Source> kept = combined.stream().filter(s -> s.keep).toList();
                csp.put(directive, kept);
                if (index == 0 && clean.size() > 1) {
                    kept.forEach(s -> s.keep = false);
                }
            }
        }
        Map<String, Set<String>> directives = new LinkedHashMap<>();
        csp.forEach((directive, sources) -> {
            Set<String> values = new LinkedHashSet<>();
            sources.forEach(s -> values.add(s.value));
            directives.put(directive, values.isEmpty() ? new LinkedHashSet<>(Set.of("'none'")) : values);
        });
        return new Parsed(directives, repeated);
    }

    /** Whether source {@code b} lies at or under the path of source {@code a}, piece by decoded piece. */
    private static boolean pathPartMatch(String a, String b) throws InvalidPolicyException {
        if (a.isEmpty() || (a.equals("/") && b.isEmpty())) {
            return true;
        }
        boolean exact = !a.endsWith("/");
        List<String> piecesA = new ArrayList<>(Arrays.asList(a.split("/", -1)));
        String[] piecesB = b.split("/", -1);
        if (piecesA.size() > piecesB.length || (exact && piecesA.size() != piecesB.length)) {
            return false;
        }
        if (!exact) {
            piecesA.remove(piecesA.size() - 1);
        }
        for (int i = 0; i < piecesA.size(); i++) {
            if (!decode(piecesA.get(i)).equals(decode(piecesB[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String piece) throws InvalidPolicyException {
        try {
            return URLDecoder.decode(piece.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("source piece '" + piece + "' is not valid percent-encoding");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** A policy the Observatory cannot parse. */
    static final class InvalidPolicyException extends Exception {
        InvalidPolicyException(String message) {
            super(message);
        }
    }
}
