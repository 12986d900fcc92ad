package dev.readiness.checks.docs;

/**
 * The documentation files a team names, one per checklist item, each a file or a folder relative to the project
 * folder; an item whose file is not named is not judged.
 */
public record DocFiles(String runbooks, String deployment, String architecture, String dataFlow, String disasterRecovery,
                       String incidentResponse, String postMortem, String knownIssues, String support, String faq) {

    public DocFiles {
        runbooks = blankless(runbooks);
        deployment = blankless(deployment);
        architecture = blankless(architecture);
        dataFlow = blankless(dataFlow);
        disasterRecovery = blankless(disasterRecovery);
        incidentResponse = blankless(incidentResponse);
        postMortem = blankless(postMortem);
        knownIssues = blankless(knownIssues);
        support = blankless(support);
        faq = blankless(faq);
    }

    private static String blankless(String path) {
        return path == null || path.isBlank() ? null : path.strip();
    }

    static DocFiles none() {
        return new DocFiles(null, null, null, null, null, null, null, null, null, null);
    }
}
