package dev.readiness.maven;

import dev.readiness.text.SecretNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The values only Maven's side knows the gate must never print: every server's password and
 * passphrase and every proxy's password in settings.xml, both as written there (encrypted or not)
 * and as Maven decrypts them (the form that is sent); the values of environment variables whose
 * names say they hold a secret; and the user info of environment variables named {@code *_URL}
 * ({@code https://user:pass@host}). The engine adds the header values and the target's user info.
 */
final class Secrets {

    /** Names of variables that hold an address, whose user info is a secret: DATABASE_URL, REPOSITORY_URI. */
    private static final Pattern URL_NAME = Pattern.compile("(?i)(.*_)?UR[LI]");

    /** Shorter values ("none", "false", a 4-letter password) are not worth masking everywhere; in a URL the Redactor masks any user info. */
    private static final int MIN_ENVIRONMENT_SECRET = 8;

    private Secrets() {
    }

    /**
     * @param settings    settings.xml as written, or {@code null}
     * @param decrypted   its servers and proxies as Maven decrypts them (a value that does not decrypt stays as written), or {@code null}
     * @param environment the build's environment variables
     */
    static Set<String> of(Settings settings, SettingsDecryptionResult decrypted, Map<String, String> environment) {
        Set<String> values = new HashSet<>();
        if (settings != null) {
            addSettings(values, settings.getServers(), settings.getProxies());
        }
        if (decrypted != null) {
            addSettings(values, decrypted.getServers(), decrypted.getProxies());
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (value == null) {
                continue;
            }
            if (SecretNames.isSecret(name)) {
                addEnvironment(values, value);
            } else if (URL_NAME.matcher(name).matches()) {
                String userInfo = userInfo(value);
                if (userInfo != null) {
                    addEnvironment(values, userInfo);
                    addEnvironment(values, decoded(userInfo));
                    String password = userInfo.substring(userInfo.indexOf(':') + 1);
                    addEnvironment(values, password);
                    addEnvironment(values, decoded(password));
                }
            }
        }
        values.remove(null);
        return values;
    }

    private static void addSettings(Set<String> values, Iterable<Server> servers, Iterable<Proxy> proxies) {
        for (Server server : servers) {
            values.add(server.getPassword());
            values.add(server.getPassphrase());
        }
        for (Proxy proxy : proxies) {
            values.add(proxy.getPassword());
        }
    }

    private static void addEnvironment(Set<String> values, String value) {
        if (value != null && value.length() >= MIN_ENVIRONMENT_SECRET) {
            values.add(value);
        }
    }

    /** The user info of {@code scheme://user:pass@host/...}, or {@code null} when the value holds none. */
    static String userInfo(String value) {
        int scheme = value.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        int at = value.lastIndexOf('@', end - 1);
        return at < start ? null : value.substring(start, at);
    }

    /** The percent-decoded form (what a client sends), or {@code null} when it is not well encoded. */
    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
