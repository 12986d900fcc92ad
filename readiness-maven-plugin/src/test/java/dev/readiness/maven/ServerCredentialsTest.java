package dev.readiness.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class ServerCredentialsTest {

    private static Server server(String username, String password, String configuration) throws Exception {
        Server server = new Server();
        server.setId("staging");
        server.setUsername(username);
        server.setPassword(password);
        if (configuration != null) {
            server.setConfiguration(Xpp3DomBuilder.build(new StringReader(configuration)));
        }
        return server;
    }

    @Test
    void takesTheServersHttpHeadersAsMavenDeclaresThem() throws Exception {
        Server server = server("deployer", "ignored", """
                <configuration><httpHeaders>
                  <property><name>Authorization</name><value>Bearer t0ken-from-settings</value></property>
                  <property><name>X-Tenant</name><value>shop</value></property>
                </httpHeaders></configuration>""");

        assertThat(ServerCredentials.headers(server))
                .containsExactly(Map.entry("Authorization", "Bearer t0ken-from-settings"), Map.entry("X-Tenant", "shop"));
    }

    @Test
    void makesBasicAuthenticationOfAUsernameAndPassword() throws Exception {
        assertThat(ServerCredentials.headers(server("deployer", "s3cret", null)))
                .containsExactly(Map.entry("Authorization", "Basic ZGVwbG95ZXI6czNjcmV0"));
    }

    @Test
    void makesABearerTokenOfAPasswordAlone() throws Exception {
        assertThat(ServerCredentials.headers(server(null, "t0ken", null))).containsExactly(Map.entry("Authorization", "Bearer t0ken"));
    }

    @Test
    void rejectsAServerWithoutCredentials() throws Exception {
        assertThatThrownBy(() -> ServerCredentials.headers(server("deployer", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings.xml server 'staging' has no httpHeaders, username and password, or password to authenticate with");
    }
}
