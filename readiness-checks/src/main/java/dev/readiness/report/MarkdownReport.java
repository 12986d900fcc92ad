package dev.readiness.report;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.engine.ClaimAccount;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.ModuleSummary;
import dev.readiness.engine.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes {@code readiness.md}: the team's checklist re-rendered, each item ticked when met, with
 * its status and one line of evidence; under every item that is not met, its findings (the first
 * 20, then "and N more") and the remedy. Fit for a pull-request comment or
 * {@code $GITHUB_STEP_SUMMARY}. Everything quoted from outside is escaped.
 */
public final class MarkdownReport {

    static final int MAX_FINDINGS = 20;

    private MarkdownReport() {
    }

    public static void write(Outcome outcome, Path file) throws IOException {
        Files.writeString(file, render(outcome), StandardCharsets.UTF_8);
    }

    /**
     * Appends the report to the GitHub step summary file as one block, written whole while no other
     * writer can: threads of this JVM (modules built at once by {@code mvn -T 4}) take turns on a
     * monitor per file, and other processes are held off by an exclusive file lock.
     */
    public static void appendTo(Outcome outcome, Path stepSummary) throws IOException {
        ByteBuffer block = ByteBuffer.wrap((render(outcome) + "\n").getBytes(StandardCharsets.UTF_8));
        Object monitor = SUMMARY_WRITERS.computeIfAbsent(stepSummary.toAbsolutePath().normalize(), file -> new Object());
        synchronized (monitor) {
            Path folder = stepSummary.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            try (FileChannel channel = FileChannel.open(stepSummary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                 FileLock lock = channel.lock()) {
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
        }
    }

    /** A reactor's aggregate: each module's own verdict, a row each. */
    private static void modules(StringBuilder md, Outcome outcome) {
        if (outcome.modules().isEmpty()) {
            return;
        }
        md.append("\n### Modules\n\n| module | verdict | items |\n|---|---|---|\n");
        for (ModuleSummary module : outcome.modules()) {
            md.append("| ").append(Text.markdown(module.project().artifactId()).replace("|", "\\|")).append(" | ")
                    .append(module.passed() ? "PASS" : "FAIL").append(" | ").append(counts(module.counts())).append(" |\n");
        }
    }

    private static final Map<Path, Object> SUMMARY_WRITERS = new java.util.concurrent.ConcurrentHashMap<>();

    static String render(Outcome outcome) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(Text.markdown(outcome.checklist().title())).append("\n\n");
        md.append("**Readiness: ").append(outcome.passed() ? "PASS" : "FAIL").append("** for `")
                .append(Text.oneLine(outcome.project().toString()).replace("`", "'")).append("` in the ")
                .append(outcome.stage().id()).append(" stage — ")
                .append(counts(outcome.counts())).append(". Checklist: ")
                .append(Text.markdown(outcome.checklist().source())).append(".\n");
        for (String failure : outcome.failures()) {
            md.append("\n- :x: ").append(Text.markdown(failure));
        }
        for (String warning : outcome.warnings()) {
            md.append("\n- :warning: ").append(Text.markdown(warning));
        }
        if (!outcome.failures().isEmpty() || !outcome.warnings().isEmpty()) {
            md.append('\n');
        }
        needsAPerson(md, outcome);
        modules(md, outcome);
        String section = null;
        for (ItemResult item : outcome.items()) {
            if (!Objects.equals(section, item.item().section())) {
                section = item.item().section();
                md.append("\n## ").append(section.isEmpty() ? "Items" : Text.markdown(section)).append("\n\n");
            }
            md.append("- [").append(item.met() ? 'x' : ' ').append("] ").append(Text.markdown(item.item().text()))
                    .append(" — **").append(item.status()).append("**");
            if (item.level() != dev.readiness.engine.Level.INFO) {
                md.append(" (").append(item.level().name().toLowerCase(java.util.Locale.ROOT)).append(')');
            }
            md.append(" · ").append(Text.markdown(item.evidence())).append('\n');
            if (!item.met()) {
                // under every item that is not met, what its claims found and how to fix it; an item that a stricter
                // checklist figure fails has only passing claims, whose findings still say why
                List<ClaimVerdict> notPassing = item.claims().stream().filter(c -> c.status() != Status.PASS).toList();
                for (ClaimVerdict claim : notPassing.isEmpty() && item.unmet() ? item.claims() : notPassing) {
                    details(md, claim, outcome.account(claim), item.claims().size() > 1);
                }
            }
        }
        return md.toString();
    }

    /**
     * What needs a person, first: the items whose attestation is required and missing, how many others
     * nobody has attested, and the waivers that end soon or match nothing.
     */
    private static void needsAPerson(StringBuilder md, Outcome outcome) {
        List<ItemResult> toAttest = outcome.items().stream()
                .filter(ItemResult::needsAttestation).toList();
        long manual = outcome.items().stream().filter(i -> i.status() == Status.MANUAL).count();
        if (toAttest.isEmpty() && manual == 0 && outcome.notices().isEmpty()) {
            return;
        }
        md.append("\n### Needs a person\n\n");
        for (ItemResult item : toAttest) {
            md.append("- Attest **").append(Text.markdown(item.item().text())).append("** (`")
                    .append(item.item().key().replace("`", "'")).append("`)")
                    .append(item.item().attester() == null ? "" : ": " + Text.markdown(item.item().attester())).append('\n');
        }
        if (manual > 0) {
            md.append("- ").append(manual).append(manual == 1 ? " manual item nobody has attested" : " manual items nobody has attested")
                    .append(" (`mvn readiness:list` prints an attestation entry for each)\n");
        }
        for (String notice : outcome.notices()) {
            md.append("- ").append(Text.markdown(notice)).append('\n');
        }
    }

    private static void details(StringBuilder md, ClaimVerdict claim, ClaimAccount account, boolean nameClaim) {
        Result r = claim.result();
        if (nameClaim) {
            md.append("  - `").append(claim.id()).append("`: ").append(Text.markdown(r.summary())).append('\n');
        }
        int shown = 0;
        for (Finding f : r.findings()) {
            if (shown == MAX_FINDINGS) {
                md.append("  - and ").append(r.findings().size() - MAX_FINDINGS).append(" more\n");
                break;
            }
            md.append("  - ").append(Text.markdown(f.message()));
            if (f.location() != null) {
                md.append(" (").append(Text.markdown(f.location())).append(')');
            }
            Waiver waiver = account.findings().get(f.key());
            if (waiver != null) {
                md.append(" — waived until ").append(waiver.until()).append(" by ").append(Text.markdown(waiver.owner()))
                        .append(": ").append(Text.markdown(waiver.reason()));
            } else if (account.baselined().containsKey(f.key())) {
                md.append(" — known since ").append(account.baselined().get(f.key()));
            }
            md.append('\n');
            shown++;
        }
        if (r.remedy() != null) {
            md.append("  - **Fix:** ").append(Text.markdown(r.remedy())).append('\n');
        }
    }

    static String counts(Map<Status, Integer> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
