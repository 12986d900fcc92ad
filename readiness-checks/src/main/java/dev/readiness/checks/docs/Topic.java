package dev.readiness.checks.docs;

import java.util.function.Function;

/** A documentation item of the checklist, the key naming its file under {@code <files>}, and what the file must be. */
enum Topic {
    RUNBOOKS("runbooks", "Runbooks for common issues created", false, false, DocFiles::runbooks),
    DEPLOYMENT("deployment", "Deployment documentation updated", false, true, DocFiles::deployment),
    ARCHITECTURE("architecture", "Architecture diagrams updated", true, true, DocFiles::architecture),
    DATA_FLOW("dataFlow", "Data flow diagrams updated", true, true, DocFiles::dataFlow),
    DISASTER_RECOVERY("disasterRecovery", "Disaster recovery plan documented", false, false, DocFiles::disasterRecovery),
    INCIDENT_RESPONSE("incidentResponse", "Incident response plan documented", false, false, DocFiles::incidentResponse),
    POST_MORTEM("postMortem", "Post-mortem process defined", false, false, DocFiles::postMortem),
    KNOWN_ISSUES("knownIssues", "Known issues documented", false, false, DocFiles::knownIssues),
    SUPPORT("support", "Support documentation updated", false, true, DocFiles::support),
    FAQ("faq", "FAQ updated", false, true, DocFiles::faq);

    final String key;
    final String phrase;
    /** Whether the file is a diagram (an image or diagram source, or Markdown with a mermaid or PlantUML block). */
    final boolean diagram;
    /** Whether the item says "updated": the file must have changed since the latest release when the code did. */
    final boolean updated;
    private final Function<DocFiles, String> path;

    Topic(String key, String phrase, boolean diagram, boolean updated, Function<DocFiles, String> path) {
        this.key = key;
        this.phrase = phrase;
        this.diagram = diagram;
        this.updated = updated;
        this.path = path;
    }

    /** The claim id: {@code docs.runbooks}. */
    String claim() {
        return "docs." + key;
    }

    /** The configured file or folder, or {@code null}. */
    String path(DocFiles files) {
        return path.apply(files);
    }
}
