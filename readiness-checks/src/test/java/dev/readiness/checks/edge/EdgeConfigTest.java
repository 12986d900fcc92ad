package dev.readiness.checks.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration's defaults and the mistakes it refuses before anything runs. */
class EdgeConfigTest {

    @Test
    void appliesDefaults() {
        EdgeConfig config = new EdgeConfig(null, null, null, null, null, null, null, null);

        assertThat(config.maxAssets()).isEqualTo(100);
        assertThat(config.minCacheMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(config.maxImageBytes()).isEqualTo(204800);
        assertThat(config.cdnHosts()).isEmpty();
        assertThat(config.records()).isEmpty();
    }

    @Test
    void refusesACdnHostWithASchemeOrPath() {
        assertThatThrownBy(() -> new EdgeConfig(null, List.of("https://cdn.example.com/"), null, null, null, null, null, null))
                .hasMessage("cdnHosts: 'https://cdn.example.com/' is not a host name: write cdn.example.com, or *.example.net for"
                        + " every host below example.net (no scheme, port or path)");
    }

    @Test
    void refusesADnsServerThatIsNotHostAndPort() {
        assertThatThrownBy(() -> new EdgeConfig(null, null, null, null, null, null, null, "10.0.0.2"))
                .hasMessage("dnsServer: '10.0.0.2' is not host:port, such as 10.0.0.2:53 or [2001:db8::53]:53");
        assertThat(new EdgeConfig(null, null, null, null, null, null, null, "[2001:db8::53]:53").dnsServer()).isEqualTo("[2001:db8::53]:53");
    }

    @Test
    void refusesARecordOfAnUnknownTypeOrWithoutExpectedValues() {
        assertThatThrownBy(() -> new EdgeConfig.DnsRecord("shop.example.com", "SRV", List.of("x")))
                .hasMessage("record shop.example.com: type 'SRV' is not one of A, AAAA, CNAME, MX, NS, TXT");
        assertThatThrownBy(() -> new EdgeConfig.DnsRecord("shop.example.com", "a", null))
                .hasMessage("record shop.example.com A: expect the values its answer must hold, such as <expect>203.0.113.10</expect>");
    }

    @Test
    void refusesMaxAssetsOutsideItsRange() {
        assertThatThrownBy(() -> new EdgeConfig(null, null, 0, null, null, null, null, null))
                .hasMessage("maxAssets must be between 1 and 1000, got 0");
    }
}
