package dev.readiness.checks.licenses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.DeclaredLicenses;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.io.SafeXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class LicensesCheckTest {

    private static final Path POMS = Path.of("src/test/resources/dev/readiness/checks/licenses");

    /** Each artifact's effective licenses: the real POM that declares them (its own or a parent's). */
    private final Map<String, String> pomOf = new LinkedHashMap<>(Map.of(
            "org.apache.commons:commons-lang3:3.17.0", "apache-33.pom",
            "net.java.dev.jna:jna:5.13.0", "jna-5.13.0.pom",
            "org.ow2.asm:asm:9.8", "asm-9.8.pom",
            "org.hdrhistogram:HdrHistogram:2.2.2", "HdrHistogram-2.2.2.pom",
            "net.jcip:jcip-annotations:1.0", "jcip-annotations-1.0.pom",
            "javax.annotation:javax.annotation-api:1.3.2", "javax.annotation-api-1.3.2.pom",
            "ch.qos.logback:logback-classic:1.5.18", "logback-parent-1.5.18.pom",
            "org.junit.jupiter:junit-jupiter-api:5.11.3", "junit-jupiter-api-5.11.3.pom"));
    private final Map<String, DeclaredLicenses> answers = new LinkedHashMap<>();
    private final List<String> asked = new ArrayList<>();

    /** A lookup that reads the {@code <licenses>} of the fixture POMs, as the plugin reads an effective POM's. */
    private DeclaredLicenses lookup(String groupId, String artifactId, String version) throws Exception {
        String coordinates = groupId + ":" + artifactId + ":" + version;
        asked.add(coordinates);
        if (answers.containsKey(coordinates)) {
            return answers.get(coordinates);
        }
        Path pom = POMS.resolve(pomOf.get(coordinates));
        List<DeclaredLicenses.License> licenses = new ArrayList<>();
        NodeList elements = SafeXml.parse(pom, 1 << 20).getDocumentElement().getElementsByTagName("license");
        for (int i = 0; i < elements.getLength(); i++) {
            Element license = (Element) elements.item(i);
            licenses.add(new DeclaredLicenses.License(text(license, "name"), text(license, "url"), text(license, "comments")));
        }
        return DeclaredLicenses.read(pom.toString(), licenses);
    }

    private static String text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        return null;
    }

    private static DependencyNode node(String coordinates, String scope, DependencyNode... children) {
        String[] gav = coordinates.split(":");
        return new DependencyNode(gav[0], gav[1], gav[2], scope, List.of(children));
    }

    private static DependencyNode project(DependencyNode... dependencies) {
        return new DependencyNode("com.example", "shop", "1.0", null, List.of(dependencies));
    }

    private Result run(LicensesConfig config, DependencyNode graph) {
        CheckContext context = CheckContext.builder(Path.of(".")).dependencies(graph).licenses((g, a, v) -> {
            try {
                return lookup(g, a, v);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).build();
        return new LicensesCheck().run(config, context);
    }

    private static LicensesConfig allow(String... ids) {
        return new LicensesConfig(List.of(ids), null, null, null);
    }

    @Test
    void passesWhenEveryRuntimeDependencyIsUnderAnAllowedLicenseAndReadsNoTestDependency() {
        Result result = run(LicensesConfig.defaults(), project(
                node("org.apache.commons:commons-lang3:3.17.0", "compile"),
                node("org.ow2.asm:asm:9.8", "compile"),
                node("org.hdrhistogram:HdrHistogram:2.2.2", "runtime"),
                node("org.junit.jupiter:junit-jupiter-api:5.11.3", "test"),
                node("javax.annotation:javax.annotation-api:1.3.2", "provided")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("all 3 dependencies in scopes compile, runtime are under allowed licenses: "
                + "Apache-2.0 1, BSD-2-Clause 1, BSD-3-Clause 1");
        assertThat(result.measured()).isEqualTo("3 dependencies: 3 allowed, 0 not allowed, 0 unreadable");
        assertThat(result.expected()).startsWith("every dependency under a license on allow (Apache-2.0, MIT, MIT-0, BSD-2-Clause");
        assertThat(result.evidence()).containsEntry("dependencies", 3).containsEntry("failing", 0).containsEntry("unreadable", 0)
                .containsEntry("licenses", Map.of("Apache-2.0", 1, "BSD-2-Clause", 1, "BSD-3-Clause", 1))
                .containsEntry("spdxLicenseList", "3.28.0");
        assertThat(result.findings()).isEmpty();
        assertThat(asked).containsExactly("org.apache.commons:commons-lang3:3.17.0", "org.ow2.asm:asm:9.8",
                "org.hdrhistogram:HdrHistogram:2.2.2");
    }

    @Test
    void failsNamingATransitiveDependencyThatDeclaresNoLicenseAndThePathThatPullsItIn() {
        Result result = run(LicensesConfig.defaults(), project(
                node("org.apache.commons:commons-lang3:3.17.0", "compile",
                        node("net.jcip:jcip-annotations:1.0", "compile"))));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("1 dependency is not under an allowed license (jcip-annotations:1.0), but expected "
                + "every dependency under a license on allow (Apache-2.0, MIT");
        Finding finding = result.findings().get(0);
        assertThat(finding.key()).isEqualTo("net.jcip:jcip-annotations");
        assertThat(finding.message()).isEqualTo("net.jcip:jcip-annotations:1.0 declares no license (no <licenses> in its POM or its"
                + " parents' POMs); pulled in by commons-lang3:3.17.0 → jcip-annotations:1.0");
        assertThat(finding.location()).isEqualTo("commons-lang3:3.17.0 → jcip-annotations:1.0");
        assertThat(finding.evidence()).containsEntry("package", "net.jcip:jcip-annotations").containsEntry("version", "1.0")
                .containsEntry("licenses", List.of()).containsKey("pom");
        assertThat(result.remedy()).startsWith("Replace or remove each dependency named");
    }

    @Test
    void failsOnALicenseTheSpdxListDoesNotKnow() {
        Result result = run(LicensesConfig.defaults(), project(node("javax.annotation:javax.annotation-api:1.3.2", "compile")));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("javax.annotation:javax.annotation-api:1.3.2 "
                + "'CDDL + GPLv2 with classpath exception' (https://github.com/javaee/javax.annotation/blob/master/LICENSE) matches"
                + " no license of the SPDX list by id, name or URL");
        assertThat(result.findings().get(0).evidence().get("licenses")).isEqualTo(List.of(Map.of("name",
                "CDDL + GPLv2 with classpath exception", "url", "https://github.com/javaee/javax.annotation/blob/master/LICENSE",
                "spdx", List.of(), "verdict", "UNKNOWN")));
    }

    @Test
    void failsOnALicenseNotOnAllowNamingWhatItMapsTo() {
        Result result = run(allow("Apache-2.0"), project(node("org.junit.jupiter:junit-jupiter-api:5.11.3", "compile")));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("org.junit.jupiter:junit-jupiter-api:5.11.3 "
                + "'Eclipse Public License v2.0' (https://www.eclipse.org/legal/epl-v20.html) maps to EPL-2.0 (by URL), which is not on allow");
        assertThat(run(allow("Apache-2.0", "epl-2.0"), project(node("org.junit.jupiter:junit-jupiter-api:5.11.3", "compile"))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void passesADualLicensedDependencyWhenOneOfItsLicensesIsAllowedEvenIfTheOtherIsDenied() {
        Result result = run(new LicensesConfig(null, List.of("LGPL-2.1-or-later"), null, null),
                project(node("net.java.dev.jna:jna:5.13.0", "compile")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("licenses", Map.of("Apache-2.0", 1));
    }

    @Test
    void failsAConjunctiveDependencyWhenOneOfItsLicensesIsDenied() {
        Result result = run(new LicensesConfig(null, List.of("LGPL-2.1-or-later"), null, List.of("net.java.dev.jna:jna")),
                project(node("net.java.dev.jna:jna:5.13.0", "compile")));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("net.java.dev.jna:jna:5.13.0 needs every one of"
                + " its licenses allowed, but 'LGPL-2.1-or-later' (https://www.gnu.org/licenses/old-licenses/lgpl-2.1) maps to"
                + " LGPL-2.1-or-later (by SPDX id), which is denied");
    }

    @Test
    void failsADualLicensedDependencyWhenNoneOfItsLicensesIsAllowedNamingEach() {
        Result result = run(allow("MIT"), project(node("ch.qos.logback:logback-classic:1.5.18", "compile")));

        assertThat(result.findings()).extracting(Finding::message).containsExactly("ch.qos.logback:logback-classic:1.5.18 none of"
                + " its 2 licenses is allowed: 'Eclipse Public License - v 1.0' (http://www.eclipse.org/legal/epl-v10.html) maps to"
                + " EPL-1.0 (by URL), which is not on allow; 'GNU Lesser General Public License'"
                + " (http://www.gnu.org/licenses/old-licenses/lgpl-2.1.html) maps to LGPL-2.1-only or LGPL-2.1-or-later (by URL),"
                + " which is not on allow");
    }

    @Test
    void allowsALicenseWhoseUrlStandsForSeveralIdsOnlyWhenEveryOneIsAllowed() {
        answers.put("ch.qos.logback:logback-classic:1.5.18", DeclaredLicenses.read("logback-parent-1.5.18.pom", List.of(
                new DeclaredLicenses.License("GNU Lesser General Public License", "http://www.gnu.org/licenses/old-licenses/lgpl-2.1.html", null))));
        DependencyNode graph = project(node("ch.qos.logback:logback-classic:1.5.18", "compile"));

        assertThat(run(allow("LGPL-2.1-or-later"), graph).status()).isEqualTo(Status.FAIL);
        assertThat(run(allow("LGPL-2.1-or-later", "LGPL-2.1-only"), graph).status()).isEqualTo(Status.PASS);
    }

    @Test
    void readsALicenseNameWrittenAsAnSpdxExpression() {
        answers.put("org.ow2.asm:asm:9.8", DeclaredLicenses.read("asm.pom", List.of(new DeclaredLicenses.License("Apache-2.0 OR GPL-3.0-only", null, null))));
        answers.put("org.hdrhistogram:HdrHistogram:2.2.2", DeclaredLicenses.read("hdr.pom",
                List.of(new DeclaredLicenses.License("MIT AND GPL-3.0-only", null, null))));

        Result result = run(LicensesConfig.defaults(), project(node("org.ow2.asm:asm:9.8", "compile"),
                node("org.hdrhistogram:HdrHistogram:2.2.2", "compile")));

        assertThat(result.findings()).extracting(Finding::key).containsExactly("org.hdrhistogram:HdrHistogram");
        assertThat(result.findings().get(0).message()).isEqualTo("org.hdrhistogram:HdrHistogram:2.2.2 needs every one of its licenses"
                + " allowed, but 'GPL-3.0-only' maps to GPL-3.0-only (by SPDX id), which is not on allow");
    }

    @Test
    void failsALicenseWithAnEmptyNameAndUrlAsNoLicenseDeclared() {
        answers.put("org.ow2.asm:asm:9.8", DeclaredLicenses.read("asm.pom", List.of(new DeclaredLicenses.License(" ", "", null))));

        Result result = run(LicensesConfig.defaults(), project(node("org.ow2.asm:asm:9.8", "compile")));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("org.ow2.asm:asm:9.8 declares no license (no"
                + " <licenses> in its POM or its parents' POMs)");
    }

    @Test
    void reportsErrorNamingAPomThatCannotBeRead() {
        answers.put("org.ow2.asm:asm:9.8", DeclaredLicenses.unreadable("/repo/org/ow2/asm/asm/9.8/asm-9.8.pom",
                "Non-resolvable parent POM for org.ow2:asm:9.8: Could not find artifact org.ow2:ow2:pom:1.5.1"));

        Result result = run(LicensesConfig.defaults(), project(node("org.apache.commons:commons-lang3:3.17.0", "compile"),
                node("org.ow2.asm:asm:9.8", "compile")));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("could not determine the licenses of 1 dependency: asm:9.8 has a POM (or parent POMs)"
                + " that could not be read");
        assertThat(result.findings()).extracting(Finding::message).containsExactly("could not determine the license of"
                + " org.ow2.asm:asm:9.8: Non-resolvable parent POM for org.ow2:asm:9.8: Could not find artifact org.ow2:ow2:pom:1.5.1");
        assertThat(result.remedy()).startsWith("Make each POM named resolvable");
    }

    @Test
    void failsRatherThanErrorsWhenOneDependencyIsNotAllowedAndAnotherUnreadable() {
        answers.put("org.ow2.asm:asm:9.8", DeclaredLicenses.unreadable("asm-9.8.pom", "Non-parseable POM asm-9.8.pom: expected START_TAG"));

        Result result = run(LicensesConfig.defaults(), project(node("org.ow2.asm:asm:9.8", "compile"),
                node("net.jcip:jcip-annotations:1.0", "compile")));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly("net.jcip:jcip-annotations", "org.ow2.asm:asm");
    }

    @Test
    void reportsErrorWhenTheRunHasNoLicenseLookup() {
        Result result = new LicensesCheck().run(LicensesConfig.defaults(), CheckContext.builder(Path.of("."))
                .dependencies(project(node("org.ow2.asm:asm:9.8", "compile"))).build());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no license lookup was given to this run, so licenses cannot be read");
    }

    @Test
    void passesAProjectWithoutRuntimeDependenciesSayingSo() {
        Result result = run(LicensesConfig.defaults(), project(node("org.junit.jupiter:junit-jupiter-api:5.11.3", "test")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("all 0 dependencies in scopes compile, runtime are under allowed licenses");
        assertThat(asked).isEmpty();
    }

    @Test
    void bindsItsParametersAndRefusesWhatIsNotAnSpdxId() throws Exception {
        LicensesConfig config = ConfigBinder.bind("licenses", LicensesConfig.class, new YAMLMapper().readTree(
                "allow: [apache-2.0, EPL-2.0]\ndeny: [gpl-3.0-only]\nscopes: [compile, Provided]\nconjunctive: [net.java.dev.jna:jna]\n"), List.of());

        assertThat(config.allow()).containsExactly("Apache-2.0", "EPL-2.0");
        assertThat(config.deny()).containsExactly("GPL-3.0-only");
        assertThat(config.scopes()).containsExactly("compile", "provided");
        assertThatThrownBy(() -> ConfigBinder.bind("licenses", LicensesConfig.class, new YAMLMapper().readTree("allow: [ASL2]\n"), List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("allow lists 'ASL2', which is not an id of the SPDX"
                        + " license list 3.28.0");
        assertThatThrownBy(() -> new LicensesConfig(List.of("MIT"), List.of("mit"), null, null))
                .hasMessage("allow and deny both list MIT: keep each id on one list");
        assertThatThrownBy(() -> new LicensesConfig(List.of(), null, null, null)).hasMessageStartingWith("allow is empty");
        assertThatThrownBy(() -> new LicensesConfig(null, null, null, List.of("jna"))).hasMessage("conjunctive lists 'jna', which is not groupId:artifactId");
        assertThatThrownBy(() -> ConfigBinder.bind("licenses", LicensesConfig.class, new YAMLMapper().readTree("allowed: [MIT]\n"), List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("allow");
    }
}
