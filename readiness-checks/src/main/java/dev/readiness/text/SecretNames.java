package dev.readiness.text;

import java.util.regex.Pattern;

/** Which names say that what they name holds a secret, one rule for the whole gate (masking, and the checks that look for secrets). */
public final class SecretNames {

    /** Names that say a value is a secret: ..._TOKEN, ..._PASSPHRASE, PRIVATE_KEY, ..._API_KEY, ..._CREDENTIALS, ... */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_?KEY|API_?KEY|CREDENTIAL).*");

    private SecretNames() {
    }

    /** Whether the name says its value is a secret: {@code DB_PASSWORD}, {@code githubToken}, {@code STRIPE_API_KEY}. */
    public static boolean isSecret(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }
}
