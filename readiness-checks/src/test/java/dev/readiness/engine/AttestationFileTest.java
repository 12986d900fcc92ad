package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private final Checklist checklist = checklist("""
            # Production readiness
            ## Final Sign-Off
            - [ ] Engineering sign-off
            - [ ] Product sign-off
            - [ ] Security sign-off
            """);

    private static Checklist checklist(String markdown) {
        try {
            return new ChecklistParser().parse(markdown, "CHECKLIST.md");
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path basedir;

    private Path file() {
        return basedir.resolve("readiness-attestations.yaml");
    }

    @Test
    void writesANewFileWithOneEntryForTheItemByItsText() throws Exception {
        AttestationFile.Recorded recorded = AttestationFile.attest(basedir, checklist, "Engineering sign-off", "Dana Reyes <dana@example.com>",
                "https://tracker.example.com/REL-42", null, "signed off in the release review", TODAY);

        assertThat(recorded.item()).isEqualTo("engineering-sign-off");
        assertThat(recorded.expires()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(recorded.renewed()).isNull();
        assertThat(Files.readString(file())).isEqualTo("""
                attestations:
                  - item: engineering-sign-off
                    by: Dana Reyes <dana@example.com>
                    date: 2026-12-02
                    evidence: https://tracker.example.com/REL-42
                    validFor: 90d
                    note: signed off in the release review
                """);
    }

    @Test
    void writesWhatTheLedgerReadsAsACountingAttestation() throws Exception {
        AttestationFile.attest(basedir, checklist, "product-sign-off", "pat@example.com", "https://tracker.example.com/REL-43", "30d", null, TODAY);

        Ledger ledger = Ledger.read(basedir, checklist, Set.of(), List.of(), List.of(), 90, TODAY);

        Attestation attestation = ledger.attestations().get("product-sign-off");
        assertThat(attestation.counts()).isTrue();
        assertThat(attestation.by()).isEqualTo("pat@example.com");
        assertThat(attestation.expires()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(attestation.origin()).isEqualTo("readiness-attestations.yaml:2");
    }

    @Test
    void renewsTheEarlierEntryOfTheSameItemInPlaceAndKeepsTheOthers() throws Exception {
        Files.writeString(file(), """
                # sign-offs of release 4.2
                attestations:
                  - item: Engineering sign-off
                    by: Old Lead
                    date: 2026-09-01
                    expires: 2026-11-30
                    evidence: https://tracker.example.com/REL-1
                  - item: security-sign-off
                    by: Sam Ortiz
                    date: 2026-11-20
                    validFor: 30d
                    evidence: https://tracker.example.com/SEC-7
                    note: "pen test: no findings"
                """);

        AttestationFile.Recorded recorded = AttestationFile.attest(basedir, checklist, "engineering-sign-off", "Dana Reyes",
                "https://tracker.example.com/REL-42", "60d", null, TODAY);

        assertThat(recorded.renewed()).isEqualTo("readiness-attestations.yaml:3");
        assertThat(Files.readString(file())).isEqualTo("""
                attestations:
                  - item: engineering-sign-off
                    by: Dana Reyes
                    date: 2026-12-02
                    evidence: https://tracker.example.com/REL-42
                    validFor: 60d
                  - item: security-sign-off
                    by: Sam Ortiz
                    date: 2026-11-20
                    validFor: 30d
                    evidence: https://tracker.example.com/SEC-7
                    note: "pen test: no findings"
                """);
        Ledger ledger = Ledger.read(basedir, checklist, Set.of(), List.of(), List.of(), 90, TODAY);
        assertThat(ledger.attestations()).containsOnlyKeys("engineering-sign-off", "security-sign-off");
    }

    @Test
    void acceptsAPathInTheRepositoryAsEvidence() throws Exception {
        Files.createDirectories(basedir.resolve("docs"));
        Files.writeString(basedir.resolve("docs/security-review.md"), "# Security review\n");

        AttestationFile.attest(basedir, checklist, "security-sign-off", "Sam Ortiz", "docs/security-review.md", null, null, TODAY);

        assertThat(Files.readString(file())).contains("evidence: docs/security-review.md");
    }

    @Test
    void refusesAnUnknownItemSuggestingTheNearestKey() {
        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "engineering-signoff", "Dana", "https://x.example.com/1",
                null, null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("item: 'engineering-signoff' names no item of checklist CHECKLIST.md (did you mean 'engineering-sign-off'?);"
                        + " mvn readiness:list prints every item's key");
        assertThat(file()).doesNotExist();
    }

    @Test
    void refusesAMissingBy() {
        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "product-sign-off", " ", "https://x.example.com/1", null, null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("by is missing: say who attests, a name or an e-mail (-Dby=\"Dana Reyes <dana@example.com>\")");
    }

    @Test
    void refusesEvidenceThatIsNeitherAnHttpsUrlNorAnExistingPath() {
        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "product-sign-off", "Pat", "http://tracker.example.com/1",
                null, null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("evidence: its evidence http://tracker.example.com/1 is neither an https URL nor a path in the repository:"
                        + " give an https URL or a path in the repository");
        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "product-sign-off", "Pat", "docs/missing.md", null, null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("evidence: its evidence docs/missing.md does not exist in the repository: give an https URL or a path in the repository");
        assertThat(file()).doesNotExist();
    }

    @Test
    void refusesAValidForThatIsNotWholeDays() {
        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "product-sign-off", "Pat", "https://x.example.com/1", "36h",
                null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("validFor 36h is not a whole number of days: write days, such as 90d");
    }

    @Test
    void refusesAnItemAttestedInReadinessYaml() throws Exception {
        Files.writeString(basedir.resolve("readiness.yaml"), """
                attestations:
                  - {item: product-sign-off, by: Pat, date: 2026-11-01, validFor: 90d, evidence: "https://x.example.com/1"}
                """);

        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "Product sign-off", "Pat", "https://x.example.com/2", null,
                null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the item 'product-sign-off' is attested in readiness.yaml:2: renew it there, or move it to"
                        + " readiness-attestations.yaml first");
    }

    @Test
    void refusesAFileThatHoldsSomethingElse() throws Exception {
        Files.writeString(file(), "waivers: []\n");

        assertThatThrownBy(() -> AttestationFile.attest(basedir, checklist, "product-sign-off", "Pat", "https://x.example.com/1", null,
                null, TODAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("readiness-attestations.yaml:1:")
                .hasMessageEndingWith("unknown key 'waivers': this file holds only attestations:");
        assertThat(file()).content().isEqualTo("waivers: []\n");
    }

    @Test
    void endsAnAttestationValidForOneDayOnTheDayItIsGiven() throws Exception {
        AttestationFile.Recorded recorded = AttestationFile.attest(basedir, checklist, "product-sign-off", "Pat", "https://x.example.com/1",
                "1d", null, TODAY);

        assertThat(recorded.expires()).isEqualTo(TODAY);
        assertThat(Ledger.read(basedir, checklist, Set.of(), List.of(), List.of(), 90, TODAY).attestations().get("product-sign-off")
                .expires()).isEqualTo(TODAY);
    }
}
