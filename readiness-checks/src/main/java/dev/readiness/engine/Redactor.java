package dev.readiness.engine;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks secrets (header values, proxy passwords, tokens) wherever a result or a log line might quote
 * them: summaries, evidence (keys too), findings, remedies. A secret is masked whole, and so is any
 * part of it of {@value #FRAGMENT} characters or more (a value cut at a length or at a line break
 * by whoever quoted it). In every URL the text holds, user info and the values of query parameters
 * named like credentials ({@code token}, {@code key}, {@code secret}, {@code signature},
 * {@code password}, {@code auth}, {@code code}, {@code bypass}) are masked too. It also makes the text
 * writable: an unpaired surrogate (a JSON {@code \ud800} from a server, a cut through an emoji)
 * becomes U+FFFD, so no report writer can fail on it. Every report is written from redacted results.
 */
public final class Redactor {

    static final String MASK = "****";

    /** The shortest part of a secret that is masked on its own. */
    static final int FRAGMENT = 8;

    private static final List<String> CREDENTIAL_PARAMETERS =
            List.of("token", "key", "secret", "signature", "password", "passwd", "auth", "code", "bypass", "session", "sig");

    private final List<String> secrets;
    private final Set<String> fragments = new HashSet<>();

    /** Secrets shorter than 4 characters are not masked (they would mask ordinary words). */
    public Redactor(Set<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4)
                .sorted((a, b) -> b.length() - a.length()).toList();
        for (String secret : this.secrets) {
            for (int i = 0; i + FRAGMENT <= secret.length(); i++) {
                fragments.add(secret.substring(i, i + FRAGMENT));
            }
        }
    }

    public static Redactor none() {
        return new Redactor(Set.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = maskUrls(wellFormed(text));
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return fragments.isEmpty() ? out : maskFragments(out);
    }

    /** Masks every run of the text that a window of {@value #FRAGMENT} characters of a secret covers. */
    private String maskFragments(String text) {
        boolean[] masked = new boolean[text.length()];
        boolean any = false;
        for (int i = 0; i + FRAGMENT <= text.length(); i++) {
            if (fragments.contains(text.substring(i, i + FRAGMENT))) {
                java.util.Arrays.fill(masked, i, i + FRAGMENT, true);
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!masked[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !masked[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    /**
     * Masks the user info and the credential-like query values of every {@code scheme://} URL in
     * the text, read in one pass (a URL ends at white space, a quote or an angle bracket).
     */
    static String maskUrls(String text) {
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (scheme >= 0) {
            int start = scheme + 3;
            int end = start;
            while (end < text.length() && !isUrlEnd(text.charAt(end))) {
                end++;
            }
            out.append(text, from, start).append(maskUrl(text.substring(start, end)));
            from = end;
            scheme = text.indexOf("://", end);
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isUrlEnd(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
    }

    /** One URL after its {@code scheme://}: {@code user:pass@host/path?token=x&page=2}. */
    private static String maskUrl(String rest) {
        int pathStart = indexOfAny(rest, "/?#", 0);
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        int at = authority.lastIndexOf('@');
        StringBuilder out = new StringBuilder(rest.length()).append(at < 0 ? authority : MASK + authority.substring(at));
        if (pathStart < 0) {
            return out.toString();
        }
        int query = rest.indexOf('?', pathStart);
        if (query < 0) {
            return out.append(rest, pathStart, rest.length()).toString();
        }
        int fragment = rest.indexOf('#', query);
        out.append(rest, pathStart, query + 1);
        String[] parameters = rest.substring(query + 1, fragment < 0 ? rest.length() : fragment).split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            String parameter = parameters[i];
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
            boolean credential = eq >= 0 && CREDENTIAL_PARAMETERS.stream().anyMatch(name::contains);
            out.append(i == 0 ? "" : "&").append(credential ? parameter.substring(0, eq + 1) + MASK : parameter);
        }
        return fragment < 0 ? out.toString() : out.append(rest, fragment, rest.length()).toString();
    }

    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    public Result redact(Result r) {
        Result.Builder b = Result.of(r.status(), redact(r.summary())).measured(redact(r.measured()))
                .expected(redact(r.expected())).remedy(redact(r.remedy())).measure(r.measure());
        r.claims().forEach((id, verdict) -> b.claim(id, redact(verdict)));
        r.evidence().forEach((k, v) -> b.evidence(redact(k), redactValue(v)));
        for (Finding f : r.findings()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            f.evidence().forEach((k, v) -> evidence.put(redact(k), redactValue(v)));
            b.finding(new Finding(redact(f.key()), redact(f.message()), redact(f.location()), evidence, f.cause()));
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
