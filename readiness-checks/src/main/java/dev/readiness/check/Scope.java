package dev.readiness.check;

/**
 * What a check reads, and so how often it runs in a reactor (a multi-module build).
 *
 * @since 0.5.0
 */
public enum Scope {
    /**
     * One module's own evidence (its build outputs, its dependencies): the check runs in every module, and the
     * reactor's aggregate combines the modules' results ({@link Check#aggregate}).
     */
    MODULE,
    /**
     * The deployed service or the repository as a whole: the check runs once per build, in the reactor's aggregate
     * (in a build of one module, in that module).
     */
    BUILD
}
