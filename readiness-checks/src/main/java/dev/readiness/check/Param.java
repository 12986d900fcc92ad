package dev.readiness.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one parameter of a check's configuration record: what it means, its unit and default.
 * {@code readiness:list} and the README's configuration reference are made from it.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Param {
    /** What the parameter means, with its unit. */
    String value();
}
