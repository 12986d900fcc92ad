package dev.readiness.checks.docs;

import dev.readiness.check.Param;

/**
 * Configuration of the {@code docs} check.
 *
 * @param files    the documentation file or folder of each item
 * @param minWords the fewest words a document holds to be more than a stub; default {@value #DEFAULT_MIN_WORDS}
 * @param openApi  the OpenAPI spec that documents the API, or {@code null}
 */
public record DocsConfig(
        @Param("the file or folder of each documentation item, relative to the project folder: runbooks, deployment, architecture,"
                + " dataFlow, disasterRecovery, incidentResponse, postMortem, knownIssues, support, faq (<files><runbooks>docs/runbooks"
                + "</runbooks></files>); an item whose file is not named is not judged; default none")
        DocFiles files,
        @Param("the fewest words a Markdown, AsciiDoc or reStructuredText document holds, under a heading, to count as more than a"
                + " stub; default " + DocsConfig.DEFAULT_MIN_WORDS)
        Integer minWords,
        @Param("the OpenAPI 3.x spec that documents the API (YAML or JSON), relative to the project folder; it must validate and,"
                + " when code changed since the latest release tag, have changed too; default none")
        String openApi) {

    public static final int DEFAULT_MIN_WORDS = 150;

    public DocsConfig {
        files = files == null ? DocFiles.none() : files;
        minWords = minWords == null ? DEFAULT_MIN_WORDS : minWords;
        if (minWords < 1) {
            throw new IllegalArgumentException("minWords must be at least 1, got " + minWords);
        }
        openApi = openApi == null || openApi.isBlank() ? null : openApi.strip();
    }

    public static DocsConfig defaults() {
        return new DocsConfig(null, null, null);
    }
}
