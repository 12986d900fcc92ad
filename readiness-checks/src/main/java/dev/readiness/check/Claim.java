package dev.readiness.check;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing a check can decide about a checklist item, with its own verdict: {@code tests.integration},
 * {@code securityHeaders.https}. A check's main claim has the check's own id; every other claim's id
 * is the check's id, a dot and a lowerCamel name.
 *
 * @param id          {@code check} or {@code check.name}
 * @param description one sentence: what a PASS of this claim means
 * @param phrases     the checklist phrases it binds (containment after normalising case, punctuation and spacing)
 * @param strength    whether its evidence settles the item or only supports it
 * @param stage       the run that decides it ({@link Stage#BUILD} unless declared with {@link #inStage}); a run of
 *                    another stage reports it SKIPPED (since 0.4.0)
 * @param aboutProduction whether it speaks of the production service (declared with {@link #inProduction}); a run whose
 *                    {@code <environment>} is not {@code production} reports it SKIPPED, never PASS (since 0.5.0)
 * @since 0.2.0
 */
public record Claim(String id, String description, List<String> phrases, Strength strength, Stage stage, boolean aboutProduction) {

    private static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)?");

    public Claim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(stage, "stage");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a claim id is 'check' or 'check.name' in lowerCamel, got '" + id + "'");
        }
        phrases = List.copyOf(phrases);
    }

    /** A claim decided in the given stage, about whatever service the run targets. */
    public Claim(String id, String description, List<String> phrases, Strength strength, Stage stage) {
        this(id, description, phrases, strength, stage, false);
    }

    /** A claim decided in the build stage. */
    public Claim(String id, String description, List<String> phrases, Strength strength) {
        this(id, description, phrases, strength, Stage.BUILD);
    }

    /**
     * This claim, decided in the given stage: {@code Claim.settles("smoke", …).inStage(Stage.POST_DEPLOY)}.
     *
     * @since 0.4.0
     */
    public Claim inStage(Stage stage) {
        return new Claim(id, description, phrases, strength, stage, aboutProduction);
    }

    /**
     * This claim, about the production service: only a run whose {@code <environment>} is {@code production}
     * decides it ("Application deployed to production" is not shown by a staging service).
     *
     * @since 0.5.0
     */
    public Claim inProduction() {
        return new Claim(id, description, phrases, strength, stage, true);
    }

    /** A claim whose evidence decides the items it binds. */
    public static Claim settles(String id, String description, List<String> phrases) {
        return new Claim(id, description, phrases, Strength.SETTLES);
    }

    /** A claim whose evidence can disprove the items it binds, never prove them. */
    public static Claim supports(String id, String description, List<String> phrases) {
        return new Claim(id, description, phrases, Strength.SUPPORTS);
    }

    /** The id of the check this claim belongs to: the part before the dot. */
    public String checkId() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** The part after the dot, or the whole id for a main claim: what {@code <claims>} names it by. */
    public String name() {
        return id.substring(id.indexOf('.') + 1);
    }

    /** Whether this is its check's main claim (its id is the check's id). */
    public boolean isMain() {
        return id.indexOf('.') < 0;
    }
}
