package app.regulars.customer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The search tokens held in memory, so that any prefix is answered in list order without
 * reading every match from the database (decision 0003). Built in the background from the
 * token table; after any write to the store it is stale, and searches go to SQL (same
 * results, slower for broad terms) until the rebuild is done.
 */
final class SearchIndex {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    /** Sorted distinct tokens; the postings of token i are postings[start[i] .. start[i+1]), as list positions. */
    record Snapshot(long version, String[] tokens, int[] start, int[] postings, long[] idAt, BitSet archived) {
        long[] search(List<String> terms, boolean wantArchived, boolean ascending, int limit) {
            BitSet matches = null;
            for (String term : terms) {
                BitSet hits = new BitSet(idAt.length);
                mark(term, hits);
                if (SearchTokens.isDigits(term)) {
                    mark(SearchTokens.REVERSED + new StringBuilder(term).reverse().toString(), hits);
                }
                if (matches == null) {
                    matches = hits;
                } else {
                    matches.and(hits);
                }
            }
            if (matches == null) {
                return new long[0];
            }
            if (wantArchived) {
                matches.and(archived);
            } else {
                matches.andNot(archived);
            }
            int n = limit > 0 ? Math.min(limit, matches.cardinality()) : matches.cardinality();
            long[] out = new long[n];
            int found = 0;
            if (ascending) {
                for (int i = matches.nextSetBit(0); i >= 0 && found < n; i = matches.nextSetBit(i + 1)) {
                    out[found++] = idAt[i];
                }
            } else {
                for (int i = matches.previousSetBit(idAt.length - 1); i >= 0 && found < n; i = matches.previousSetBit(i - 1)) {
                    out[found++] = idAt[i];
                }
            }
            return out;
        }

        private void mark(String prefix, BitSet hits) {
            int from = lowerBound(prefix);
            int to = lowerBound(prefix + Character.MAX_VALUE);
            for (int i = start[from]; i < start[to]; i++) {
                hits.set(postings[i]);
            }
        }

        private int lowerBound(String key) {
            int i = Arrays.binarySearch(tokens, key);
            return i >= 0 ? i : -i - 1;
        }
    }

    private final LongSupplier version;
    private final Supplier<Snapshot> builder;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "regulars-search-index");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile Snapshot current;

    SearchIndex(LongSupplier version, Supplier<Snapshot> builder) {
        this.version = version;
        this.builder = builder;
    }

    /** The snapshot if it is up to date; otherwise null, and a rebuild is started. */
    Snapshot fresh() {
        Snapshot s = current;
        if (s != null && s.version() == version.getAsLong()) {
            return s;
        }
        if (building.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    rebuildNow();
                } catch (RuntimeException e) {
                    LOG.warn("Search index not built; searching in SQL", e);
                } finally {
                    building.set(false);
                }
            });
        }
        return null;
    }

    /** Builds the snapshot on this thread (the benchmark and tests wait for it). */
    Snapshot rebuildNow() {
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = version.getAsLong();
            Snapshot s = builder.get();
            if (version.getAsLong() == before) {
                Snapshot stamped = new Snapshot(before, s.tokens(), s.start(), s.postings(), s.idAt(), s.archived());
                current = stamped;
                return stamped;
            }
        }
        return null; // writes kept coming: stay on SQL until the next search asks again
    }

    /** Reads the store into a snapshot: ids in list order, then the tokens in token order. */
    static Snapshot read(CustomerRepository repository, org.jooq.DSLContext dsl) {
        long started = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        BitSet archived = new BitSet();
        repository.forEachInListOrder(dsl, (isArchived, id) -> {
            if (isArchived) {
                archived.set(ids.size());
            }
            ids.add(id);
        });
        Map<Long, Integer> position = new HashMap<>(ids.size() * 2);
        long[] idAt = new long[ids.size()];
        for (int i = 0; i < idAt.length; i++) {
            idAt[i] = ids.get(i);
            position.put(idAt[i], i);
        }
        List<String> tokens = new ArrayList<>();
        IntList starts = new IntList();
        IntList postings = new IntList();
        repository.forEachToken(dsl, (token, customerId) -> {
            Integer pos = position.get(customerId);
            if (pos == null) {
                return; // a customer added after the first read: the version check discards this snapshot
            }
            if (tokens.isEmpty() || !tokens.getLast().equals(token)) {
                tokens.add(token);
                starts.add(postings.size());
            }
            postings.add(pos);
        });
        starts.add(postings.size());
        LOG.info("Search index: {} customers, {} tokens, {} postings in {} ms", idAt.length, tokens.size(), postings.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new Snapshot(-1, tokens.toArray(String[]::new), starts.toArray(), postings.toArray(), idAt, archived);
    }

    void close() {
        executor.shutdownNow();
    }

    /** A growable int array (boxing two million postings would double the memory). */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
