package dev.readiness.check;

/**
 * How far a claim's evidence decides the checklist item it binds.
 *
 * @since 0.2.0
 */
public enum Strength {
    /** The evidence decides the item: the claim's PASS ticks it, its FAIL or ERROR fails it. */
    SETTLES,
    /**
     * The evidence can show the item false but never true: the claim's FAIL or ERROR decides the
     * item, its PASS leaves the item to a person (MANUAL until attested).
     */
    SUPPORTS
}
