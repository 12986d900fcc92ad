package dev.readiness.checks.edge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The static assets a page links, read with jsoup: every {@code <script src>}, {@code <link rel=stylesheet href>} and
 * {@code <img src>}, resolved against the page's URL (and its {@code <base href>}), each once, in page order. Links of
 * other schemes ({@code data:}, {@code javascript:}, {@code blob:}) are counted as skipped and never fetched. The only
 * class of the check that touches jsoup.
 *
 * @param links   the http(s) assets, in page order, each URL once
 * @param skipped the links that are not http(s), as written (cut short)
 */
record PageAssets(List<Link> links, List<String> skipped) {

    /** What kind of asset a link is. */
    enum Kind {
        SCRIPT, STYLESHEET, IMAGE;

        boolean text() {
            return this != IMAGE;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One linked asset. */
    record Link(HttpUrl url, Kind kind) {
    }

    static PageAssets read(String html, HttpUrl page) {
        Document document = Jsoup.parse(html, page.toString());
        Map<HttpUrl, Link> links = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Element element : document.select("script[src], link[href], img[src]")) {
            Kind kind;
            String attribute;
            if (element.normalName().equals("script")) {
                kind = Kind.SCRIPT;
                attribute = "src";
            } else if (element.normalName().equals("img")) {
                kind = Kind.IMAGE;
                attribute = "src";
            } else if (List.of(element.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains("stylesheet")) {
                kind = Kind.STYLESHEET;
                attribute = "href";
            } else {
                continue;
            }
            String written = element.attr(attribute).trim();
            if (written.isEmpty()) {
                continue;
            }
            HttpUrl url = HttpUrl.parse(element.absUrl(attribute));
            if (url == null) {
                skipped.add(written.length() > 60 ? written.substring(0, 60) + "…" : written);
                continue;
            }
            links.putIfAbsent(url.newBuilder().fragment(null).build(), new Link(url.newBuilder().fragment(null).build(), kind));
        }
        return new PageAssets(List.copyOf(links.values()), List.copyOf(skipped));
    }
}
