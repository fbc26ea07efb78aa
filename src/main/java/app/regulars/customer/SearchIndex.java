package app.regulars.customer;

import app.regulars.fx.Milestones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The search tokens held in memory, so that any prefix is answered in list order without
 * reading every match from the database (decision 0003). Built in the background from the
 * customers' search texts (table {@code customer_search}, decision 0018); after a write that
 * changed customers it is stale, and searches go to SQL (same results, slower for broad terms)
 * until the rebuild is done.
 *
 * <p>Kept in a few primitive arrays, with no object per token or customer (decision 0014): at
 * 100,000 customers, 2.2 million tokens of which 620,000 distinct, about 25 MB where a
 * {@code String} per distinct token took about twice that.
 */
final class SearchIndex {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    /**
     * One build of the index. The distinct tokens, sorted, are encoded one after the other in
     * {@code text} ({@link #encode}: one byte for a character below U+0080, three above, so that
     * the bytes sort as the strings do); token i is {@code text[textStart[i] .. textStart[i+1])}.
     * The postings of token i are {@code postings[start[i] .. start[i+1])}, as list positions;
     * {@code idAt} holds the customer id at each position, in list order (name, then id), the
     * active customers before the archived (a search looks at one of the two only).
     */
    static final class Snapshot {
        private final long version;
        private final byte[] text;
        private final int[] textStart;
        private final int[] start;
        private final int[] postings;
        private final long[] idAt;
        private final BitSet archived;

        Snapshot(long version, byte[] text, int[] textStart, int[] start, int[] postings, long[] idAt, BitSet archived) {
            this.version = version;
            this.text = text;
            this.textStart = textStart;
            this.start = start;
            this.postings = postings;
            this.idAt = idAt;
            this.archived = archived;
        }

        long version() {
            return version;
        }

        Snapshot withVersion(long v) {
            return new Snapshot(v, text, textStart, start, postings, idAt, archived);
        }

        /** How many distinct tokens and postings it holds. */
        int tokens() {
            return textStart.length - 1;
        }

        int postings() {
            return postings.length;
        }

        /** The bytes its arrays take (the array contents, without the few object headers). */
        long bytes() {
            return text.length + 4L * (textStart.length + start.length + postings.length) + 8L * idAt.length + archived.size() / 8;
        }

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

        /** Marks the customers with a token that starts with {@code prefix}: the tokens from the first such to the last. */
        private void mark(String prefix, BitSet hits) {
            byte[] p = encode(prefix);
            int from = bound(p, false);
            int to = bound(p, true);
            for (int i = start[from]; i < start[to]; i++) {
                hits.set(postings[i]);
            }
        }

        /**
         * The first token that compares at or above {@code prefix} ({@code after}: above), where a
         * token that starts with the prefix compares equal to it. The tokens starting with it are
         * then those from {@code bound(p, false)} to {@code bound(p, true)}.
         */
        private int bound(byte[] prefix, boolean after) {
            int lo = 0;
            int hi = tokens();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = comparePrefix(mid, prefix);
                if (c < 0 || (after && c == 0)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Token i against {@code prefix}, looking at no more than the prefix's length: 0 when the token starts with it. */
        private int comparePrefix(int i, byte[] prefix) {
            int from = textStart[i];
            int length = textStart[i + 1] - from;
            int n = Math.min(length, prefix.length);
            int c = Arrays.compareUnsigned(text, from, from + n, prefix, 0, n);
            if (c != 0) {
                return c;
            }
            return length < prefix.length ? -1 : 0;
        }

        /** Token i as text (for tests). */
        String token(int i) {
            return decode(text, textStart[i], textStart[i + 1]);
        }

        /** The ids of the customers with token i (for tests). */
        List<Long> customers(int i) {
            List<Long> out = new java.util.ArrayList<>(start[i + 1] - start[i]);
            for (int k = start[i]; k < start[i + 1]; k++) {
                out.add(idAt[postings[k]]);
            }
            return out;
        }
    }

    private final LongSupplier version;
    private final Supplier<Snapshot> builder;
    private final Executor executor;
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile Snapshot current;

    /**
     * {@code version} counts the writes that changed customers; {@code builder} reads the store
     * into a snapshot; {@code executor} runs the builds (a thread of their own).
     */
    SearchIndex(LongSupplier version, Supplier<Snapshot> builder, Executor executor) {
        this.version = version;
        this.builder = builder;
        this.executor = executor;
    }

    /** The snapshot if it is up to date; otherwise null, and a rebuild is started. */
    Snapshot fresh() {
        Snapshot s = current;
        if (s != null && s.version() == version.getAsLong()) {
            return s;
        }
        if (building.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        rebuildNow();
                    } catch (RuntimeException e) {
                        LOG.warn("Search index not built; searching in SQL", e);
                    } finally {
                        building.set(false);
                    }
                });
            } catch (RuntimeException e) { // the executor is shut down: the store is closing
                building.set(false);
            }
        }
        return null;
    }

    /** Whether the snapshot is built and up to date (without starting a build). */
    boolean ready() {
        Snapshot s = current;
        return s != null && s.version() == version.getAsLong();
    }

    /** Builds the snapshot on this thread (the benchmark and tests wait for it). */
    Snapshot rebuildNow() {
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = version.getAsLong();
            Snapshot s = builder.get();
            if (version.getAsLong() == before) {
                Snapshot stamped = s.withVersion(before);
                current = stamped;
                Milestones.reach(Milestones.SEARCH_INDEX);
                return stamped;
            }
        }
        return null; // writes kept coming: stay on SQL until the next search asks again
    }

    /**
     * Reads the store into a snapshot: the ids in list order, then every customer's search text
     * in any order, whose tokens are sorted here ({@link Occurrences}).
     */
    static Snapshot read(CustomerRepository repository, org.jooq.DSLContext dsl) {
        long started = System.nanoTime();
        LongList ids = new LongList();
        BitSet archived = new BitSet();
        repository.forEachInListOrder(dsl, (isArchived, id) -> {
            if (isArchived) {
                archived.set(ids.size());
            }
            ids.add(id);
        });
        long[] idAt = ids.toArray();
        Positions positions = new Positions(idAt);
        Occurrences occurrences = new Occurrences();
        repository.forEachSearchText(dsl, (customerId, text) -> {
            int pos = positions.of(customerId);
            if (pos < 0) {
                return; // a customer added after the first read: the version check discards this snapshot
            }
            occurrences.add(text, pos);
        });
        Snapshot s = occurrences.build(idAt, archived);
        LOG.info("Search index: {} customers, {} tokens, {} postings, {} KB in {} ms", idAt.length, s.tokens(), s.postings(),
                s.bytes() / 1024, (System.nanoTime() - started) / 1_000_000);
        return s;
    }

    /**
     * Every token occurrence (a token of one customer) in the order read, sorted into a snapshot
     * without an object per occurrence (2.2 million at 100,000 customers, 620,000 of them
     * distinct, under a 320 MB heap).
     *
     * <p>The tokens are encoded ({@link #encode}) one after the other into a pool of 1 MB chunks
     * (no copying as it grows), each after its length in two bytes; an occurrence is its offset
     * in the pool, and the customer's list position is found from the offset where each
     * customer's tokens begin. {@link #build} sorts a {@code long} per occurrence: the first four
     * bytes of its token as an unsigned key above the offset, the sign bit flipped so that
     * {@link Arrays#sort} puts the keys in unsigned order. Runs of equal keys (tokens that share
     * their first four bytes: phone prefixes, email domains, one token of many customers) are
     * then put in order by comparing whole tokens, and the sorted occurrences give the distinct
     * tokens and their postings, counted first so that every array is allocated at its size.
     * At 100,000 customers the pool is about 25 MB and the keys 18 MB.
     */
    static final class Occurrences {
        private static final int CHUNK_BITS = 20;
        private static final int CHUNK = 1 << CHUNK_BITS;
        /** Bytes before each token: its encoded length. */
        private static final int HEADER = 2;
        private byte[][] chunks = new byte[8][];
        private int chunkCount;
        private int used = CHUNK; // in the last chunk: full, so that the first token starts one
        private int count;
        private IntList customerStart = new IntList(); // the offset of each customer's first token
        private IntList customerPosition = new IntList();

        /**
         * Adds the tokens of one customer's search text (each after {@link SearchTokens#SEPARATOR};
         * anything before the first separator and empty tokens are no tokens) at list position
         * {@code position}.
         */
        void add(String text, int position) {
            boolean first = true;
            int i = text.indexOf(SearchTokens.SEPARATOR);
            while (i >= 0 && i < text.length()) {
                int from = i + 1;
                int to = text.indexOf(SearchTokens.SEPARATOR, from);
                if (to < 0) {
                    to = text.length();
                }
                if (to > from) {
                    int length = encodedLength(text, from, to);
                    if (length + HEADER > CHUNK || length > 0xFFFF) {
                        throw new IllegalArgumentException("A search token of " + (to - from) + " characters");
                    }
                    if (used + HEADER + length > CHUNK) {
                        if (chunkCount == chunks.length) {
                            chunks = Arrays.copyOf(chunks, chunkCount * 2);
                        }
                        if ((long) (chunkCount + 1) << CHUNK_BITS > Integer.MAX_VALUE) {
                            throw new IllegalStateException("More search tokens than the index holds");
                        }
                        chunks[chunkCount++] = new byte[CHUNK];
                        used = 0;
                    }
                    int offset = (chunkCount - 1) << CHUNK_BITS | used;
                    if (first) {
                        customerStart.add(offset);
                        customerPosition.add(position);
                        first = false;
                    }
                    byte[] chunk = chunks[chunkCount - 1];
                    chunk[used++] = (byte) (length >>> 8);
                    chunk[used++] = (byte) length;
                    for (int k = from; k < to; k++) {
                        used = encode(text.charAt(k), chunk, used);
                    }
                    count++;
                }
                i = to;
            }
        }

        /** How many occurrences there are. */
        int size() {
            return count;
        }

        Snapshot build(long[] idAt, BitSet archived) {
            return build(idAt, archived, 4);
        }

        /**
         * As {@link #build(long[], BitSet)}, with keys of the first {@code keyBytes} bytes (1 to 4:
         * tests try short keys). Once: it lets go of the pool.
         */
        Snapshot build(long[] idAt, BitSet archived, int keyBytes) {
            if (keyBytes < 1 || keyBytes > 4) {
                throw new IllegalArgumentException("keys of " + keyBytes + " bytes");
            }
            int n = count;
            long[] order = new long[n];
            int k = 0;
            for (int c = 0; c < chunkCount; c++) {
                byte[] chunk = chunks[c];
                int end = c == chunkCount - 1 ? used : CHUNK;
                for (int at = 0; at + HEADER <= end; ) {
                    int length = (chunk[at] & 0xFF) << 8 | chunk[at + 1] & 0xFF;
                    if (length == 0) {
                        break; // the unused end of a chunk (no token is empty)
                    }
                    long key = 0;
                    for (int b = 0; b < 4; b++) {
                        key = key << 8 | (b < keyBytes && b < length ? chunk[at + HEADER + b] & 0xFF : 0);
                    }
                    order[k++] = (key << 32 | (long) (c << CHUNK_BITS | at)) ^ Long.MIN_VALUE;
                    at += HEADER + length;
                }
            }
            Arrays.sort(order);
            int[] run = new int[16];
            int[] scratch = new int[16];
            for (int i = 0; i < n; ) {
                int j = i + 1;
                while (j < n && (order[j] ^ order[i]) >>> 32 == 0) {
                    j++;
                }
                if (j - i > 1) {
                    // equal in their first bytes: in order by the whole token
                    if (run.length < j - i) {
                        run = new int[Math.max(j - i, run.length * 2)];
                        scratch = new int[run.length];
                    }
                    for (int r = i; r < j; r++) {
                        run[r - i] = (int) order[r];
                    }
                    mergeSort(run, scratch, 0, j - i);
                    long high = order[i] & 0xFFFFFFFF00000000L;
                    for (int r = i; r < j; r++) {
                        order[r] = high | run[r - i] & 0xFFFFFFFFL;
                    }
                }
                i = j;
            }
            // The distinct tokens, in two passes over the sorted occurrences: count them and their
            // bytes, then copy them into arrays of that size. The second pass also leaves in each
            // entry of order the occurrence's list position, or -1 for the same token twice in one
            // customer's text (equal tokens stay in the order read, so the second comes right after
            // the first); the postings are then copied once the pool is gone.
            byte[] text = null;
            int[] textStart = null;
            int[] start = null;
            int postingCount = 0;
            for (boolean fill = false; ; fill = true) {
                int tokens = 0;
                int bytes = 0;
                int m = 0;
                int last = -1;
                int lastPosition = -1;
                long lastKey = 0;
                for (int r = 0; r < n; r++) {
                    long entry = order[r];
                    int occurrence = (int) entry;
                    int position = positionOf(occurrence);
                    boolean first = r == 0 || (entry ^ lastKey) >>> 32 != 0 || compare(last, occurrence) != 0;
                    last = occurrence;
                    lastKey = entry;
                    if (first) {
                        int length = lengthAt(occurrence);
                        if (fill) {
                            textStart[tokens] = bytes;
                            start[tokens] = m;
                            System.arraycopy(chunks[occurrence >>> CHUNK_BITS], (occurrence & CHUNK - 1) + HEADER, text, bytes, length);
                        }
                        tokens++;
                        bytes += length;
                    } else if (position == lastPosition) {
                        if (fill) {
                            order[r] = -1;
                        }
                        continue;
                    }
                    if (fill) {
                        order[r] = position;
                    }
                    m++;
                    lastPosition = position;
                }
                if (fill) {
                    textStart[tokens] = bytes;
                    start[tokens] = m;
                    break;
                }
                text = new byte[bytes];
                textStart = new int[tokens + 1];
                start = new int[tokens + 1];
                postingCount = m;
            }
            chunks = null;
            customerStart = null;
            customerPosition = null;
            int[] postings = new int[postingCount];
            int m = 0;
            for (long position : order) {
                if (position >= 0) {
                    postings[m++] = (int) position;
                }
            }
            return new Snapshot(-1, text, textStart, start, postings, idAt, archived);
        }

        /** The list position of the customer whose token is at {@code offset}. */
        private int positionOf(int offset) {
            int[] starts = customerStart.values();
            int lo = 0;
            int hi = customerStart.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return customerPosition.values()[lo];
        }

        private int lengthAt(int offset) {
            byte[] chunk = chunks[offset >>> CHUNK_BITS];
            int at = offset & CHUNK - 1;
            return (chunk[at] & 0xFF) << 8 | chunk[at + 1] & 0xFF;
        }

        /** The tokens at two offsets, as {@link String#compareTo} orders them. */
        private int compare(int a, int b) {
            int atA = (a & CHUNK - 1) + HEADER;
            int atB = (b & CHUNK - 1) + HEADER;
            return Arrays.compareUnsigned(chunks[a >>> CHUNK_BITS], atA, atA + lengthAt(a), chunks[b >>> CHUNK_BITS], atB, atB + lengthAt(b));
        }

        /** Sorts {@code a[lo, hi)} by token (stable; a run of equal tokens costs one comparison per merge). */
        private void mergeSort(int[] a, int[] scratch, int lo, int hi) {
            if (hi - lo <= 12) {
                for (int i = lo + 1; i < hi; i++) {
                    int x = a[i];
                    int j = i - 1;
                    while (j >= lo && compare(a[j], x) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            int mid = (lo + hi) >>> 1;
            mergeSort(a, scratch, lo, mid);
            mergeSort(a, scratch, mid, hi);
            if (compare(a[mid - 1], a[mid]) <= 0) {
                return;
            }
            System.arraycopy(a, lo, scratch, lo, hi - lo);
            int i = lo;
            int j = mid;
            for (int k = lo; k < hi; k++) {
                if (j >= hi || (i < mid && compare(scratch[i], scratch[j]) <= 0)) {
                    a[k] = scratch[i++];
                } else {
                    a[k] = scratch[j++];
                }
            }
        }
    }

    /**
     * A string's bytes in an order-keeping code: a character below U+0080 as one byte, any other
     * as three ({@code 0x80 | c >> 12}, then six bits and six bits). Comparing the bytes without
     * sign orders as {@link String#compareTo} does, and the code of a prefix is a prefix of the
     * code; the tokens are nearly all ASCII (pinyin, digits, emails), so about a byte a character.
     */
    static byte[] encode(String s) {
        byte[] out = new byte[encodedLength(s, 0, s.length())];
        int at = 0;
        for (int i = 0; i < s.length(); i++) {
            at = encode(s.charAt(i), out, at);
        }
        return out;
    }

    /** The length of the code of {@code s[from, to)}. */
    static int encodedLength(String s, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            length += s.charAt(i) < 0x80 ? 1 : 3;
        }
        return length;
    }

    /** Writes the code of {@code c} at {@code out[at]}; returns where the next goes. */
    static int encode(char c, byte[] out, int at) {
        if (c < 0x80) {
            out[at++] = (byte) c;
        } else {
            out[at++] = (byte) (0x80 | c >> 12);
            out[at++] = (byte) (c >> 6 & 0x3F);
            out[at++] = (byte) (c & 0x3F);
        }
        return at;
    }

    static String decode(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; ) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                sb.append((char) b);
                i++;
            } else {
                sb.append((char) ((b & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F)));
                i += 3;
            }
        }
        return sb.toString();
    }

    /** List positions by customer id: the ids sorted once (each with its position in the low bits), a binary search per token row. */
    private static final class Positions {
        private static final int BITS = 24;
        private final long[] sorted;

        Positions(long[] idAt) {
            if (idAt.length >= 1 << BITS) {
                throw new IllegalStateException("More customers than the search index holds: " + idAt.length);
            }
            sorted = new long[idAt.length];
            for (int i = 0; i < idAt.length; i++) {
                if (idAt[i] < 0 || idAt[i] >= 1L << (63 - BITS)) {
                    throw new IllegalStateException("A customer id out of the search index's range: " + idAt[i]);
                }
                sorted[i] = idAt[i] << BITS | i;
            }
            Arrays.sort(sorted);
        }

        int of(long id) {
            int lo = 0;
            int hi = sorted.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long at = sorted[mid] >>> BITS;
                if (at < id) {
                    lo = mid + 1;
                } else if (at > id) {
                    hi = mid - 1;
                } else {
                    return (int) (sorted[mid] & ((1 << BITS) - 1));
                }
            }
            return -1;
        }
    }

    /**
     * A growable int array (boxing two million postings would double the memory), growing by half
     * (doubling left up to half of a two-million-entry array unused).
     */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1));
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        /** The array itself, longer than {@link #size} (no copy: for the build's temporary lists). */
        int[] values() {
            return values;
        }
    }

    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }}
