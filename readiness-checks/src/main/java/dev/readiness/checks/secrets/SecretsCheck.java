package dev.readiness.checks.secrets;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Status;
import dev.readiness.checks.secrets.SecretDetector.Match;
import dev.readiness.checks.secrets.SecretsConfig.Allow;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code secrets} check: reads the files git tracks under the project folder (without a repository,
 * the file tree less what {@code .gitignore} excludes) and settles "No secrets committed": no private
 * key, AWS, GitHub, GitLab, Slack or Stripe credential, JSON Web Token, or high-entropy value assigned to
 * a secret-named key. It supports "Secrets management configured", which a committed secret shows false.
 *
 * <p>A secret never leaves this package: findings show the rule, the file and line, a masked preview
 * ({@code AKIA…Q7XM (20 chars)}) and a fingerprint, the first 16 hex digits of the SHA-256 of the rule and
 * the value. A finding's key is {@code <file>:<rule>:<fingerprint>}, which stays the same when lines
 * move; the fingerprint alone is also a name of it, so a waiver or an {@code allow} entry can cover one
 * value wherever it occurs.
 *
 * <p>It is ERROR, never a pass, when the files cannot be listed, a file cannot be read, a file is larger
 * than {@code maxFileBytes}, or the project holds more than {@code maxFiles} files, unless a secret was
 * found among those read (then FAIL). Text in UTF-16 with a byte-order mark is decoded; other binary files
 * (a NUL byte among the first 8,000) are not read, except that one named as a keystore or an SSH private
 * key ({@code .p12}, {@code .jks}, {@code id_rsa}, ...) is a finding itself. A project with no file to read
 * is SKIPPED.
 */
public final class SecretsCheck implements Check<SecretsConfig> {

    static final String MANAGEMENT = "secrets.management";

    /** The most secrets listed as findings; the count covers all. */
    static final int MAX_LISTED = 100;

    /** How many files too large to read the summary names before "and N more". */
    static final int NAMED_IN_SUMMARY = 3;

    /** How many leading bytes are looked at for a NUL, as git does to call a file binary. */
    private static final int BINARY_PROBE = 8000;

    /** Extensions of files that hold keys: PKCS #12, Java, Bouncy Castle keystores and KeePass databases. */
    private static final Set<String> KEYSTORE_EXTENSIONS = Set.of("p12", "pfx", "jks", "jceks", "keystore", "bks", "kdbx");

    /** The names OpenSSH gives private keys. */
    private static final Set<String> SSH_KEY_NAMES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk");

    private static final String REMEDY = "Revoke or rotate each secret listed first: it stays in the repository's history after the"
            + " file changes. Then remove it from the file and take it from the environment or a secret store (Vault, a cloud"
            + " secret manager, a Kubernetes Secret by reference). A value that is no secret (a test fixture) can be allowed under"
            + " allow, by path or by fingerprint, or waived in readiness-waivers.yaml by its finding key <file>:<rule>:<fingerprint>"
            + " (that file) or its fingerprint alone (the value wherever it occurs); the fingerprint is the first 16 hex digits of the"
            + " SHA-256 of the rule and the value, so it stays the same when lines move.";

    @Override
    public String id() {
        return "secrets";
    }

    @Override
    public String description() {
        return "No file git tracks under the project folder holds a secret: a private key, an AWS, GitHub, GitLab, Slack or Stripe"
                + " credential, a JSON Web Token, or a high-entropy value assigned to a secret-named key.";
    }

    @Override
    public List<String> phrases() {
        return List.of("No secrets committed");
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), description(), phrases()),
                Claim.supports(MANAGEMENT, "No secret is committed to the repository; one that is shows secrets are not kept in a"
                        + " secret store, and none leaves the item to a person.", List.of("Secrets management configured")));
    }

    @Override
    public Class<SecretsConfig> configType() {
        return SecretsConfig.class;
    }

    /** One secret found, with where it is: a line, or 0 for a whole file (a keystore). */
    private record Found(String path, int line, Match match, String fingerprint) {

        String shortFingerprint() {
            return fingerprint.substring(0, 16);
        }

        String at() {
            return line == 0 ? path : path + ":" + line;
        }

        /** The finding's message: "a keystore is committed: certs/app.p12 (...)", or what was found and where, "is committed". */
        String committed() {
            return match.rule() == SecretDetector.Rule.KEYSTORE
                    ? match.rule().words + " is committed: " + path + " (" + match.preview() + ", fingerprint " + shortFingerprint() + ")"
                    : described() + " is committed";
        }

        String described() {
            return at() + ": " + match.rule().words + (match.name() == null ? "" : " (" + Words.oneLine(match.name(), 80) + ")")
                    + ", " + match.preview() + ", fingerprint " + shortFingerprint();
        }

        Finding.Builder finding(String message) {
            return Finding.of(message).key(path + ":" + match.rule().id + ":" + shortFingerprint()).at(at())
                    .with("rule", match.rule().id).with("file", path).with("line", line == 0 ? null : line)
                    .with("preview", match.preview()).with("name", match.name()).with("fingerprint", shortFingerprint()).with("aliases", List.of(shortFingerprint()));
        }
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(SecretsConfig config, CheckContext context) throws Exception {
        Path basedir = context.basedir();
        try (ProjectFiles files = ProjectFiles.list(basedir, context.buildDirectory(), config.maxFiles())) {
            return scan(config, context, files);
        } catch (IOException e) {
            return Result.error("the files under " + basedir + " could not be listed: " + Words.oneLine(e.getMessage(), 300))
                    .remedy("Make the project folder and its git repository readable by the build; run git status there to see"
                            + " what git reports.")
                    .build();
        }
    }

    private Result scan(SecretsConfig config, CheckContext context, ProjectFiles files) throws InterruptedException {
        SecretDetector detector = new SecretDetector(config.minEntropy(), config.minLength());
        List<PathMatcher> pathAllows = config.allow().stream().map(Allow::pathMatcher).toList();
        Set<Allow> used = new LinkedHashSet<>();
        List<Found> candidates = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        List<Finding> notes = new ArrayList<>(files.notes());
        Map<String, Long> tooLarge = new LinkedHashMap<>();
        Map<String, Integer> byRule = new TreeMap<>();
        int read = 0;
        int binary = 0;
        int allowedFiles = 0;
        for (ProjectFiles.Entry entry : files.entries()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the secrets check was stopped after " + read + " files");
            }
            String path = entry.path();
            Allow byPath = allowing(config.allow(), pathAllows, path);
            if (byPath != null) {
                used.add(byPath);
                allowedFiles++;
                continue;
            }
            ProjectFiles.Content content;
            try {
                content = entry.read(config.maxFileBytes());
            } catch (IOException e) {
                problems.add(Finding.of(Words.oneLine(path, 300) + " could not be read: " + Words.oneLine(e.getMessage(), 300))
                        .key(path + ":unreadable").at(path).build());
                continue;
            }
            if (content.bytes() == null) {
                tooLarge.put(path, content.size());
                continue;
            }
            String text = text(content.bytes());
            if (text == null && !namesKeys(path)) {
                binary++;
                continue;
            }
            read++;
            if (text == null) {
                Match keystore = SecretDetector.keystore(content.bytes());
                candidates.add(new Found(Words.oneLine(path, 300), 0, keystore, keystore.fingerprint()));
                continue;
            }
            int line = 1;
            int counted = 0;
            for (Match match : detector.scan(text)) {
                for (; counted < match.start(); counted++) {
                    line += text.charAt(counted) == '\n' ? 1 : 0;
                }
                candidates.add(new Found(Words.oneLine(path, 300), line, match, match.fingerprint()));
            }
        }
        for (Found secret : candidates) {
            Allow byFingerprint = config.allow().stream().filter(a -> a.allowsFingerprint(secret.fingerprint())).findFirst().orElse(null);
            if (byFingerprint != null) {
                used.add(byFingerprint);
                notes.add(secret.finding(secret.described() + ": allowed by allow " + byFingerprint.shown()
                        + (byFingerprint.reason() == null ? "" : " (" + Words.oneLine(byFingerprint.reason(), 200) + ")")).note().build());
            } else {
                found.add(secret);
                byRule.merge(secret.match().rule().id, 1, Integer::sum);
            }
        }
        for (Allow allow : config.allow()) {
            if (!used.contains(allow)) {
                notes.add(Finding.of("allow " + allow.shown() + " matched nothing; remove it, or correct it").key("allow:" + allow.shown())
                        .note().build());
            }
        }
        if (files.truncated()) {
            problems.add(Finding.of("the project holds more than " + config.maxFiles() + " files; those after the first "
                    + config.maxFiles() + " were not read").key("too-many-files").build());
        }
        context.log().debug("secrets: read " + read + " of " + files.entries().size() + " files (" + files.source() + "), found "
                + found.size() + " secrets");

        Evidence evidence = new Evidence(files, read, binary, allowedFiles, tooLarge, config.maxFileBytes());
        Result main = main(found, problems, notes, evidence);
        return Result.of(main.status(), main.summary()).measured(main.measured()).expected(main.expected())
                .remedy(main.remedy()).findings(main.findings())
                .evidence("source", files.source()).evidence("repository", files.repository())
                .evidence("files", files.entries().size()).evidence("read", read).evidence("binary", binary)
                .evidence("tooLarge", tooLarge.isEmpty() ? null : List.copyOf(tooLarge.keySet())).evidence("allowedFiles", allowedFiles)
                .evidence("skipped", files.skipped().isEmpty() ? null : files.skipped())
                .evidence("symlinks", files.symlinks()).evidence("submodules", files.submodules() == 0 ? null : files.submodules())
                .evidence("secrets", found.size()).evidence("byRule", byRule)
                .claim(MANAGEMENT, management(main, found))
                .build();
    }

    private record Evidence(ProjectFiles files, int read, int binary, int allowedFiles, Map<String, Long> tooLarge, long maxFileBytes) {

        /** "412 files git tracks under the project folder; 3 binary, 1 larger than 1048576 bytes not read". */
        String scope() {
            String what = Words.plural(files.entries().size(), "file") + (files.source().equals(ProjectFiles.GIT)
                    ? " git tracks under the project folder" : " of the project folder (no git repository; .gitignore applied)");
            List<String> unread = new ArrayList<>();
            if (binary > 0) {
                unread.add(binary + " binary");
            }
            if (!tooLarge.isEmpty()) {
                unread.add(tooLarge.size() + " larger than " + maxFileBytes + " bytes");
            }
            if (allowedFiles > 0) {
                unread.add(allowedFiles + " allowed by path");
            }
            return what + (unread.isEmpty() ? "" : "; " + String.join(", ", unread) + " not read");
        }

        /** Each file larger than maxFileBytes, a reason the verdict is not a pass: the first {@link #MAX_LISTED}, then a count. */
        List<Finding> tooLargeFindings() {
            List<Finding> findings = new ArrayList<>();
            tooLarge.forEach((path, size) -> {
                if (findings.size() < MAX_LISTED) {
                    findings.add(Finding.of(Words.oneLine(path, 300) + " is " + size + " bytes, but maxFileBytes is " + maxFileBytes
                                    + "; not read, so a secret in it would be missed")
                            .key(path + ":too-large").at(path).with("bytes", size).build());
                }
            });
            if (tooLarge.size() > MAX_LISTED) {
                findings.add(Finding.of("and " + (tooLarge.size() - MAX_LISTED) + " more files larger than maxFileBytes, not listed")
                        .key("more-too-large").note().build());
            }
            return findings;
        }

        /** "2 files are larger than maxFileBytes (1000 bytes), so not read: dump.sql (2038 bytes), app.js (1200 bytes)". */
        String tooLargeSummary() {
            List<String> named = new ArrayList<>();
            tooLarge.entrySet().stream().limit(NAMED_IN_SUMMARY)
                    .forEach(file -> named.add(Words.oneLine(file.getKey(), 200) + " (" + file.getValue() + " bytes)"));
            int more = tooLarge.size() - named.size();
            return Words.plural(tooLarge.size(), "file is", "files are") + " larger than maxFileBytes (" + maxFileBytes
                    + " bytes), so not read: " + String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
        }

        /** How to have the files too large read or left out on purpose. */
        String tooLargeRemedy() {
            long largest = Collections.max(tooLarge.values());
            return "Raise maxFileBytes to at least " + largest + " (the largest file not read) so every file is read, or leave a file"
                    + " that holds no secret (a data dump, a vendored bundle) unread with an allow entry by path, such as {path: \""
                    + Words.oneLine(tooLarge.keySet().iterator().next(), 200) + "\"}.";
        }
    }

    private static Result main(List<Found> found, List<Finding> problems, List<Finding> notes, Evidence evidence) {
        String expected = "no secret in the files git tracks";
        String scope = evidence.scope();
        if (!found.isEmpty()) {
            List<Finding> findings = new ArrayList<>();
            for (Found secret : found.subList(0, Math.min(found.size(), MAX_LISTED))) {
                findings.add(secret.finding(secret.committed()).build());
            }
            if (found.size() > MAX_LISTED) {
                findings.add(Finding.of("and " + (found.size() - MAX_LISTED) + " more secrets, not listed").key("more-secrets").note().build());
            }
            findings.addAll(problems);
            findings.addAll(evidence.tooLargeFindings());
            findings.addAll(notes);
            return Result.fail(Words.plural(found.size(), "secret is", "secrets are") + " committed in the " + scope + "; "
                            + (found.size() > 1 ? "first: " : "") + found.get(0).described())
                    .measured(Words.plural(found.size(), "secret")).expected(expected)
                    .findings(findings).remedy(REMEDY).build();
        }
        if (!problems.isEmpty() || !evidence.tooLarge().isEmpty()) {
            List<Finding> findings = new ArrayList<>(problems);
            findings.addAll(evidence.tooLargeFindings());
            findings.addAll(notes);
            List<String> reasons = new ArrayList<>();
            List<String> remedies = new ArrayList<>();
            if (!problems.isEmpty()) {
                reasons.add(problems.get(0).message());
                remedies.add("Make every file readable, or raise maxFiles when the project really holds more files; files that are"
                        + " not the project's (vendored trees) can be allowed by path under allow.");
            }
            if (!evidence.tooLarge().isEmpty()) {
                reasons.add(evidence.tooLargeSummary());
                remedies.add(evidence.tooLargeRemedy());
            }
            String tooLarge = Words.plural(evidence.tooLarge().size(), "file") + " larger than maxFileBytes";
            return Result.error("not every file could be read, so a secret may be missed: " + String.join("; ", reasons))
                    .measured(evidence.tooLarge().isEmpty() ? null : tooLarge).expected(expected).findings(findings).remedy(String.join(" ", remedies))
                    .build();
        }
        if (evidence.files().entries().isEmpty()) {
            return Result.skipped(evidence.files().source().equals(ProjectFiles.GIT)
                            ? "git tracks no file under the project folder (repository at " + evidence.files().repository() + "), so none can hold a secret"
                            : "the project folder holds no file to read (no git repository; .gitignore applied)")
                    .findings(notes).build();
        }
        return Result.pass("no secret in the " + scope).measured("0 secrets").expected(expected).findings(notes).build();
    }

    private static Result management(Result main, List<Found> found) {
        if (main.status() == Status.FAIL) {
            return Result.fail(Words.plural(found.size(), "secret is", "secrets are") + " committed to the repository, so secrets are"
                            + " not kept in a secret store; " + (found.size() > 1 ? "first: " : "") + found.get(0).described())
                    .measured(main.measured()).expected("secrets kept out of the repository, in a secret store")
                    .findings(main.findings().stream().filter(Finding::cause).toList()).remedy(REMEDY).build();
        }
        if (main.status() == Status.PASS) {
            return Result.pass("no secret is committed (" + main.summary() + "); whether secrets come from a secret store needs a person")
                    .measured(main.measured()).expected("secrets kept out of the repository, in a secret store").build();
        }
        return Result.of(main.status(), main.summary()).remedy(main.remedy()).findings(main.findings().stream().filter(Finding::cause).toList())
                .build();
    }

    private static Allow allowing(List<Allow> allows, List<PathMatcher> matchers, String path) {
        Path relative = null;
        for (int k = 0; k < allows.size(); k++) {
            if (matchers.get(k) != null) {
                try {
                    relative = relative == null ? Path.of(path) : relative;
                } catch (java.nio.file.InvalidPathException e) {
                    return null;
                }
                if (matchers.get(k).matches(relative)) {
                    return allows.get(k);
                }
            }
        }
        return null;
    }

    /** Whether the file's name says it holds keys: a keystore's extension, or an SSH private key's name. */
    static boolean namesKeys(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return SSH_KEY_NAMES.contains(name) || dot >= 0 && KEYSTORE_EXTENSIONS.contains(name.substring(dot + 1));
    }

    /**
     * The file's text, or {@code null} when it is binary: UTF-16 with a byte-order mark ({@code FF FE}, {@code FE FF})
     * decoded, any other file without a NUL among its first bytes read as ISO-8859-1 (one character per byte).
     */
    static String text(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        return isBinary(bytes) ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean isBinary(byte[] bytes) {
        int end = Math.min(bytes.length, BINARY_PROBE);
        for (int k = 0; k < end; k++) {
            if (bytes[k] == 0) {
                return true;
            }
        }
        return false;
    }
}
