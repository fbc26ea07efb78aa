package app.regulars.customer;

import javafx.collections.ObservableListBase;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The customer list as the table sees it: as many rows as the search matched, each
 * created on first use and filled a page at a time by {@code pageLoader}. Only the ids
 * of all matches are held; rows the table never shows are never loaded.
 */
public final class CustomerRowList extends ObservableListBase<CustomerRow> {
    public static final int PAGE_SIZE = 100;

    private final ObjIntConsumer<long[]> pageLoader;
    private long[] ids = new long[0];
    private CustomerRow[] rows = new CustomerRow[0];
    private boolean[] requested = new boolean[0];

    /** {@code pageLoader} gets the ids of a page and its first index; it calls {@link #fill} when they arrive. */
    public CustomerRowList(ObjIntConsumer<long[]> pageLoader) {
        this.pageLoader = pageLoader;
    }

    /** Replaces the whole list with these ids (a new search or sort). */
    public void reset(long[] newIds) {
        List<CustomerRow> removed = snapshot();
        ids = newIds.clone();
        rows = new CustomerRow[ids.length];
        requested = new boolean[(ids.length + PAGE_SIZE - 1) / PAGE_SIZE];
        beginChange();
        if (!removed.isEmpty()) {
            nextRemove(0, removed);
        }
        if (ids.length > 0) {
            nextAdd(0, ids.length);
        }
        endChange();
    }

    private List<CustomerRow> snapshot() {
        final CustomerRow[] old = rows;
        final long[] oldIds = ids;
        return new AbstractList<>() {
            @Override
            public CustomerRow get(int index) {
                return old[index] != null ? old[index] : new CustomerRow(oldIds[index]);
            }

            @Override
            public int size() {
                return old.length;
            }
        };
    }

    @Override
    public CustomerRow get(int index) {
        CustomerRow row = rows[index];
        if (row == null) {
            row = new CustomerRow(ids[index]);
            rows[index] = row;
        }
        if (!row.loadedProperty().get()) {
            requestPage(index / PAGE_SIZE);
        }
        return row;
    }

    private void requestPage(int page) {
        if (requested[page]) {
            return;
        }
        requested[page] = true;
        int from = page * PAGE_SIZE;
        pageLoader.accept(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + PAGE_SIZE)), from);
    }

    /** Fills the rows of loaded customers; stale pages (from before a reset) are ignored. */
    public void fill(int from, List<CustomerSummary> summaries, java.util.function.BiConsumer<CustomerRow, CustomerSummary> filler) {
        java.util.Map<Long, CustomerSummary> byId = new java.util.HashMap<>();
        for (CustomerSummary s : summaries) {
            byId.put(s.id(), s);
        }
        for (int i = from; i < Math.min(ids.length, from + PAGE_SIZE) && !byId.isEmpty(); i++) {
            CustomerSummary s = byId.remove(ids[i]);
            if (s != null) {
                CustomerRow row = rows[i];
                if (row == null) {
                    row = new CustomerRow(ids[i]);
                    rows[i] = row;
                }
                filler.accept(row, s);
            }
        }
    }

    @Override
    public int size() {
        return ids.length;
    }

    public long idAt(int index) {
        return ids[index];
    }
}
