package app.regulars.customer;

import javafx.collections.ObservableListBase;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The customer list as the table sees it: as many rows as the search matched, each
 * created on first use and filled a page at a time by {@code pageLoader}. Only the ids
 * of all matches are held; rows the table never shows are never loaded, and of the pages
 * loaded only the {@value #KEPT_PAGES} used last are kept (scrolling through 100,000
 * customers would otherwise keep them all): a page dropped is loaded again when shown.
 */
public final class CustomerRowList extends ObservableListBase<CustomerRow> {
    /**
     * Rows read at a time: more than a screen holds (16 rows at 1280 x 800, about 25 on a large
     * screen), so that a screen needs one or two pages. A typed search reads its first screen's
     * rows with its answer and the rest of this page after them (decision 0046); at 100,000
     * customers 100 rows took 8-60 ms of H2's cold pages and 2-38 ms of texts, and a search's
     * first row was laid out after 48-58 ms at the median, against 30-33 ms with 40 (decision 0039).
     */
    public static final int PAGE_SIZE = 40;
    /** Pages of rows kept at most: many screens' worth around where the user has been (2,000 rows). */
    static final int KEPT_PAGES = 50;

    private final ObjIntConsumer<long[]> pageLoader;
    private long[] ids = new long[0];
    private CustomerRow[] rows = new CustomerRow[0];
    private boolean[] requested = new boolean[0];
    /** When each page was last used (a counter), 0 for a page not held. */
    private long[] used = new long[0];
    private long clock;
    private int held;
    /** How many of {@code ids} are known (the rest come with {@link #complete}). */
    private int known;
    /** Whether a row whose id was not known yet was handed out (the table scrolled there early). */
    private boolean handedOutUnknown;

    /** {@code pageLoader} gets the ids of a page and its first index; it calls {@link #fill} when they arrive. */
    public CustomerRowList(ObjIntConsumer<long[]> pageLoader) {
        this.pageLoader = pageLoader;
    }

    /** Replaces the whole list with these ids (a new search or sort); their rows are loaded as the table asks. */
    public void reset(long[] newIds) {
        reset(newIds, false);
    }

    /**
     * Replaces the whole list with these ids; when {@code firstPageComes}, the caller has the
     * first page's rows already and {@link #fill}s them next: it is not asked for, not even by
     * what the change itself makes read the list (the table's focus reads its first row).
     */
    public void reset(long[] newIds, boolean firstPageComes) {
        reset(newIds.clone(), newIds.length, firstPageComes);
    }

    /**
     * Replaces the whole list with one of {@code total} rows of which only the first ids are
     * known yet (the first page, read on its own at the start, whose rows the caller {@link
     * #fill}s next); {@link #complete} brings the rest. Rows beyond the known ones are empty until then.
     */
    public void resetFirstPage(long[] firstIds, int total) {
        reset(java.util.Arrays.copyOf(firstIds, Math.max(total, firstIds.length)), firstIds.length, true);
    }

    /**
     * All the ids of a list started with {@link #resetFirstPage}: when they begin with the known
     * ones and their number is as said, the rows shown stay as they are; otherwise (a change
     * came in between) the list is replaced.
     */
    public void complete(long[] all) {
        boolean same = all.length == ids.length && java.util.Arrays.equals(all, 0, known, ids, 0, known);
        if (!same || handedOutUnknown) {
            reset(all, false);
            return;
        }
        ids = all.clone();
        known = all.length;
    }


    private void reset(long[] newIds, int knownIds, boolean firstPageComes) {
        List<CustomerRow> removed = snapshot();
        known = knownIds;
        handedOutUnknown = false;
        ids = newIds;
        rows = new CustomerRow[ids.length];
        requested = new boolean[(ids.length + PAGE_SIZE - 1) / PAGE_SIZE];
        used = new long[requested.length];
        held = 0;
        if (firstPageComes && requested.length > 0) {
            // before the change is told: the table's focus reads row 0 as it hears of it, which
            // would ask for the page a second time, on a worker beside the first rows' layout
            use(0);
            requested[0] = true;
        }
        beginChange();
        if (!removed.isEmpty()) {
            nextRemove(0, removed);
        }
        if (ids.length > 0) {
            nextAdd(0, ids.length);
        }
        endChange();
    }

    /**
     * The rows as the change tells them removed: those made so far, and for every other one the
     * same empty row. JavaFX copies the removed rows into the change, all of them: a new row with
     * its properties for each of 100,000 ids was some 55 MB at each reset, and a row never handed
     * out is nobody's (rows are equal only to themselves).
     */
    private List<CustomerRow> snapshot() {
        final CustomerRow[] old = rows;
        return new AbstractList<>() {
            private CustomerRow neverShown;

            @Override
            public CustomerRow get(int index) {
                if (old[index] != null) {
                    return old[index];
                }
                if (neverShown == null) {
                    neverShown = new CustomerRow(0);
                }
                return neverShown;
            }

            @Override
            public int size() {
                return old.length;
            }
        };
    }

    @Override
    public CustomerRow get(int index) {
        if (index >= known) {
            handedOutUnknown = true;
            return new CustomerRow(0); // empty until the ids come (complete)
        }
        int page = index / PAGE_SIZE;
        use(page);
        CustomerRow row = rows[index];
        if (row == null) {
            row = new CustomerRow(ids[index]);
            rows[index] = row;
        }
        if (!row.loadedProperty().get()) {
            requestPage(page);
        }
        return row;
    }

    /** Marks the page as used now; a page newly held may push out the one used longest ago. */
    private void use(int page) {
        if (used[page] == 0) {
            held++;
            if (held > KEPT_PAGES) {
                dropLeastRecentlyUsed();
            }
        }
        used[page] = ++clock;
    }

    private void dropLeastRecentlyUsed() {
        int oldest = -1;
        for (int p = 0; p < used.length; p++) {
            if (used[p] != 0 && (oldest < 0 || used[p] < used[oldest])) {
                oldest = p;
            }
        }
        int from = oldest * PAGE_SIZE;
        Arrays.fill(rows, from, Math.min(rows.length, from + PAGE_SIZE), null);
        requested[oldest] = false;
        used[oldest] = 0;
        held--;
    }

    private void requestPage(int page) {
        if (requested[page]) {
            return;
        }
        requested[page] = true;
        int from = page * PAGE_SIZE;
        pageLoader.accept(Arrays.copyOfRange(ids, from, Math.min(known, from + PAGE_SIZE)), from);
    }

    /** How many rows are held (filled or waiting for their page), for tests. */
    int heldRows() {
        int n = 0;
        for (CustomerRow r : rows) {
            if (r != null) {
                n++;
            }
        }
        return n;
    }

    /** Fills the rows of loaded customers; stale pages (from before a reset) are ignored. */
    public void fill(int from, List<CustomerSummary> summaries, java.util.function.BiConsumer<CustomerRow, CustomerSummary> filler) {
        java.util.Map<Long, CustomerSummary> byId = new java.util.HashMap<>();
        for (CustomerSummary s : summaries) {
            byId.put(s.id(), s);
        }
        for (int i = from; i < Math.min(ids.length, from + PAGE_SIZE) && !byId.isEmpty(); i++) {
            CustomerSummary s = byId.remove(ids[i]);
            if (s == null || !requested[i / PAGE_SIZE]) {
                continue; // a page dropped meanwhile is loaded again when shown
            }
            CustomerRow row = rows[i];
            if (row == null) {
                row = new CustomerRow(ids[i]);
                rows[i] = row;
            }
            filler.accept(row, s);
        }
    }

    @Override
    public int size() {
        return ids.length;
    }

    /** The id at {@code index}; 0 while the list's ids beyond its first page are still coming. */
    public long idAt(int index) {
        return index < known ? ids[index] : 0;
    }
}
