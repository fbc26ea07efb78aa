package app.regulars.customer;

/** The orders the customer list can be sorted in, each served by an index. */
public enum CustomerSort {
    NAME, CODE, CREATED
}
