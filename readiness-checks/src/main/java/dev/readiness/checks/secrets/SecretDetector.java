package dev.readiness.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.text.SecretNames;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds secrets in the text of one file: private keys, cloud and service tokens by their published
 * prefixes, JSON Web Tokens, and high-entropy values assigned to secret-named keys.
 *
 * <p>Every rule is a prefix search ({@link String#indexOf}) followed by a loop over one character
 * class, bounded in length, so the scan is linear in the text and no input can make it backtrack.
 * The text is the file's bytes read as ISO-8859-1 (one character per byte), or UTF-16 decoded when the
 * file starts with its byte-order mark: every secret looked for is ASCII, and no byte sequence fails to decode.
 *
 * <p>A {@link Match} holds the secret only to fingerprint it: nothing outside this package sees it, and
 * its {@code toString} leaves it out.
 */
final class SecretDetector {

    /** What a match is, as findings name it. */
    enum Rule {
        PRIVATE_KEY("private-key", "a private key"),
        AWS_ACCESS_KEY_ID("aws-access-key-id", "an AWS access key id"),
        AWS_SECRET_ACCESS_KEY("aws-secret-access-key", "an AWS secret access key"),
        GITHUB_TOKEN("github-token", "a GitHub token"),
        GITLAB_TOKEN("gitlab-token", "a GitLab personal access token"),
        SLACK_TOKEN("slack-token", "a Slack token"),
        SLACK_WEBHOOK("slack-webhook", "a Slack incoming-webhook URL"),
        STRIPE_KEY("stripe-key", "a Stripe live secret key"),
        JWT("jwt", "a JSON Web Token"),
        GENERIC("generic-secret", "a high-entropy value assigned to a secret-named key"),
        KEYSTORE("keystore", "a keystore");

        final String id;
        final String words;

        Rule(String id, String words) {
            this.id = id;
            this.words = words;
        }
    }

    /**
     * One secret found: its rule, where it starts and ends in the text, the part of it that is public
     * (a published prefix such as {@code AKIA}, or a PEM label) and the key name it was assigned to.
     */
    record Match(Rule rule, int start, int end, String publicPart, String secret, String name) {

        /** The hex SHA-256 of the rule's id and the secret: the same wherever the secret moves. */
        String fingerprint() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest((rule.id + ":" + secret).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        /**
         * The secret as it may be shown: its public part, an ellipsis, its last four characters when at
         * least twelve characters of it are secret, and its length. {@code AKIA…Q7XM (20 chars)}. A
         * private key shows its PEM label and the length of its key material.
         */
        String preview() {
            if (rule == Rule.PRIVATE_KEY) {
                return publicPart + " (" + secret.length() + " characters of key material)";
            }
            if (rule == Rule.KEYSTORE) {
                return "a binary file of " + secret.length() + " bytes";
            }
            int hidden = secret.length() - publicPart.length();
            return publicPart + "…" + (hidden >= 12 ? secret.substring(secret.length() - 4) : "") + " (" + secret.length() + " chars)";
        }

        @Override
        public String toString() {
            return rule.id + " at " + start + ": " + preview();
        }
    }

    /** A value's length bounds for the generic rule: shorter is not looked at, longer is not a credential. */
    static final int MAX_VALUE = 200;
    private static final int MAX_NAME = 80;
    private static final int MAX_PEM_SCAN = 64 * 1024;
    private static final int MIN_KEY_MATERIAL = 64;
    private static final int MAX_JWT_PART = 8 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Words that mark a value as a stand-in, not a secret (compared in lower case). */
    private static final List<String> PLACEHOLDERS = List.of("example", "changeme", "change_me", "change-me", "dummy", "xxxx",
            "placeholder", "redacted", "your", "sample", "****", "...", "todo", "fixme", "fake");

    /** Starts of values that refer to a secret kept elsewhere, or are digests, data or templates. */
    private static final List<String> NOT_PLAINTEXT = List.of("${", "#{", "{{", "%(", "$(", "<", "enc(", "{cipher}", "vault:",
            "arn:", "sha1-", "sha256-", "sha384-", "sha512-", "sha1:", "sha256:", "sha512:", "data:", "secret://", "ref+");

    /** Last words of key names that name something about a secret, not the secret: {@code tokenUrl}, {@code password_file}. */
    private static final Set<String> NOT_THE_SECRET = Set.of("FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "NAME", "REF", "TYPE",
            "HEADER", "LENGTH", "SIZE", "TTL", "EXPIRY", "EXPIRES", "PATTERN", "REGEX", "FIELD", "PARAM", "ENV", "VAR", "POLICY",
            "PROVIDER", "MODE", "LOCATION", "ID");

    /** The signature of the sample token on jwt.io, which documentation copies: not anyone's secret. */
    private static final String JWT_IO_SAMPLE_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    private final BigDecimal minEntropy;
    private final int minLength;

    SecretDetector(BigDecimal minEntropy, int minLength) {
        this.minEntropy = minEntropy;
        this.minLength = minLength;
    }

    /** A binary file named as a keystore: its whole content is the secret, fingerprinted, never shown. */
    static Match keystore(byte[] content) {
        return new Match(Rule.KEYSTORE, 0, content.length, "", new String(content, StandardCharsets.ISO_8859_1), null);
    }

    /** Every secret in the text, in order, with a value matched by a specific rule not matched again by the generic one. */
    List<Match> scan(String text) {
        List<Match> specific = new ArrayList<>();
        privateKeys(text, specific);
        prefixed(text, "AKIA", Rule.AWS_ACCESS_KEY_ID, SecretDetector::isBase32, 16, 16, specific);
        prefixed(text, "ASIA", Rule.AWS_ACCESS_KEY_ID, SecretDetector::isBase32, 16, 16, specific);
        for (String prefix : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            prefixed(text, prefix, Rule.GITHUB_TOKEN, SecretDetector::isAlnum, 36, 251, specific);
        }
        prefixed(text, "github_pat_", Rule.GITHUB_TOKEN, c -> isAlnum(c) || c == '_', 70, 244, specific);
        prefixed(text, "glpat-", Rule.GITLAB_TOKEN, c -> isAlnum(c) || c == '_' || c == '-', 20, 250, specific);
        for (String prefix : List.of("xoxb-", "xoxp-", "xapp-")) {
            prefixed(text, prefix, Rule.SLACK_TOKEN, c -> isAlnum(c) || c == '-', 20, 250, specific);
        }
        slackWebhooks(text, specific);
        for (String prefix : List.of("sk_live_", "rk_live_")) {
            prefixed(text, prefix, Rule.STRIPE_KEY, SecretDetector::isAlnum, 20, 247, specific);
        }
        jwts(text, specific);
        specific.sort(Comparator.comparingInt(Match::start));
        List<Match> all = new ArrayList<>(specific);
        // One sweep: the generic matches are in order and do not overlap, so the specific ones that start before each
        // generic one ends only grow; it overlaps one of them when the furthest end among them is past its start.
        int next = 0;
        int furthestEnd = -1;
        for (Match generic : assignments(text)) {
            while (next < specific.size() && specific.get(next).start() < generic.end()) {
                furthestEnd = Math.max(furthestEnd, specific.get(next++).end());
            }
            if (furthestEnd <= generic.start()) {
                all.add(generic);
            }
        }
        all.sort(Comparator.comparingInt(Match::start));
        return all;
    }

    // --- prefixed tokens ----------------------------------------------------------------------------------------------

    private interface CharClass {
        boolean test(char c);
    }

    /**
     * Tokens that start with a published prefix, not preceded by a word character, followed by
     * {@code min} to {@code max} characters of the class and then by no word character.
     */
    private static void prefixed(String text, String prefix, Rule rule, CharClass body, int min, int max, List<Match> out) {
        int at = text.indexOf(prefix);
        while (at >= 0) {
            int from = at + prefix.length();
            int end = from;
            while (end < text.length() && end - from <= max && body.test(text.charAt(end))) {
                end++;
            }
            int length = end - from;
            boolean bounded = (at == 0 || !isWord(text.charAt(at - 1))) && (end == text.length() || !isWord(text.charAt(end)));
            if (bounded && length >= min && length <= max && !isPlaceholder(text.substring(from, end))) {
                out.add(new Match(rule, at, end, prefix, text.substring(at, end), null));
            }
            at = text.indexOf(prefix, Math.max(end, at + 1));
        }
    }

    /** {@code hooks.slack.com/services/T…/B…/…}: the whole path is the credential. */
    private static void slackWebhooks(String text, List<Match> out) {
        String prefix = "hooks.slack.com/services/";
        int at = text.indexOf(prefix);
        while (at >= 0) {
            int from = at + prefix.length();
            int end = from;
            int slashes = 0;
            while (end < text.length() && end - from <= 200 && (isAlnum(text.charAt(end)) || text.charAt(end) == '/')) {
                slashes += text.charAt(end) == '/' ? 1 : 0;
                end++;
            }
            String path = text.substring(from, end);
            if (slashes >= 2 && path.length() >= 20 && path.length() <= 200 && !isPlaceholder(path)) {
                out.add(new Match(Rule.SLACK_WEBHOOK, at, end, prefix, text.substring(at, end), null));
            }
            at = text.indexOf(prefix, Math.max(end, at + 1));
        }
    }

    // --- private keys -------------------------------------------------------------------------------------------------

    /**
     * {@code -----BEGIN <label> PRIVATE KEY-----} followed by key material: at least
     * {@value #MIN_KEY_MATERIAL} base64 characters, across real line breaks or escaped ones ({@code \n}
     * in a JSON string), after optional header lines ({@code Proc-Type: 4,ENCRYPTED}). A header alone,
     * as code that looks for one holds it, is not a key.
     */
    private static void privateKeys(String text, List<Match> out) {
        String begin = "-----BEGIN ";
        int at = text.indexOf(begin);
        while (at >= 0) {
            int labelStart = at + begin.length();
            int labelEnd = labelStart;
            while (labelEnd < text.length() && labelEnd - labelStart <= 40 && isPemLabel(text.charAt(labelEnd))) {
                labelEnd++;
            }
            String label = text.substring(labelStart, labelEnd);
            int next = labelEnd;
            if ((label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK")) && text.startsWith("-----", labelEnd)) {
                int bodyStart = labelEnd + 5;
                StringBuilder material = new StringBuilder();
                next = keyMaterial(text, bodyStart, material);
                if (material.length() >= MIN_KEY_MATERIAL) {
                    out.add(new Match(Rule.PRIVATE_KEY, at, next, label, material.toString(), null));
                }
            }
            at = text.indexOf(begin, Math.max(next, at + 1));
        }
    }

    /** Reads the base64 key material after a PEM header into {@code material}; returns where reading stopped. */
    private static int keyMaterial(String text, int from, StringBuilder material) {
        int limit = (int) Math.min(text.length(), (long) from + MAX_PEM_SCAN);
        int i = from;
        while (i < limit) {
            if (material.length() == 0) {
                int header = headerLineEnd(text, i, limit);
                if (header > i) {
                    i = header;
                    continue;
                }
            }
            boolean nextLine = false;
            while (i < limit && !nextLine) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\\' && i + 1 < limit && (text.charAt(i + 1) == 'n' || text.charAt(i + 1) == 'r')) {
                    i += c == '\n' ? 1 : 2;
                    nextLine = true;
                } else if (isAlnum(c) || c == '+' || c == '/' || c == '=') {
                    material.append(c);
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                } else {
                    return i; // -----END, or anything that is no key material
                }
            }
            if (!nextLine) {
                return i;
            }
        }
        return i;
    }

    /**
     * Where the line starting at {@code from} ends, after its line break, when it is a PEM header line
     * ({@code Proc-Type: 4,ENCRYPTED}: a colon within its first 200 characters); else {@code from}.
     */
    private static int headerLineEnd(String text, int from, int limit) {
        boolean colon = false;
        for (int j = from; j < limit && j - from < 200; j++) {
            char c = text.charAt(j);
            if (c == '\n' || c == '\\' && j + 1 < limit && (text.charAt(j + 1) == 'n' || text.charAt(j + 1) == 'r')) {
                return colon ? j + (c == '\n' ? 1 : 2) : from;
            }
            colon |= c == ':';
        }
        return from;
    }

    // --- JSON Web Tokens ----------------------------------------------------------------------------------------------

    /** Three base64url parts joined by dots, whose first decodes to a JSON object with an {@code alg} and second to a JSON object. */
    private static void jwts(String text, List<Match> out) {
        int at = text.indexOf("eyJ");
        while (at >= 0) {
            int next = at + 3;
            if (at == 0 || !isBase64Url(text.charAt(at - 1)) && text.charAt(at - 1) != '.') {
                int headerEnd = base64UrlRun(text, at);
                int payloadEnd = headerEnd < text.length() && text.charAt(headerEnd) == '.' ? base64UrlRun(text, headerEnd + 1) : -1;
                int signatureEnd = payloadEnd > headerEnd + 1 && payloadEnd < text.length() && text.charAt(payloadEnd) == '.'
                        ? base64UrlRun(text, payloadEnd + 1) : -1;
                if (signatureEnd > 0 && (signatureEnd == text.length() || !isBase64Url(text.charAt(signatureEnd)))) {
                    next = signatureEnd;
                    JsonNode header = decode(text.substring(at, headerEnd));
                    JsonNode payload = decode(text.substring(headerEnd + 1, payloadEnd));
                    String signature = text.substring(payloadEnd + 1, signatureEnd);
                    if (header != null && header.isObject() && header.path("alg").isTextual() && payload != null && payload.isObject()
                            && !signature.equals(JWT_IO_SAMPLE_SIGNATURE)) {
                        out.add(new Match(Rule.JWT, at, signatureEnd, "eyJ", text.substring(at, signatureEnd), null));
                    }
                }
            }
            at = text.indexOf("eyJ", next);
        }
    }

    private static int base64UrlRun(String text, int from) {
        int end = from;
        while (end < text.length() && end - from <= MAX_JWT_PART && isBase64Url(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static JsonNode decode(String part) {
        if (part.isEmpty() || part.length() > MAX_JWT_PART) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    // --- assignments to secret-named keys -----------------------------------------------------------------------------

    /**
     * {@code name = value}, {@code name: value}, {@code "name": "value"}, {@code name := value},
     * {@code name => value} and {@code <name>value</name>}, where the name says it holds a secret
     * ({@link SecretNames}) and the value is plain text: no placeholder, reference, digest or code, at
     * least {@code minLength} characters with a letter and a digit, and of Shannon entropy at least
     * {@code minEntropy} bits per character. A 40-character value of an AWS secret key's alphabet
     * assigned to an AWS secret key's name is that key, whatever its entropy.
     */
    List<Match> assignments(String text) {
        List<Match> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isName(text.charAt(i))) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && isName(text.charAt(i))) {
                i++;
            }
            int nameEnd = i;
            if (nameEnd - nameStart > MAX_NAME || nameEnd - nameStart < 3) {
                continue;
            }
            String name = text.substring(nameStart, nameEnd);
            if (!mayBeSecretName(name)) {
                continue;
            }
            String normal = normalName(name);
            if (!SecretNames.isSecret(normal) || NOT_THE_SECRET.contains(normal.substring(normal.lastIndexOf('_') + 1))) {
                continue;
            }
            int valueStart;
            int valueEnd;
            boolean xml = nameStart > 0 && text.charAt(nameStart - 1) == '<' && nameEnd < n && text.charAt(nameEnd) == '>';
            if (xml) {
                valueStart = nameEnd + 1;
                valueEnd = valueStart;
                while (valueEnd < n && valueEnd - valueStart <= MAX_VALUE && text.charAt(valueEnd) != '<' && text.charAt(valueEnd) != '\n') {
                    valueEnd++;
                }
            } else {
                int j = nameEnd;
                if (j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
                    j++;
                }
                j = spaces(text, j);
                if (j < n && text.charAt(j) == ':') {
                    j += j + 1 < n && text.charAt(j + 1) == '=' ? 2 : 1;
                } else if (j < n && text.charAt(j) == '=') {
                    if (j + 1 < n && text.charAt(j + 1) == '=') {
                        continue; // a comparison
                    }
                    j += j + 1 < n && text.charAt(j + 1) == '>' ? 2 : 1;
                } else {
                    continue;
                }
                j = spaces(text, j);
                char quote = j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'' || text.charAt(j) == '`') ? text.charAt(j) : 0;
                valueStart = quote == 0 ? j : j + 1;
                valueEnd = valueStart;
                while (valueEnd < n && valueEnd - valueStart <= MAX_VALUE && endsValue(text.charAt(valueEnd), quote)) {
                    valueEnd++;
                }
            }
            i = Math.max(i, valueEnd);
            String value = text.substring(valueStart, valueEnd);
            if (value.length() > MAX_VALUE) {
                continue;
            }
            if (normal.contains("AWS") && normal.contains("SECRET") || normal.contains("SECRET_ACCESS_KEY")) {
                if (value.length() == 40 && value.chars().allMatch(c -> isAlnum((char) c) || c == '/' || c == '+') && !isPlaceholder(value)) {
                    out.add(new Match(Rule.AWS_SECRET_ACCESS_KEY, valueStart, valueEnd, "", value, name));
                    continue;
                }
            }
            if (isPlainSecret(value)) {
                out.add(new Match(Rule.GENERIC, valueStart, valueEnd, "", value, name));
            }
        }
        return out;
    }

    /** Whether the value is a plain-text secret by the generic rule's measures. */
    boolean isPlainSecret(String value) {
        if (value.length() < minLength || value.length() > MAX_VALUE || isPlaceholder(value)) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (NOT_PLAINTEXT.stream().anyMatch(lower::startsWith) || lower.contains("://")
                || value.charAt(0) == '$' || value.indexOf('(') >= 0 || value.indexOf(' ') >= 0) {
            return false;
        }
        boolean letter = value.chars().anyMatch(Character::isLetter);
        boolean digit = value.chars().anyMatch(Character::isDigit);
        return letter && digit && BigDecimal.valueOf(entropy(value)).compareTo(minEntropy) >= 0;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String value) {
        int[] counts = new int[256];
        for (int k = 0; k < value.length(); k++) {
            counts[value.charAt(k) & 0xFF]++;
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / value.length();
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    /** A stand-in: a placeholder word, or one character repeated. */
    static boolean isPlaceholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.stream().anyMatch(lower::contains) || value.chars().distinct().count() <= 2;
    }

    /** A cheap first look before {@link SecretNames}: every secret name holds one of these words, in any case. */
    private static boolean mayBeSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("TOKEN") || upper.contains("SECRET") || upper.contains("PASS") || upper.contains("KEY")
                || upper.contains("CREDENTIAL");
    }

    /** {@code db.password}, {@code apiKey}, {@code api-key} as {@code DB_PASSWORD}, {@code API_KEY}, {@code API_KEY}. */
    private static String normalName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (Character.isUpperCase(c) && k > 0 && Character.isLowerCase(name.charAt(k - 1))) {
                out.append('_');
            }
            out.append(c == '-' || c == '.' ? '_' : Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static int spaces(String text, int from) {
        int j = from;
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        return j;
    }

    private static boolean endsValue(char c, char quote) {
        if (c == '\n' || c == '\r') {
            return false;
        }
        if (quote != 0) {
            return c != quote;
        }
        return !Character.isWhitespace(c) && ",;\"'`<>{}[]".indexOf(c) < 0;
    }

    private static boolean isName(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isBase32(char c) {
        return c >= 'A' && c <= 'Z' || c >= '2' && c <= '7';
    }

    private static boolean isBase64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    private static boolean isPemLabel(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ';
    }
}
