package io.baton.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user action that runs again, as a whole new transaction, when it loses a race with a
 * concurrent change (Camunda's optimistic lock, a database lock conflict or deadlock). Only the
 * outermost call retries; inside a caller's transaction the conflict goes up to that caller. When
 * every attempt loses, the conflict reaches the API as {@code 409} problem+json.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RetryOnConflict {
}
