package dev.readiness.checks.pipeline;

import dev.readiness.check.Finding;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds and reads the pipeline files of the repository the project lives in: the GitHub Actions workflows
 * ({@code .github/workflows/*.yml} and {@code *.yaml}, not below, as GitHub reads them), the GitLab CI
 * configuration ({@code .gitlab-ci.yml}, or the file {@code CI_CONFIG_PATH} names) and the {@code Jenkinsfile}, at
 * the root of the Git work tree that holds the project folder (the project folder itself outside Git).
 *
 * <p>It reads within bounds and says what it could not read, each a problem with its file and line: a file over
 * {@value #MAX_FILE_BYTES} bytes, more than {@value #MAX_WORKFLOWS} workflows, malformed YAML, binary or non-UTF-8
 * text, and a file or folder that is a link out of the repository.
 */
final class PipelineFiles {

    static final int MAX_FILE_BYTES = 1024 * 1024;
    static final int MAX_WORKFLOWS = 200;
    static final String WORKFLOWS = ".github/workflows";
    static final String GITLAB = ".gitlab-ci.yml";
    static final String JENKINSFILE = "Jenkinsfile";

    /** What was read: the root searched, the files looked for, the pipelines, and the problems that stopped reading. */
    record Read(Path root, List<String> lookedFor, List<Pipeline> pipelines, List<Finding> problems) {
    }

    private final Path root;
    private final Path realRoot;
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<Finding> problems = new ArrayList<>();

    private PipelineFiles(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
    }

    /**
     * Reads the pipelines of the repository that holds {@code basedir}.
     *
     * @param gitlabConfig the GitLab configuration file to read instead of {@code .gitlab-ci.yml}, or {@code null}
     */
    static Read read(Path basedir, String gitlabConfig) throws IOException {
        PipelineFiles files = new PipelineFiles(root(basedir));
        String gitlab = gitlabConfig == null ? GITLAB : gitlabConfig;
        List<String> lookedFor = List.of(WORKFLOWS + "/*.yml", WORKFLOWS + "/*.yaml", gitlab, JENKINSFILE);
        files.workflows();
        files.file(gitlab, false);
        files.file(JENKINSFILE, true);
        return new Read(files.root, lookedFor, files.linkReusedWorkflows(), List.copyOf(files.problems));
    }

    /** The root of the Git work tree holding the folder (the nearest folder upwards with a {@code .git}), else the folder. */
    static Path root(Path basedir) throws IOException {
        Path start = basedir.toRealPath();
        int depth = 0;
        for (Path dir = start; dir != null && depth < 64; dir = dir.getParent(), depth++) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return start;
    }

    private String shown(Path path) {
        return Words.path(root, path);
    }

    private void problem(String key, String message, String location) {
        problems.add(Finding.of(message).key(key).at(location).build());
    }

    /** Whether the path is inside the repository once links are followed; a problem otherwise. */
    private boolean inside(Path path) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(realRoot)) {
            problem(shown(path) + ":outside-repository", shown(path) + " is a link to " + real
                    + ", outside the repository; links out of the repository are not read", shown(path));
            return false;
        }
        return true;
    }

    private void workflows() throws IOException {
        Path folder = root.resolve(WORKFLOWS);
        if (!Files.isDirectory(folder) || !inside(folder)) {
            return;
        }
        List<Path> found;
        try (Stream<Path> list = Files.list(folder)) {
            found = list.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yml") || name.endsWith(".yaml");
            }).sorted().limit(MAX_WORKFLOWS + 1L).toList();
        }
        if (found.size() > MAX_WORKFLOWS) {
            problem(WORKFLOWS + ":too-many-files", WORKFLOWS + " holds more than " + MAX_WORKFLOWS + " workflow files; not read",
                    WORKFLOWS);
            return;
        }
        for (Path file : found) {
            if (Files.isRegularFile(file) && inside(file)) {
                String text = text(file);
                if (text != null) {
                    YamlDoc doc = yaml(file, text);
                    if (doc != null) {
                        pipelines.add(GitHubWorkflows.read(shown(file), doc));
                    }
                }
            }
        }
    }

    private void file(String name, boolean jenkins) throws IOException {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file) || !inside(file)) {
            return;
        }
        String text = text(file);
        if (text == null) {
            return;
        }
        if (jenkins) {
            pipelines.add(Jenkinsfile.read(shown(file), text));
            return;
        }
        YamlDoc doc = yaml(file, text);
        if (doc != null) {
            pipelines.add(GitLabCi.read(shown(file), doc));
        }
    }

    /** The file's text, or {@code null} after noting why it cannot be read. */
    private String text(Path file) {
        String shown = shown(file);
        byte[] bytes;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_FILE_BYTES, shown)) {
            bytes = in.readAllBytes();
        } catch (BoundedInput.LimitExceededException e) {
            problem(shown + ":too-large", e.getMessage(), shown);
            return null;
        } catch (IOException e) {
            problem(shown + ":unreadable", shown + " cannot be read: " + Words.oneLine(e.getMessage(), 200), shown);
            return null;
        }
        for (byte b : bytes) {
            if (b == 0) {
                problem(shown + ":binary", shown + " is binary (it holds NUL bytes), not a pipeline definition", shown);
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problem(shown + ":not-utf8", shown + " is not UTF-8 text", shown);
            return null;
        }
    }

    /** The file's YAML, or {@code null} after noting where and why it is not valid. */
    private YamlDoc yaml(Path file, String text) {
        String shown = shown(file);
        try {
            return YamlDoc.parse(text, MAX_FILE_BYTES);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
            String where = line > 0 ? shown + ":" + line : shown;
            problem(shown + ":not-yaml", where + " is not valid YAML: " + Words.oneLine(e.getProblem(), 200), where);
        } catch (IOException | YAMLException e) {
            problem(shown + ":not-read", shown + " is not read: " + Words.oneLine(e.getMessage(), 200), shown);
        }
        return null;
    }

    /** The pipelines, each job that calls a local reusable workflow credited with the Maven build that workflow runs. */
    private List<Pipeline> linkReusedWorkflows() {
        List<Pipeline> linked = new ArrayList<>();
        for (Pipeline pipeline : pipelines) {
            List<Pipeline.Job> jobs = new ArrayList<>();
            for (Pipeline.Job job : pipeline.jobs()) {
                String reuses = job.reuses();
                Pipeline callee = reuses == null || job.mavenBuild() != null ? null
                        : pipelines.stream().filter(p -> p.file().equals(reuses)).findFirst().orElse(null);
                if (callee != null && !callee.builds().isEmpty()) {
                    job = new Pipeline.Job(job.id(), job.line(), job.needs(), job.environment(),
                            callee.builds().get(0).mavenBuild() + " (in " + callee.file() + ")", job.reuses());
                }
                jobs.add(job);
            }
            linked.add(new Pipeline(pipeline.file(), pipeline.system(), pipeline.name(), pipeline.triggers(), jobs));
        }
        return linked;
    }
}
