package dev.readiness.checks.secrets;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.checkOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.readiness.checks.secrets.SecretDetector.Match;
import dev.readiness.checks.secrets.SecretDetector.Rule;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the secrets detector with any bytes as a file's text (read as ISO-8859-1, as the check reads files).
 * Seeds (in {@code SecretDetectorFuzzTestInputs}): look-alikes that hold no secret (placeholders, a PEM header
 * without key material, a short token prefix, a JWT-shaped value that does not decode), so none is committed. A
 * normal build replays them and every kept finding;
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=SecretDetectorFuzzTest} fuzzes it.
 */
class SecretDetectorFuzzTest {

    private static final SecretDetector DETECTOR = new SecretDetector(SecretsConfig.DEFAULT_MIN_ENTROPY, SecretsConfig.DEFAULT_MIN_LENGTH);

    /**
     * Any text gives matches, never an exception: each inside the text, in order of where they start;
     * its preview one line that never shows more of the secret than its public part and last four characters, and
     * its {@code toString} no more than the preview.
     */
    @FuzzTest(maxDuration = "10m")
    void findsSecretsWithinTheTextAndNeverShowsThem(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Match> matches = DETECTOR.scan(text);
        int start = 0;
        for (Match match : matches) {
            check(match.start() >= start && match.start() < match.end() && match.end() <= text.length(),
                    () -> match.rule() + " at " + match.start() + "-" + match.end() + " in a text of " + text.length()
                            + ", after matches " + matches.subList(0, matches.indexOf(match)));
            String preview = match.preview();
            checkOneLine(preview, "the preview of " + match.rule());
            checkOneLine(match.toString(), "the match shown");
            if (match.rule() != Rule.PRIVATE_KEY) {
                String hidden = match.secret().substring(Math.min(match.publicPart().length(), match.secret().length()));
                check(hidden.length() <= 4 || !preview.contains(hidden.substring(0, hidden.length() - 4)),
                        () -> match.rule() + "'s preview shows the secret: " + preview);
            } else {
                check(!preview.contains(match.secret()), () -> "the preview shows the key material: " + preview);
            }
            check(match.toString().equals(match.rule().id + " at " + match.start() + ": " + preview),
                    () -> "toString shows more than the preview");
            check(match.fingerprint().length() == 64, () -> "fingerprint " + match.fingerprint());
            start = match.start();
        }
    }
}
