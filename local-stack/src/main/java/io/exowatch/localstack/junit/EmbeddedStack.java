package io.exowatch.localstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class (or method) against the one embedded stack of this test JVM, injected as a
 * {@link io.exowatch.localstack.LocalStack} parameter by {@link LocalStackExtension}. Kafka and the schema
 * registry are always there; {@link #openSearch()} says whether the test needs OpenSearch too (default
 * true). Modules whose tests never ask for OpenSearch never start it.
 *
 * <pre>{@code
 * @EmbeddedStack(openSearch = false)
 * class TrialSerdeIT {
 *     @Test
 *     void shouldRoundTripATrial(LocalStack stack) { ... stack.schemaRegistryUrl() ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(LocalStackExtension.class)
public @interface EmbeddedStack {

    /** Whether the test needs the OpenSearch node (default true). */
    boolean openSearch() default true;
}
