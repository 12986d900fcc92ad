package dev.readiness.checks.deployed;

import com.fasterxml.jackson.core.JsonPointer;
import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * The configuration of {@link DeployedVersionCheck}: where the deployed service says which build it runs, and how often
 * to ask.
 *
 * @param url            the endpoint that reports the build; {@code null} means the target + {@code /actuator/info}
 * @param versionPointer where its JSON holds the version
 * @param commitPointer  where its JSON holds the commit id
 * @param samples        how many times to ask, to catch a rollout half done
 * @param pause          the pause between two samples
 * @param demoUrl        the demo environment's endpoint that reports its build, or {@code null}
 */
public record DeployedVersionConfig(
        @Param("the endpoint that reports the deployed build (JSON); default: the <target> + /actuator/info") String url,
        @Param("JSON pointer to the version in that answer; default /build/version (Spring Boot's build-info)") String versionPointer,
        @Param("JSON pointer to the commit id in that answer (short or full, or an object with full/abbrev); default"
                + " /git/commit/id (Spring Boot's git.properties)") String commitPointer,
        @Param("how many times to ask, 1 to " + DeployedVersionConfig.MAX_SAMPLES + ", so a rollout half done (different"
                + " answers) is named; default 3") Integer samples,
        @Param("the pause between two samples, up to 10s; default 1s") Duration pause,
        @Param("the demo environment's endpoint that reports its build (same pointers), for \"Demo environment updated\";"
                + " default none") String demoUrl) {

    /** The most samples taken. */
    public static final int MAX_SAMPLES = 10;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    public DeployedVersionConfig {
        url = url(url, "url");
        demoUrl = url(demoUrl, "demoUrl");
        versionPointer = pointer(versionPointer, "/build/version", "versionPointer");
        commitPointer = pointer(commitPointer, "/git/commit/id", "commitPointer");
        samples = samples == null ? 3 : samples;
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples is " + samples + ", but it counts answers from 1 to " + MAX_SAMPLES);
        }
        pause = pause == null ? Duration.ofSeconds(1) : pause;
        if (pause.isNegative() || pause.compareTo(MAX_PAUSE) > 0) {
            throw new IllegalArgumentException("pause is " + Words.duration(pause) + ", but it is from 0ms to " + Words.duration(MAX_PAUSE));
        }
    }

    private static String url(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (HttpUrl.parse(value.trim()) == null) {
            throw new IllegalArgumentException(name + " '" + Words.oneLine(Words.withoutUserInfo(value), 200)
                    + "' is not an http(s) URL: write it as https://host[:port]/actuator/info");
        }
        return value.trim();
    }

    private static String pointer(String value, String fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            JsonPointer.compile(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + Words.oneLine(value, 100) + "' is not a JSON pointer: write it as /build/version");
        }
        return value.trim();
    }
}
