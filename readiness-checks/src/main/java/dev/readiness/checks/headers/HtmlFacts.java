package dev.readiness.checks.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the Observatory reads from a page's HTML, parsed with jsoup: the policies of
 * {@code <meta http-equiv="Content-Security-Policy">} tags, the last {@code <meta name="referrer">},
 * and the {@code <script>} tags with their {@code src}, {@code integrity} and {@code crossorigin}.
 *
 * @param cspMetas     the content of each Content-Security-Policy meta tag, in document order
 * @param referrerMeta the content of the last referrer meta tag, or {@code null}
 * @param scripts      every {@code <script>} tag, inline ones included
 */
record HtmlFacts(List<String> cspMetas, String referrerMeta, List<Script> scripts) {

    static final HtmlFacts NONE = new HtmlFacts(List.of(), null, List.of());

    HtmlFacts {
        cspMetas = List.copyOf(cspMetas);
        scripts = List.copyOf(scripts);
    }

    /**
     * One script tag.
     *
     * @param src         the {@code src} attribute as written, or {@code ""} for an inline script
     * @param integrity   the {@code integrity} attribute, or {@code null}
     * @param crossorigin the {@code crossorigin} attribute, or {@code null}
     */
    record Script(String src, String integrity, String crossorigin) {
    }

    static HtmlFacts parse(String html) {
        Document document = Jsoup.parse(html);
        List<String> csp = new ArrayList<>();
        String referrer = null;
        for (Element meta : document.select("meta")) {
            if (meta.hasAttr("http-equiv") && meta.hasAttr("content")) {
                if (meta.attr("http-equiv").trim().toLowerCase(Locale.ROOT).equals("content-security-policy")) {
                    csp.add(meta.attr("content"));
                }
            } else if (meta.attr("name").trim().toLowerCase(Locale.ROOT).equals("referrer") && meta.hasAttr("content")) {
                referrer = meta.attr("content");
            }
        }
        List<Script> scripts = new ArrayList<>();
        for (Element script : document.select("script")) {
            scripts.add(new Script(script.attr("src"), script.hasAttr("integrity") ? script.attr("integrity") : null,
                    script.hasAttr("crossorigin") ? script.attr("crossorigin") : null));
        }
        return new HtmlFacts(csp, referrer, scripts);
    }
}
