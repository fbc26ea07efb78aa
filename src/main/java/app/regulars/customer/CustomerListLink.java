package app.regulars.customer;

/**
 * Opens the customer list from elsewhere in the window, narrowed to a set of customers (a
 * click on a chart of the Insights page opens the customers in that bar). The customer feature
 * adds one to the {@code Extensions}; another feature finds it with {@code extensions().one(..)}.
 */
public interface CustomerListLink {
    /** Goes to the customer list and shows the customers of {@code filter}, search and tag cleared. */
    void showFiltered(ListFilter filter);
}
