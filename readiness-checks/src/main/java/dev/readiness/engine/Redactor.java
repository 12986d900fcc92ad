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
 * summaries, evidence, findings, remedies. Every report is written from redacted results.
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
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    public Result redact(Result r) {
        if (secrets.isEmpty()) {
            return r;
        }
        Result.Builder b = Result.of(r.status(), redact(r.summary())).measured(redact(r.measured()))
                .expected(redact(r.expected())).remedy(redact(r.remedy())).measure(r.measure());
        r.claims().forEach((id, verdict) -> b.claim(id, redact(verdict)));
        r.evidence().forEach((k, v) -> b.evidence(k, redactValue(v)));
        for (Finding f : r.findings()) {
            Finding.Builder fb = Finding.of(redact(f.message())).at(redact(f.location()));
            f.evidence().forEach((k, v) -> fb.with(k, redactValue(v)));
            b.finding(fb.build());
        }
        return b.build();
    }

    private Object redactValue(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, redactValue(v)));
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
