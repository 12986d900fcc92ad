package dev.readiness.checks.licenses;

import dev.readiness.check.DependencyNode;
import dev.readiness.check.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of {@link LicensesCheck}.
 *
 * @param allow       the SPDX ids a dependency's license may have; a permissive list by default ({@link #DEFAULT_ALLOW})
 * @param deny        the SPDX ids no dependency's license may have, even when a dual license offers it
 * @param scopes      the dependency scopes whose licenses are read
 * @param conjunctive dependencies ({@code groupId:artifactId}) whose several licenses all apply at once
 */
public record LicensesConfig(
        @Param("SPDX license ids a dependency may be under (ids of the SPDX license list, any case); a dependency passes when "
                + "one of its licenses maps only to ids on this list; default Apache-2.0, MIT, MIT-0, BSD-2-Clause, BSD-3-Clause, "
                + "ISC, 0BSD, Zlib, Unlicense, CC0-1.0, BSL-1.0, UPL-1.0")
        List<String> allow,
        @Param("SPDX license ids no dependency may be under; a license that maps to one of them never counts as allowed; "
                + "default none")
        List<String> deny,
        @Param("the dependency scopes whose licenses are read: compile, runtime, provided, system, test; default compile, runtime")
        List<String> scopes,
        @Param("dependencies (groupId:artifactId) whose several <license> entries all apply at once rather than offer a "
                + "choice; a license name containing \" AND \" means the same; default none")
        List<String> conjunctive) {

    public static final List<String> DEFAULT_ALLOW = List.of("Apache-2.0", "MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause",
            "ISC", "0BSD", "Zlib", "Unlicense", "CC0-1.0", "BSL-1.0", "UPL-1.0");
    public static final List<String> DEFAULT_SCOPES = List.of("compile", "runtime");

    public LicensesConfig {
        SpdxLicenses spdx = SpdxLicenses.shipped();
        allow = allow == null ? DEFAULT_ALLOW : ids("allow", allow, spdx);
        deny = deny == null ? List.of() : ids("deny", deny, spdx);
        List<String> both = allow.stream().filter(deny::contains).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("allow and deny both list " + String.join(", ", both) + ": keep each id on one list");
        }
        scopes = scopes == null ? DEFAULT_SCOPES : DependencyNode.scopes(scopes);
        conjunctive = conjunctive == null ? List.of() : packages(conjunctive);
    }

    /** The defaults: the permissive allow-list, no deny, scopes compile and runtime. */
    public static LicensesConfig defaults() {
        return new LicensesConfig(null, null, null, null);
    }

    private static List<String> ids(String parameter, List<String> given, SpdxLicenses spdx) {
        if (given.isEmpty() && parameter.equals("allow")) {
            throw new IllegalArgumentException("allow is empty, so no license would pass; list SPDX ids such as Apache-2.0, MIT");
        }
        List<String> ids = new ArrayList<>();
        for (String id : given) {
            String canonical = spdx.canonicalId(id);
            if (canonical == null) {
                throw new IllegalArgumentException(parameter + " lists '" + id + "', which is not an id of the SPDX license list "
                        + spdx.version() + " (write ids as https://spdx.org/licenses/ shows them, e.g. Apache-2.0, EPL-2.0, LGPL-2.1-or-later)");
            }
            if (!ids.contains(canonical)) {
                ids.add(canonical);
            }
        }
        return List.copyOf(ids);
    }

    private static List<String> packages(List<String> given) {
        return given.stream().map(p -> {
            String name = p == null ? "" : p.trim();
            if (!name.matches("[^:\\s]+:[^:\\s]+")) {
                throw new IllegalArgumentException("conjunctive lists '" + p + "', which is not groupId:artifactId");
            }
            return name;
        }).distinct().toList();
    }
}
