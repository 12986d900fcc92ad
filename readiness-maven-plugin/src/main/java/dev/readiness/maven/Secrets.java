package dev.readiness.maven;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;

/**
 * The values only Maven's side knows the gate must never print: proxy and server passwords from
 * settings.xml, and environment variables whose names say they hold a secret. The engine adds the
 * header values (configured and a server's) and the target's user info.
 */
final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL).*");

    /** Shorter values of secret-named variables ("none", "false") are not secrets worth masking everywhere. */
    private static final int MIN_ENVIRONMENT_SECRET = 8;

    private Secrets() {
    }

    static Set<String> of(MavenSession session) {
        Set<String> values = new HashSet<>();
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
        return values;
    }
}
