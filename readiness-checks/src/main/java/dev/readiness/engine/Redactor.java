package dev.readiness.engine;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks secrets (header values, proxy passwords, tokens) wherever a result might quote them:
 * summaries, evidence, findings, remedies, and makes the text writable: an unpaired surrogate
 * (a JSON {@code \ud800} from a server, a cut through an emoji) becomes U+FFFD, so no report
 * writer can fail on it. Every report is written from redacted results.
 */
public final class Redactor {

    static final String MASK = "****";

    private final List<String> secrets;

    /** Secrets shorter than 4 characters are not masked (they would mask ordinary words). */
    public Redactor(Set<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4)
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    public static Redactor none() {
        return new Redactor(Set.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = wellFormed(text);
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    public Result redact(Result r) {
        Result.Builder b = Result.of(r.status(), redact(r.summary())).measured(redact(r.measured()))
                .expected(redact(r.expected())).remedy(redact(r.remedy())).measure(r.measure());
        r.claims().forEach((id, verdict) -> b.claim(id, redact(verdict)));
        r.evidence().forEach((k, v) -> b.evidence(redact(k), redactValue(v)));
        for (Finding f : r.findings()) {
            Finding.Builder fb = Finding.of(redact(f.message())).at(redact(f.location()));
            f.evidence().forEach((k, v) -> fb.with(redact(k), redactValue(v)));
            b.finding(fb.build());
        }
        return b.build();
    }

    /** The text with every unpaired surrogate replaced by U+FFFD. */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (!paired && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(paired ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }

    private Object redactValue(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(redactValue(k), redactValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(redactValue(v)));
            return out;
        }
        return value;
    }
}
