package dev.readiness.checks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.ClassLoaderWithout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code docs} check on a project folder holding real documents (a runbook, deployment notes, an AsciiDoc incident
 * plan, a reStructuredText post-mortem process, a mermaid architecture page, PlantUML and PNG diagrams), stubs and
 * hostile files, and on a Git repository made with JGit with a release tag.
 */
class DocsCheckTest {

    private static final PersonIdent DANA = new PersonIdent("Dana Reyes", "dana@example.com");

    @TempDir
    Path project;
    @TempDir
    Path outside;

    private final DocsCheck check = new DocsCheck();

    private void copy(String fixture, String as) throws Exception {
        Path target = project.resolve(as);
        Files.createDirectories(target.getParent());
        Files.copy(Path.of(getClass().getResource(fixture).toURI()), target);
    }

    private static DocFiles files(String runbooks, String deployment, String architecture, String dataFlow) {
        return new DocFiles(runbooks, deployment, architecture, dataFlow, null, null, null, null, null, null);
    }

    private Result run(DocsConfig config, String... bound) throws Exception {
        return check.run(config, CheckContext.builder(project).project(new ProjectId("com.example", "orders", "1.5.0-SNAPSHOT"))
                .boundClaims(Set.of(bound)).build());
    }

    private static List<String> keys(Result result) {
        return result.findings().stream().map(Finding::key).toList();
    }

    @Test
    void passesEachItemWhoseDocumentIsWrittenOut() throws Exception {
        copy("runbooks/payment-timeouts.md", "docs/runbooks/payment-timeouts.md");
        copy("deploy.md", "docs/deploy.md");
        copy("architecture.md", "docs/architecture.md");
        copy("data-flow.puml", "docs/data-flow.puml");
        copy("incident-response.adoc", "docs/incident-response.adoc");
        copy("postmortem.rst", "docs/postmortem.rst");
        DocFiles files = new DocFiles("docs/runbooks", "docs/deploy.md", "docs/architecture.md", "docs/data-flow.puml", null,
                "docs/incident-response.adoc", "docs/postmortem.rst", null, null, null);

        Result result = run(new DocsConfig(files, null, null));

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims().keySet()).containsExactly("docs.runbooks", "docs.deployment", "docs.architecture", "docs.dataFlow",
                "docs.incidentResponse", "docs.postMortem");
        result.claims().forEach((claim, verdict) -> assertThat(verdict.status()).as(claim + ": " + verdict.summary()).isEqualTo(Status.PASS));
        assertThat(result.claims().get("docs.runbooks").summary()).isEqualTo("docs/runbooks/payment-timeouts.md (209 words)");
        assertThat(result.claims().get("docs.deployment").summary()).startsWith("docs/deploy.md (")
                .endsWith("words); not compared with a release: the project is not in a Git repository");
        assertThat(result.claims().get("docs.architecture").summary()).startsWith("docs/architecture.md (a mermaid or plantuml block)");
        assertThat(result.claims().get("docs.dataFlow").summary()).startsWith("docs/data-flow.puml (a diagram)");
    }

    @Test
    void failsAStubInTheRunbooksFolderNamingItsWordCount() throws Exception {
        copy("runbooks/payment-timeouts.md", "docs/runbooks/payment-timeouts.md");
        copy("runbooks/database-failover.md", "docs/runbooks/database-failover.md");

        Result runbooks = run(new DocsConfig(files("docs/runbooks", null, null, null), null, null)).claims().get("docs.runbooks");

        assertThat(runbooks.status()).isEqualTo(Status.FAIL);
        assertThat(keys(runbooks)).containsExactly("stub:docs/runbooks/database-failover.md");
        assertThat(runbooks.summary()).isEqualTo("docs/runbooks/database-failover.md is a stub: it holds 9 words, fewer than the 150 of a"
                + " document (minWords); write it out");
        assertThat(runbooks.findings().get(0).evidence()).containsEntry("words", 9).containsEntry("heading", true);
    }

    @Test
    void holdsDocumentsToTheConfiguredFloorOfWords() throws Exception {
        copy("runbooks/database-failover.md", "docs/failover.md");

        Result runbooks = run(new DocsConfig(files("docs/failover.md", null, null, null), 5, null)).claims().get("docs.runbooks");

        assertThat(runbooks.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsAMissingDocumentAndSkipsABoundItemWhoseFileIsNotNamed() throws Exception {
        Result result = run(new DocsConfig(files(null, "docs/deploy.md", null, null), null, null), "docs.faq");

        Result deployment = result.claims().get("docs.deployment");
        assertThat(deployment.status()).isEqualTo(Status.FAIL);
        assertThat(deployment.summary()).isEqualTo("docs/deploy.md does not exist");
        assertThat(keys(deployment)).containsExactly("missing:docs/deploy.md");
        assertThat(result.claims().get("docs.faq").status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims().get("docs.faq").summary()).isEqualTo("no file is named for this item (<files><faq>)");
        assertThat(result.claims()).doesNotContainKey("docs.runbooks");
    }

    @Test
    void failsADiagramThatIsNotTheImageItsNameSays() throws Exception {
        copy("context.png", "docs/diagrams/context.png");
        copy("broken.png", "docs/diagrams/payments.png");

        Result architecture = run(new DocsConfig(files(null, null, "docs/diagrams", null), null, null)).claims().get("docs.architecture");

        assertThat(architecture.status()).isEqualTo(Status.FAIL);
        assertThat(architecture.summary()).isEqualTo("docs/diagrams/payments.png is not a PNG image: export the diagram again");
        assertThat(keys(architecture)).containsExactly("diagram:docs/diagrams/payments.png");
    }

    @Test
    void failsAMarkdownPageNamedAsADiagramThatHoldsNone() throws Exception {
        copy("prose-only.md", "docs/data-flow.md");

        Result dataFlow = run(new DocsConfig(files(null, null, null, "docs/data-flow.md"), null, null)).claims().get("docs.dataFlow");

        assertThat(dataFlow.status()).isEqualTo(Status.FAIL);
        assertThat(keys(dataFlow)).containsExactly("diagram:docs/data-flow.md");
    }

    @Test
    void refusesALinkOutOfTheProject() throws Exception {
        Files.writeString(outside.resolve("deploy.md"), Files.readString(Path.of(getClass().getResource("deploy.md").toURI())));
        Files.createDirectories(project.resolve("docs"));
        Files.createSymbolicLink(project.resolve("docs/deploy.md"), outside.resolve("deploy.md"));

        Result deployment = run(new DocsConfig(files(null, "docs/deploy.md", null, null), null, null)).claims().get("docs.deployment");

        assertThat(deployment.status()).isEqualTo(Status.ERROR);
        assertThat(deployment.summary()).isEqualTo("docs/deploy.md is a link to " + outside.resolve("deploy.md").toRealPath()
                + ", outside the project; links out of the project are not read");
    }

    @Test
    void isErrorOnABinaryFileNamedMarkdown() throws Exception {
        Files.createDirectories(project.resolve("docs"));
        Files.write(project.resolve("docs/faq.md"), new byte[] {'#', ' ', 'F', 0, 0, 1, 2});

        Result faq = run(new DocsConfig(new DocFiles(null, null, null, null, null, null, null, null, null, "docs/faq.md"), null, null))
                .claims().get("docs.faq");

        assertThat(faq.status()).isEqualTo(Status.ERROR);
        assertThat(faq.summary()).isEqualTo("docs/faq.md is binary (it holds NUL bytes), not text");
    }

    // --- "updated": against the latest release tag --------------------------------------------------------------------

    private Git releasedWithDeployNotes() throws Exception {
        Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call();
        copy("deploy.md", "docs/deploy.md");
        Files.createDirectories(project.resolve("src/main/java/com/example"));
        Files.writeString(project.resolve("src/main/java/com/example/Orders.java"), "class Orders {}\n");
        commitAll(git, "orders 1.4.0");
        git.tag().setName("v1.4.0").setAnnotated(true).setSigned(false).setTagger(DANA).setMessage("release 1.4.0").call();
        Files.writeString(project.resolve("src/main/java/com/example/Orders.java"), "class Orders { void cancel() {} }\n");
        commitAll(git, "cancel orders");
        return git;
    }

    private static void commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(DANA).setCommitter(DANA).setSign(false).call();
    }

    @Test
    void failsDeploymentNotesUnchangedSinceTheReleaseWhileTheCodeChanged() throws Exception {
        try (Git git = releasedWithDeployNotes()) {
            Result deployment = run(new DocsConfig(files(null, "docs/deploy.md", null, null), null, null)).claims().get("docs.deployment");

            assertThat(deployment.status()).isEqualTo(Status.FAIL);
            assertThat(keys(deployment)).containsExactly("stale:docs/deploy.md");
            assertThat(deployment.summary()).isEqualTo("docs/deploy.md has not changed since release tag v1.4.0, while 1 file of code did"
                    + " (src/main/java/com/example/Orders.java): update it for this release");
        }
    }

    @Test
    void passesDeploymentNotesChangedSinceTheRelease() throws Exception {
        try (Git git = releasedWithDeployNotes()) {
            Files.writeString(project.resolve("docs/deploy.md"), "\nCancelling an order needs no migration.\n",
                    java.nio.file.StandardOpenOption.APPEND);
            commitAll(git, "document cancelling");

            Result deployment = run(new DocsConfig(files(null, "docs/deploy.md", null, null), null, null)).claims().get("docs.deployment");

            assertThat(deployment.status()).as(deployment.summary()).isEqualTo(Status.PASS);
            assertThat(deployment.summary()).endsWith("; changed since release tag v1.4.0");
        }
    }

    @Test
    void doesNotAskRunbooksToChangeWithEveryRelease() throws Exception {
        try (Git git = releasedWithDeployNotes()) {
            copy("runbooks/payment-timeouts.md", "docs/runbooks/payment-timeouts.md");
            Result runbooks = run(new DocsConfig(files("docs/runbooks", null, null, null), null, null)).claims().get("docs.runbooks");

            assertThat(runbooks.status()).isEqualTo(Status.PASS);
        }
    }

    // --- the OpenAPI spec: the main claim ---------------------------------------------------------------------------------

    @Test
    void passesAnOpenApiSpecThatValidates() throws Exception {
        copy("orders-openapi.yaml", "src/main/resources/openapi.yaml");

        Result result = run(new DocsConfig(null, null, "src/main/resources/openapi.yaml"));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("src/main/resources/openapi.yaml validates (1 operation); not compared with a release:"
                + " the project is not in a Git repository");
    }

    @Test
    void failsAnOpenApiSpecWithSwaggerParsersMessages() throws Exception {
        Files.createDirectories(project.resolve("api"));
        Files.writeString(project.resolve("api/openapi.yaml"), "openapi: 3.0.3\ninfo:\n  title: Orders API\npaths: {}\n");

        Result result = run(new DocsConfig(null, null, "api/openapi.yaml"));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("api/openapi.yaml: attribute info.version is missing");
        assertThat(keys(result)).containsExactly("invalid:attribute info.version is missing");
    }

    @Test
    void skipsTheApiDocumentationWhenNoSpecIsNamed() throws Exception {
        Result result = run(DocsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims()).isEmpty();
    }

    @Test
    void isAnErrorNamingTheDependencyWhenTheSpecIsNamedAndSwaggerParserIsNotThere() throws Exception {
        copy("orders-openapi.yaml", "src/main/resources/openapi.yaml");

        List<String> result = new ClassLoaderWithout("io.swagger.").run("docs", "{\"openApi\": \"src/main/resources/openapi.yaml\"}", project);

        assertThat(result).contains("ERROR reading the OpenAPI spec src/main/resources/openapi.yaml needs"
                + " io.swagger.parser.v3:swagger-parser-v3:2.1.48, which the plugin does not carry unless the project adds it");
    }
}
