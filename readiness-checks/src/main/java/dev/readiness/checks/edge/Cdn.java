package dev.readiness.checks.edge;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Tells whether an answer came through a CDN: from a host listed in {@code cdnHosts}, or by the response headers that
 * CDNs add (the table {@link #SIGNATURES}, from each vendor's documentation of its headers).
 */
final class Cdn {

    /** A header a CDN adds to every answer, and the pattern its value matches ({@code null}: any value). */
    record Signature(String cdn, String header, Pattern value) {
    }

    static final List<Signature> SIGNATURES = List.of(
            new Signature("Cloudflare", "cf-ray", null),
            new Signature("Cloudflare", "cf-cache-status", null),
            new Signature("CloudFront", "x-amz-cf-id", null),
            new Signature("CloudFront", "x-amz-cf-pop", null),
            new Signature("Fastly", "x-served-by", Pattern.compile("(?i).*\\bcache-[a-z0-9-]+.*")),
            new Signature("Fastly", "fastly-debug-digest", null),
            new Signature("Fastly", "x-fastly-request-id", null),
            new Signature("Akamai", "x-akamai-transformed", null),
            new Signature("Akamai", "akamai-grn", null),
            new Signature("Akamai", "server", Pattern.compile("(?i)akamai.*")),
            new Signature("Azure Front Door", "x-azure-ref", null),
            new Signature("Google Cloud CDN", "via", Pattern.compile("(?i).*\\b1\\.1 google\\b.*")),
            new Signature("Bunny CDN", "cdn-pullzone", null),
            new Signature("KeyCDN", "server", Pattern.compile("(?i)keycdn-engine.*")),
            new Signature("Vercel", "x-vercel-cache", null),
            new Signature("Netlify", "x-nf-request-id", null),
            new Signature("Varnish", "via", Pattern.compile("(?i).*\\bvarnish\\b.*")),
            new Signature("Varnish", "x-varnish", null));

    private Cdn() {
    }

    /** The CDN whose headers the answer carries, or {@code null}. */
    static String recognise(Headers headers) {
        for (Signature signature : SIGNATURES) {
            for (String value : headers.values(signature.header())) {
                if (signature.value() == null || signature.value().matcher(value).matches()) {
                    return signature.cdn();
                }
            }
        }
        return null;
    }

    /** Whether the host is one of {@code cdnHosts} ({@code *.example.net}: a host below example.net). */
    static boolean listed(List<String> cdnHosts, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return cdnHosts.stream().anyMatch(c -> c.startsWith("*.") ? h.endsWith(c.substring(1)) : h.equals(c));
    }
}
