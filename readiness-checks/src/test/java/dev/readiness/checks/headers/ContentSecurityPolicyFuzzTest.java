package dev.readiness.checks.headers;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the Observatory's content-security-policy test with any policies. The input is UTF-8 text,
 * one policy a line: a line is a {@code Content-Security-Policy} header value, or with {@code meta:} before
 * it a {@code <meta http-equiv>} policy (which may hold line breaks, written {@code \n}); a line
 * {@code report-only} says a Report-Only policy was sent, a line {@code http} that the site is plain HTTP.
 * Seeds: policies of the Observatory's own test cases and of captured sites. A normal build replays them and
 * every kept finding in {@code ContentSecurityPolicyFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=ContentSecurityPolicyFuzzTest} fuzzes.
 */
class ContentSecurityPolicyFuzzTest {

    private static final Set<ObservatoryResult> UNRATED = Set.of(ObservatoryResult.CSP_HEADER_INVALID,
            ObservatoryResult.CSP_NOT_IMPLEMENTED, ObservatoryResult.CSP_REPORT_ONLY);

    /**
     * The analysis is a content-security-policy result whose flags agree with it, with the effective
     * directives (lower case, each a sorted list of distinct lower-case sources) unless the policy could
     * not be rated; the error of an unparsable policy is one line; and a page whose policies leave
     * scripts or objects unrestricted (neither {@code script-src} nor {@code default-src}, or neither
     * {@code object-src} nor {@code default-src}, in any of them) never passes. Nothing throws.
     */
    @FuzzTest(maxDuration = "10m")
    void ratesAnyPolicyLikeTheObservatory(byte[] bytes) {
        List<String> headers = new ArrayList<>();
        List<String> metas = new ArrayList<>();
        boolean reportOnly = false;
        boolean https = true;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.equals("report-only")) {
                reportOnly = true;
            } else if (line.equals("http")) {
                https = false;
            } else if (line.startsWith("meta:")) {
                metas.add(line.substring(5).replace("\\n", "\n"));
            } else {
                headers.add(line);
            }
        }
        ContentSecurityPolicy.Analysis analysis = ContentSecurityPolicy.analyze(headers, metas, reportOnly, https);
        ObservatoryResult result = analysis.outcome().result();
        Map<String, Object> facts = analysis.outcome().facts();

        check(result.test().equals("content-security-policy"), () -> "a CSP result: " + result);
        check(analysis.directives() != null || UNRATED.contains(result), () -> result + " without directives");
        check(analysis.directives() == null || result != ObservatoryResult.CSP_NOT_IMPLEMENTED && result != ObservatoryResult.CSP_REPORT_ONLY,
                () -> result + " with directives");
        if (facts.get("error") instanceof String error) {
            check(isOneLine(error), () -> "error: " + error);
        }
        if (analysis.directives() != null) {
            analysis.directives().forEach((directive, sources) -> {
                check(!directive.isEmpty() && directive.equals(directive.toLowerCase(Locale.ROOT)), () -> "directive " + directive);
                check(!sources.isEmpty(), () -> directive + " has no source");
                for (int i = 0; i < sources.size(); i++) {
                    String source = sources.get(i);
                    check(source.equals(source.toLowerCase(Locale.ROOT)), () -> "source " + source);
                    check(i == 0 || sources.get(i - 1).compareTo(source) < 0, () -> directive + " sources sorted and distinct: " + sources);
                }
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> policy = (Map<String, Object>) facts.get("policy");
            if (result.pass()) {
                check(!(Boolean) policy.get("unsafeInline") && !(Boolean) policy.get("unsafeEval")
                        && !(Boolean) policy.get("insecureSchemeActive"), () -> result + " passes with " + policy);
            }
        }
        List<String> all = new ArrayList<>(headers);
        all.addAll(metas);
        List<String> lower = all.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        boolean scripts = lower.stream().anyMatch(p -> p.contains("script-src") || p.contains("default-src"));
        boolean objects = lower.stream().anyMatch(p -> p.contains("object-src") || p.contains("default-src"));
        check(scripts && objects || !result.pass(), () -> result + " passes though no policy restricts scripts or objects");
    }

}
