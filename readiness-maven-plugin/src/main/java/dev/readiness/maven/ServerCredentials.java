package dev.readiness.maven;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The headers a settings.xml {@code <server>} stands for, so a token is kept where Maven keeps
 * credentials: its {@code <configuration><httpHeaders>} (Maven's own convention for HTTP
 * headers), else {@code Authorization: Basic} from its username and password, else its password
 * as {@code Authorization: Bearer}. Fails when the server holds none of these.
 */
final class ServerCredentials {

    private ServerCredentials() {
    }

    /** The headers of an already decrypted server. */
    static Map<String, String> headers(Server server) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (server.getConfiguration() instanceof Xpp3Dom configuration && configuration.getChild("httpHeaders") != null) {
            for (Xpp3Dom property : configuration.getChild("httpHeaders").getChildren("property")) {
                Xpp3Dom name = property.getChild("name");
                Xpp3Dom value = property.getChild("value");
                if (name != null && value != null && name.getValue() != null && value.getValue() != null) {
                    headers.put(name.getValue().trim(), value.getValue().trim());
                }
            }
        }
        if (headers.isEmpty() && server.getUsername() != null && server.getPassword() != null) {
            String pair = server.getUsername() + ":" + server.getPassword();
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else if (headers.isEmpty() && server.getPassword() != null) {
            headers.put("Authorization", "Bearer " + server.getPassword());
        }
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("settings.xml server '" + server.getId() + "' has no httpHeaders, username"
                    + " and password, or password to authenticate with");
        }
        return headers;
    }
}
