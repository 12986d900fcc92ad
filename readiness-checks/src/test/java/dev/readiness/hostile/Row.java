package dev.readiness.hostile;

import dev.readiness.check.Status;

/**
 * One row of a hostile-input table: the real-world case it stands for, what the gate must make of
 * it, and how the project folder (and any server) is laid out for it.
 *
 * @param name   the real-world case, as the test is named
 * @param expect what the gate must say: FAIL (the evidence shows the item false), ERROR (the evidence
 *               cannot be determined) or REFUSED (the configuration is rejected before anything runs)
 * @param claim  the claim whose items must have that status (unused when REFUSED)
 * @param why    a fragment the one-line reason must hold: what was wrong
 * @param defect when not {@code null}, the defect this row shows today; the row is then skipped with this reason
 */
record Row(String name, Expect expect, String claim, String why, Arrange arrange, Also also, String defect) {

    /** What the gate must make of the input. */
    enum Expect {
        FAIL, ERROR, REFUSED;

        Status status() {
            return this == FAIL ? Status.FAIL : Status.ERROR;
        }
    }

    /** Lays out the project folder (files, configuration, servers) for the row. */
    @FunctionalInterface
    interface Arrange {
        void in(HostileProject project) throws Exception;
    }

    /** What the row asserts beyond the common properties. */
    @FunctionalInterface
    interface Also {
        void check(HostileProject.Run run, HostileProject project) throws Exception;
    }

    static Row fails(String name, String claim, String why, Arrange arrange) {
        return new Row(name, Expect.FAIL, claim, why, arrange, null, null);
    }

    static Row errs(String name, String claim, String why, Arrange arrange) {
        return new Row(name, Expect.ERROR, claim, why, arrange, null, null);
    }

    static Row refused(String name, String why, Arrange arrange) {
        return new Row(name, Expect.REFUSED, null, why, arrange, null, null);
    }

    Row also(Also more) {
        return new Row(name, expect, claim, why, arrange, more, defect);
    }

    /** Marks the row as showing a defect: it is kept, and skipped with this reason until the defect is fixed. */
    Row defect(String reason) {
        return new Row(name, expect, claim, why, arrange, also, "defect: " + reason);
    }

    @Override
    public String toString() {
        return name;
    }
}
