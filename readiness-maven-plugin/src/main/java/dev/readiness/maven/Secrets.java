package dev.readiness.maven;

import dev.readiness.check.HttpSettings;
import dev.readiness.engine.Redactor;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;

/**
 * The values the gate must never print: configured header values (and the token of {@code Bearer <token>}),
 * the user info of the target URL, proxy and server passwords from
 * settings.xml, and environment variables whose names say they hold a secret.
 */
final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL).*");

    /** Shorter values of secret-named variables ("none", "false") are not secrets worth masking everywhere. */
    private static final int MIN_ENVIRONMENT_SECRET = 8;

    private final Redactor redactor;

    private Secrets(Set<String> values) {
        this.redactor = new Redactor(values);
    }

    static Secrets of(MavenSession session, HttpSettings http) {
        Set<String> values = new HashSet<>();
        for (String header : http.headers().values()) {
            values.add(header);
            values.add(header.substring(header.lastIndexOf(' ') + 1)); // the token of "Bearer <token>", echoed alone
        }
        if (http.target() != null && http.target().getUserInfo() != null) {
            String userInfo = http.target().getUserInfo();
            values.add(userInfo);
            values.add(userInfo.substring(userInfo.indexOf(':') + 1));
        }
        if (session.getSettings() != null) {
            for (Proxy proxy : session.getSettings().getProxies()) {
                values.add(proxy.getPassword());
            }
            for (Server server : session.getSettings().getServers()) {
                values.add(server.getPassword());
                values.add(server.getPassphrase());
            }
        }
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            if (SECRET_NAME.matcher(variable.getKey()).matches() && variable.getValue().length() >= MIN_ENVIRONMENT_SECRET) {
                values.add(variable.getValue());
            }
        }
        values.remove(null);
        return new Secrets(values);
    }

    Redactor redactor() {
        return redactor;
    }
}
