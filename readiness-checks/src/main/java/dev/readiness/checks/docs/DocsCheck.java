package dev.readiness.checks.docs;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.checks.PluginLibrary;
import dev.readiness.checks.openapi.OpenApiDocument;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code docs} check: the documentation files a team names, one per checklist item, exist inside the project and
 * are more than stubs (a heading and {@code minWords} words; for diagrams, a real image or diagram source), and those
 * of items that say "updated" changed since the latest release tag when the code did. Its main claim judges the
 * OpenAPI spec the same way, and that it validates. Every claim only supports its item (presence is not quality): a
 * missing, stub or stale file FAILs it, a file that cannot be read is ERROR, and an item whose file is not named is
 * SKIPPED, never judged.
 */
public final class DocsCheck implements Check<DocsConfig> {

    private static final String API_PHRASE = "API documentation updated";

    @Override
    public String id() {
        return "docs";
    }

    @Override
    public String description() {
        return "The configured OpenAPI spec exists in the project, validates (swagger-parser), and changed since the latest release"
                + " tag when the code did; a missing, invalid or stale spec disproves the item.";
    }

    @Override
    public List<String> phrases() {
        return List.of(API_PHRASE);
    }

    @Override
    public List<Claim> claims() {
        Stream<Claim> topics = Arrays.stream(Topic.values()).map(topic -> Claim.supports(topic.claim(), "The file or folder named"
                + " files." + topic.key + " exists in the project and holds " + (topic.diagram ? "a diagram (an image, draw.io,"
                + " PlantUML or Mermaid file, or Markdown with a mermaid or plantuml block)" : "documents of a heading and at least"
                + " minWords words") + (topic.updated ? ", changed since the latest release tag when the code did" : "")
                + "; a " + (topic.updated ? "missing, stub or stale" : "missing or stub") + " file disproves the item.",
                List.of(topic.phrase)));
        return Stream.concat(Stream.of(Claim.supports(id(), description(), phrases())), topics).toList();
    }

    @Override
    public Class<DocsConfig> configType() {
        return DocsConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(DocsConfig config, CheckContext context) throws IOException {
        Freshness freshness = new Freshness(context);
        Result.Builder main = api(config, context, freshness);
        for (Topic topic : Topic.values()) {
            String path = topic.path(config.files());
            if (path != null) {
                main.claim(topic.claim(), topic(topic, path, config.minWords(), context.basedir(), freshness));
            } else if (context.isBound(topic.claim())) {
                main.claim(topic.claim(), Result.skipped("no file is named for this item (<files><" + topic.key + ">)").build());
            }
        }
        return main.build();
    }

    /** The release comparison, read once and only when an item that says "updated" has a file. */
    private static final class Freshness {
        private final CheckContext context;
        private SinceRelease since;

        Freshness(CheckContext context) {
            this.context = context;
        }

        SinceRelease get() throws IOException {
            if (since == null) {
                since = SinceRelease.read(context.basedir(), context.project().artifactId());
            }
            return since;
        }
    }

    private static Result topic(Topic topic, String path, int minWords, Path basedir, Freshness freshness) throws IOException {
        DocumentFiles.Judged judged = DocumentFiles.judge(basedir, path, topic.diagram, minWords);
        String shown = Words.oneLine(Words.path(basedir, basedir.resolve(path).normalize()), 200);
        String what = topic.diagram ? "a diagram" : "documents of a heading and at least " + minWords + " words";
        if (!judged.exists()) {
            return Result.fail(shown + " does not exist").measured("missing").expected(what)
                    .finding(Finding.of(shown + " (files." + topic.key + ") does not exist: write it, or name where it is")
                            .key("missing:" + shown).at(shown).build())
                    .remedy("Write the " + topic.phrase.toLowerCase(java.util.Locale.ROOT) + " at " + shown + ", or point <files><"
                            + topic.key + "> at it.").build();
        }
        if (!judged.unreadable().isEmpty()) {
            return Result.error(judged.unreadable().get(0) + (judged.unreadable().size() > 1 ? " (and "
                            + Words.plural(judged.unreadable().size() - 1, "more file") + ")" : ""))
                    .evidence("unreadable", judged.unreadable())
                    .remedy("Keep the documents as UTF-8 text (or images) inside the project, at most "
                            + DocumentFiles.MAX_FILE_BYTES / (1024 * 1024) + " MiB each.").build();
        }
        List<Finding> findings = new ArrayList<>(judged.defects());
        String freshnessNote = null;
        if (topic.updated) {
            Stale stale = stale(freshness.get(), shown);
            if (stale.finding() != null) {
                findings.add(stale.finding());
            }
            freshnessNote = stale.note();
        }
        if (!findings.isEmpty()) {
            return Result.fail(findings.get(0).message() + (findings.size() > 1 ? " (and " + Words.plural(findings.size() - 1, "more finding")
                            + ")" : "")).measured(judged.good().size() + " good, " + findings.size() + " wanting").expected(what)
                    .evidence("documents", judged.good()).findings(findings)
                    .remedy("Write out each stub (a heading and at least " + minWords + " words), export each diagram again, and update"
                            + " the documents the release changed.").build();
        }
        return Result.pass(String.join(", ", judged.good().stream().limit(3).toList()) + (judged.good().size() > 3 ? " and "
                        + (judged.good().size() - 3) + " more" : "") + (freshnessNote == null ? "" : "; " + freshnessNote))
                .measured(Words.plural(judged.good().size(), topic.diagram ? "diagram" : "document")).expected(what)
                .evidence("documents", judged.good()).build();
    }

    /** A stale finding (or none) and a note saying how freshness was judged. */
    private record Stale(Finding finding, String note) {
    }

    private static Stale stale(SinceRelease since, String shown) {
        if (since.reason() != null) {
            return new Stale(null, "not compared with a release: " + since.reason());
        }
        List<String> code = since.codeChanges(shown);
        if (since.changed(shown)) {
            return new Stale(null, "changed since release tag " + since.tag());
        }
        if (code.isEmpty()) {
            return new Stale(null, "no code changed since release tag " + since.tag());
        }
        return new Stale(Finding.of(shown + " has not changed since release tag " + Words.oneLine(since.tag(), 100) + ", while "
                        + Words.plural(code.size(), "file") + " of code did (" + String.join(", ", code.stream().limit(3).toList())
                        + (code.size() > 3 ? " and " + (code.size() - 3) + " more" : "") + "): update it for this release")
                .key("stale:" + shown).at(shown).with("tag", since.tag()).with("codeChanges", code.size()).build(), null);
    }

    /** The main claim: the OpenAPI spec exists, validates and is fresh; SKIPPED when none is named. */
    private static Result.Builder api(DocsConfig config, CheckContext context, Freshness freshness) throws IOException {
        if (config.openApi() == null) {
            return Result.skipped("no OpenAPI spec is named (<openApi>), so the API documentation is not judged");
        }
        Path basedir = context.basedir();
        Path file = basedir.resolve(config.openApi()).normalize();
        String shown = Words.oneLine(Words.path(basedir, file), 200);
        String expected = "an OpenAPI 3.x spec that validates, updated with the code";
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Result.fail("the OpenAPI spec " + shown + " does not exist").measured("missing").expected(expected)
                    .finding(Finding.of(shown + " (openApi) does not exist: commit the spec, or name where it is").key("missing:" + shown)
                            .at(shown).build())
                    .remedy("Commit the spec (springdoc: curl <service>/v3/api-docs.yaml > " + shown + ").");
        }
        Result.Builder noParser = PluginLibrary.requiredFor("reading the OpenAPI spec " + shown, PluginLibrary.SWAGGER_PARSER);
        if (noParser != null) {
            return noParser;
        }
        OpenApiDocument spec = OpenApiDocument.read(basedir, file, shown);
        if (spec.unreadable() != null) {
            return Result.error(spec.unreadable()).remedy("Commit the spec as OpenAPI 3.x YAML or JSON text inside the project.");
        }
        List<Finding> findings = new ArrayList<>(spec.problemFindings());
        Stale stale = stale(freshness.get(), shown);
        if (stale.finding() != null) {
            findings.add(stale.finding());
        }
        if (!findings.isEmpty()) {
            return Result.fail(findings.get(0).message() + (findings.size() > 1 ? " (and " + Words.plural(findings.size() - 1, "more finding")
                            + ")" : "")).measured(spec.problems().isEmpty() ? "stale" : Words.plural(spec.problems().size(), "problem"))
                    .expected(expected).findings(findings)
                    .remedy("Fix what swagger-parser reports, and regenerate the spec from the build that changed the API.");
        }
        return Result.pass(shown + " validates (" + Words.plural(spec.operations().size(), "operation") + "); " + stale.note())
                .measured(Words.plural(spec.operations().size(), "operation")).expected(expected);
    }
}
