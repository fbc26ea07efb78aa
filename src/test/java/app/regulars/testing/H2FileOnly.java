package app.regulars.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test about the H2 file itself (an older file upgraded, what is left in its pages, its size,
 * backups and compaction of it): the build's PostgreSQL pass of the repository and service tests
 * leaves it out (tag {@value #TAG}, docs/decisions/0030-two-engines.md). {@link #value} says why.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(H2FileOnly.TAG)
public @interface H2FileOnly {
    String TAG = "h2-file";

    /** What about the file the test looks at. */
    String value();
}
