package dev.readiness.checks.edge;

import dev.readiness.text.Words;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Tells whether an answer came through a CDN: from a host listed in {@code cdnHosts}, or by a response header that only
 * a CDN adds (the table {@link #SIGNATURES}, from each vendor's documentation of its headers). Each one is specific:
 * <ul>
 * <li>Cloudflare: {@code cf-ray} (the id of the request at Cloudflare's edge) and {@code cf-cache-status}, named for it
 * and added by its proxy to every answer it passes on;</li>
 * <li>CloudFront: {@code x-amz-cf-id} and {@code x-amz-cf-pop} (the request's id and the edge location that served it);</li>
 * <li>Fastly: {@code x-served-by} naming its cache nodes ({@code cache-fra-eddf8230141-FRA}, {@code cache-lhr7380-LHR}:
 * "cache-", the POP in lower case, the node, the POP in capitals, which a server's own host name does not take), and
 * {@code fastly-debug-digest} and {@code x-fastly-request-id}, named for it;</li>
 * <li>Akamai: {@code x-akamai-transformed}, {@code akamai-grn} (its reference number) and {@code server: AkamaiGHost}
 * (its edge server) or {@code AkamaiNetStorage};</li>
 * <li>Azure Front Door and Azure CDN: {@code x-azure-ref}, the reference of the request at Microsoft's edge;</li>
 * <li>Bunny CDN {@code cdn-pullzone}, KeyCDN {@code server: keycdn-engine}, Vercel's edge network {@code x-vercel-cache},
 * Netlify's {@code x-nf-request-id}: each named for the vendor, whose edge adds it.</li>
 * </ul>
 * Not in it ({@link #NOT_BY_ITSELF}): {@code via: 1.1 google}, which Google Cloud's HTTP(S) load balancer adds to every
 * answer with Cloud CDN on or off (Cloud CDN adds no header of its own unless configured to, so its host belongs in
 * {@code cdnHosts}), and {@code via: … varnish} and {@code x-varnish}, which a self-hosted Varnish adds as Fastly's does.
 */
final class Cdn {

    /** A header that {@code source} adds, and the pattern its value matches ({@code null}: any value). */
    record Signature(String source, String header, Pattern value) {

        /** The first of the answer's headers that matches, as sent ("Via: 1.1 google"), or {@code null}. */
        String match(Headers headers) {
            for (int i = 0; i < headers.size(); i++) {
                if (headers.name(i).equalsIgnoreCase(header) && (value == null || value.matcher(headers.value(i)).matches())) {
                    return headers.name(i) + ": " + Words.oneLine(headers.value(i), 80);
                }
            }
            return null;
        }
    }

    static final List<Signature> SIGNATURES = List.of(
            new Signature("Cloudflare", "cf-ray", null),
            new Signature("Cloudflare", "cf-cache-status", null),
            new Signature("CloudFront", "x-amz-cf-id", null),
            new Signature("CloudFront", "x-amz-cf-pop", null),
            new Signature("Fastly", "x-served-by", Pattern.compile(".*\\bcache-[a-z]{3}[a-z0-9-]*[0-9]-[A-Z]{3}\\b.*")),
            new Signature("Fastly", "fastly-debug-digest", null),
            new Signature("Fastly", "x-fastly-request-id", null),
            new Signature("Akamai", "x-akamai-transformed", null),
            new Signature("Akamai", "akamai-grn", null),
            new Signature("Akamai", "server", Pattern.compile("(?i)akamai.*")),
            new Signature("Azure Front Door", "x-azure-ref", null),
            new Signature("Bunny CDN", "cdn-pullzone", null),
            new Signature("KeyCDN", "server", Pattern.compile("(?i)keycdn-engine.*")),
            new Signature("Vercel", "x-vercel-cache", null),
            new Signature("Netlify", "x-nf-request-id", null));

    /** Headers a CDN may add but a plain proxy adds too, so they do not show a CDN by themselves; {@code source} says who. */
    static final List<Signature> NOT_BY_ITSELF = List.of(
            new Signature("Google Cloud's load balancer, with Cloud CDN on or off", "via",
                    Pattern.compile("(?i).*\\b1\\.1 google\\b.*")),
            new Signature("any Varnish, a self-hosted one too", "via", Pattern.compile("(?i).*\\bvarnish\\b.*")),
            new Signature("any Varnish, a self-hosted one too", "x-varnish", null));

    /**
     * Headers by which a CDN says it does not cache an answer, whatever Cache-Control says: Cloudflare's
     * {@code cf-cache-status: DYNAMIC} (not eligible for its cache) or {@code BYPASS} (told to skip it), Azure Front Door's
     * {@code x-cache: CONFIG_NOCACHE} (its route caches nothing).
     */
    static final List<Signature> NOT_CACHED = List.of(
            new Signature("Cloudflare", "cf-cache-status", Pattern.compile("(?i)\\s*(DYNAMIC|BYPASS)\\s*")),
            new Signature("Azure Front Door", "x-cache", Pattern.compile("(?i)\\s*CONFIG_NOCACHE\\s*")));

    private Cdn() {
    }

    /** The CDN whose headers the answer carries, or {@code null}. */
    static String recognise(Headers headers) {
        return SIGNATURES.stream().filter(s -> s.match(headers) != null).map(Signature::source).findFirst().orElse(null);
    }

    /** The header by which the CDN says it does not cache this answer, as sent ("cf-cache-status: DYNAMIC"), or {@code null}. */
    static String notCached(Headers headers) {
        return NOT_CACHED.stream().map(signature -> signature.match(headers)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The first header of the answer that a proxy adds without a CDN, with who adds it ("Via: 1.1 google (…)"), or {@code null}. */
    static String proxyOnly(Headers headers) {
        return NOT_BY_ITSELF.stream().map(signature -> {
            String match = signature.match(headers);
            return match == null ? null : match + " (" + signature.source() + ")";
        }).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Whether the host is one of {@code cdnHosts} ({@code *.example.net}: a host below example.net). */
    static boolean listed(List<String> cdnHosts, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return cdnHosts.stream().anyMatch(c -> c.startsWith("*.") ? h.endsWith(c.substring(1)) : h.equals(c));
    }
}
