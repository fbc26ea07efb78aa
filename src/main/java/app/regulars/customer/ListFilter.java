package app.regulars.customer;

import java.util.Set;

/**
 * A named set of customers the list can be narrowed to, that another feature provides
 * ("Segment: Important value"). Chosen in the list's filter box, or handed to
 * {@link CustomerListLink#showFiltered} (a click on a chart).
 */
public interface ListFilter {
    /** Stable and unique among the filters ({@code insight.segment.important_value}): the same filter twice is one entry. */
    String id();

    /** What the filter box shows, already in the user's language. */
    String label();

    /** The customers in the set, now; called off the JavaFX thread on every search. */
    Set<Long> customerIds();
}
