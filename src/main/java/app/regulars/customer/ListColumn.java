package app.regulars.customer;

import java.util.List;
import java.util.Map;

/**
 * A column of the customer list that another feature contributes (the member tier). As with
 * {@link ProfileSection}, the customer feature knows nothing of the others: the shell hands
 * the columns in.
 */
public interface ListColumn {
    /** The header, already in the user's language. */
    String title();

    /** The column's preferred width in pixels. */
    double width();

    /**
     * The cell texts of these customers (a page of the list, at most a few hundred ids);
     * called off the JavaFX thread. A customer left out shows an empty cell.
     */
    Map<Long, String> values(List<Long> customerIds);

    /**
     * Whether the column is shown when the list opens; the others are offered in the menu at
     * the right of the table's header (a list with every column is too narrow to read).
     */
    default boolean visibleAtFirst() {
        return true;
    }

    /**
     * Whether {@link #values} can take seconds (the insights' columns compute a snapshot of every
     * customer the first time of a day): the list then asks on the task runner's background lane,
     * so that the rows and the quick columns never wait for it, and at the start only once the
     * search index's first build has ended (decision 0048); the cells fill in when it answers.
     */
    default boolean slow() {
        return false;
    }
}
