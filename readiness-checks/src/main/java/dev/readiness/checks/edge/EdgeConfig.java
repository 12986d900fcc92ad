package dev.readiness.checks.edge;

import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of {@link EdgeCheck}.
 *
 * @param url            the page whose linked assets are judged; the target by default
 * @param cdnHosts       hosts that are the CDN ({@code cdn.example.com}, or {@code *.cloudfront.net} for any below it)
 * @param maxAssets      the most assets fetched (100)
 * @param minCacheMaxAge the least {@code Cache-Control: max-age} of a fingerprinted asset (30 days)
 * @param maxImageBytes  the most bytes one image may weigh (200 KiB)
 * @param records        the DNS records that must resolve as expected
 * @param caaIssuer      the CAA domain of the certificate's issuer, instead of the built-in table
 * @param dnsServer      the resolver to ask, {@code host:port}; the system's by default
 */
public record EdgeConfig(
        @Param("the page whose linked scripts, stylesheets and images are judged; default the target")
        String url,
        @Param("hosts that serve through the CDN: cdn.example.com, or *.cloudfront.net for any host below it; an asset from"
                + " another host counts as served by a CDN only when its answer carries a known CDN's headers; default none")
        List<String> cdnHosts,
        @Param("the most assets fetched from the page (scripts, stylesheets and images, in page order); more make the claims"
                + " that need every asset ERROR unless one already fails; default 100")
        Integer maxAssets,
        @Param("the least Cache-Control max-age of a fingerprinted asset (a name holding a hash, app.3f9a1c2e.js), e.g. 30d;"
                + " default 30d")
        Duration minCacheMaxAge,
        @Param("the most bytes one image may weigh; default 204800 (200 KiB)")
        Long maxImageBytes,
        @Param("the DNS records that must resolve as expected, each with name, type (A, AAAA, CNAME, MX, TXT or NS) and expect"
                + " (every value the answer must hold, no more and no fewer: 203.0.113.10, 10 mx.example.com,"
                + " shop.cdn.example.net); default none")
        List<DnsRecord> records,
        @Param("the CAA domain of the issuer of the target's certificate (letsencrypt.org), when the built-in table of issuers"
                + " does not know it or the target is not HTTPS; default from the certificate the target serves")
        String caaIssuer,
        @Param("the DNS resolver to ask, host:port (a name, an IPv4 address or [IPv6]); default the system's resolvers")
        String dnsServer) {

    static final int DEFAULT_MAX_ASSETS = 100;
    static final long DEFAULT_MAX_IMAGE_BYTES = 200 * 1024;
    static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS");

    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]/]+)):(\\d{1,5})");

    public EdgeConfig {
        url = url == null || url.isBlank() ? null : url.trim();
        cdnHosts = cdnHosts == null ? List.of() : cdnHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        for (String host : cdnHosts) {
            if (host.isEmpty() || host.contains("/") || host.contains(":") || host.indexOf('*', 1) >= 0
                    || host.startsWith("*") && !host.startsWith("*.")) {
                throw new IllegalArgumentException("cdnHosts: '" + Words.oneLine(host, 100) + "' is not a host name: write"
                        + " cdn.example.com, or *.example.net for every host below example.net (no scheme, port or path)");
            }
        }
        maxAssets = maxAssets == null ? DEFAULT_MAX_ASSETS : maxAssets;
        if (maxAssets < 1 || maxAssets > 1000) {
            throw new IllegalArgumentException("maxAssets must be between 1 and 1000, got " + maxAssets);
        }
        minCacheMaxAge = minCacheMaxAge == null ? Duration.ofDays(30) : minCacheMaxAge;
        if (minCacheMaxAge.isNegative() || minCacheMaxAge.isZero()) {
            throw new IllegalArgumentException("minCacheMaxAge must be longer than 0, such as 30d");
        }
        maxImageBytes = maxImageBytes == null ? DEFAULT_MAX_IMAGE_BYTES : maxImageBytes;
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("maxImageBytes must be at least 1, got " + maxImageBytes);
        }
        records = records == null ? List.of() : List.copyOf(records);
        caaIssuer = caaIssuer == null || caaIssuer.isBlank() ? null : caaIssuer.trim().toLowerCase(Locale.ROOT);
        dnsServer = dnsServer == null || dnsServer.isBlank() ? null : dnsServer.trim();
        if (dnsServer != null && address(dnsServer) == null) {
            throw new IllegalArgumentException("dnsServer: '" + Words.oneLine(dnsServer, 100) + "' is not host:port, such as"
                    + " 10.0.0.2:53 or [2001:db8::53]:53");
        }
    }

    /** {@code host:port} ({@code [v6]:port} for an IPv6 address) as an unresolved socket address, or {@code null}. */
    static InetSocketAddress address(String hostPort) {
        Matcher m = HOST_PORT.matcher(hostPort);
        if (!m.matches() || Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535) {
            return null;
        }
        return InetSocketAddress.createUnresolved(m.group(1) != null ? m.group(1) : m.group(2), Integer.parseInt(m.group(3)));
    }

    /**
     * One DNS record that must resolve as expected.
     *
     * @param name   the name asked for, {@code shop.example.com}
     * @param type   A, AAAA, CNAME, MX, TXT or NS
     * @param expect every value the answer must hold, and no other
     */
    public record DnsRecord(String name, String type, List<String> expect) {

        public DnsRecord {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a record needs a name, such as shop.example.com");
            }
            name = name.trim().toLowerCase(Locale.ROOT);
            type = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("record " + Words.oneLine(name, 100) + ": type '" + Words.oneLine(type, 20)
                        + "' is not one of " + String.join(", ", new TreeSet<>(TYPES)));
            }
            expect = expect == null ? List.of() : expect.stream().map(String::trim).toList();
            if (expect.isEmpty() || expect.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("record " + Words.oneLine(name, 100) + " " + type + ": expect the values its"
                        + " answer must hold, such as <expect>203.0.113.10</expect>");
            }
        }
    }
}
