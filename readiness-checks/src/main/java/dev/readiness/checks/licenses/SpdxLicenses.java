package dev.readiness.checks.licenses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The SPDX license list as data: the official {@code licenses.json} of spdx/license-list-data (version in
 * {@link #version()}), shipped as a resource beside this class and read on first use. Maps what a POM's
 * {@code <license>} says to SPDX ids: its name as an SPDX id, its name as an SPDX full name, or its URL as one of
 * a license's {@code seeAlso} URLs (normalised: scheme, {@code www.}, case, trailing slash, {@code .txt}/{@code .html}
 * ignored). A URL listed for several licenses maps to all of them, current ids before deprecated ones.
 */
final class SpdxLicenses {

    private static final String RESOURCE = "licenses.json";

    private final String version;
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, Set<String>> names = new HashMap<>();
    private final Map<String, Set<String>> urls = new HashMap<>();

    private SpdxLicenses(JsonNode list) {
        version = list.path("licenseListVersion").asText();
        Map<String, Set<String>> deprecatedUrls = new HashMap<>();
        for (JsonNode license : list.path("licenses")) {
            String id = license.path("licenseId").asText();
            boolean deprecated = license.path("isDeprecatedLicenseId").asBoolean();
            ids.put(id.toLowerCase(Locale.ROOT), id);
            names.computeIfAbsent(name(license.path("name").asText()), k -> new TreeSet<>()).add(id);
            for (JsonNode url : license.path("seeAlso")) {
                (deprecated ? deprecatedUrls : urls).computeIfAbsent(url(url.asText()), k -> new TreeSet<>()).add(id);
            }
        }
        deprecatedUrls.forEach((url, deprecated) -> urls.putIfAbsent(url, deprecated));
    }

    /** The list shipped with the check, read once. */
    static SpdxLicenses shipped() {
        return Shipped.LIST;
    }

    private static final class Shipped {
        static final SpdxLicenses LIST = load();

        private static SpdxLicenses load() {
            try (InputStream in = SpdxLicenses.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the SPDX license list " + RESOURCE + " is missing from the plugin");
                }
                return new SpdxLicenses(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the SPDX license list " + RESOURCE, e);
            }
        }
    }

    /** The version of the SPDX license list, e.g. {@code 3.28.0}. */
    String version() {
        return version;
    }

    /** The SPDX id as the list spells it ({@code apache-2.0} gives {@code Apache-2.0}), or {@code null} when there is none. */
    String canonicalId(String id) {
        return id == null ? null : ids.get(id.trim().toLowerCase(Locale.ROOT));
    }

    /** How a license was recognised, and as which SPDX ids, sorted (empty when it was not). */
    record Match(Set<String> ids, String by) {
        static final Match NONE = new Match(Set.of(), "nothing");

        boolean known() {
            return !ids.isEmpty();
        }
    }

    /** The SPDX ids a {@code <license>}'s name and URL stand for: by id, then full name, then URL. */
    Match match(String name, String url) {
        String id = canonicalId(name);
        if (id != null) {
            return new Match(new TreeSet<>(Set.of(id)), "SPDX id");
        }
        Set<String> byName = name == null || name.isBlank() ? null : names.get(name(name));
        if (byName != null) {
            return new Match(Collections.unmodifiableSet(byName), "SPDX name");
        }
        Set<String> byUrl = url == null || url.isBlank() ? null : urls.get(url(url));
        if (byUrl != null) {
            return new Match(Collections.unmodifiableSet(byUrl), "URL");
        }
        return Match.NONE;
    }

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{Alnum}]+");

    /** A name compared without case, punctuation or spacing: "Apache License 2.0" and "apache license, 2.0" agree. */
    static String name(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern SUFFIX = Pattern.compile("(/|\\.txt|\\.html?|\\.php)+$");

    /**
     * A URL compared without scheme, {@code www.}, case, a trailing slash or a {@code .txt}/{@code .html}/{@code .php}
     * ending: {@code http://www.apache.org/licenses/LICENSE-2.0.txt} and {@code https://www.apache.org/licenses/LICENSE-2.0}
     * agree.
     */
    static String url(String text) {
        String url = SCHEME.matcher(text.trim().toLowerCase(Locale.ROOT)).replaceFirst("");
        url = url.startsWith("www.") ? url.substring(4) : url;
        return SUFFIX.matcher(url).replaceFirst("");
    }
}
