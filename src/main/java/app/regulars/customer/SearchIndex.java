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
        /** Each position's {@link #fingerprint}, or null when not known (then any change elsewhere makes it stale). */
        private final long[] fingerprints;

        Snapshot(long version, byte[] text, int[] textStart, int[] start, int[] postings, long[] idAt, BitSet archived) {
            this(version, text, textStart, start, postings, idAt, archived, null);
        }

        private Snapshot(long version, byte[] text, int[] textStart, int[] start, int[] postings, long[] idAt, BitSet archived,
                long[] fingerprints) {
            this.version = version;
            this.text = text;
            this.textStart = textStart;
            this.start = start;
            this.postings = postings;
            this.idAt = idAt;
            this.archived = archived;
            this.fingerprints = fingerprints;
        }

        long version() {
            return version;
        }

        Snapshot withVersion(long v) {
            return new Snapshot(v, text, textStart, start, postings, idAt, archived, fingerprints);
        }

        /** The same, knowing each position's {@link #fingerprint} (as many as there are customers). */
        Snapshot withFingerprints(long[] f) {
            if (f.length != idAt.length) {
                throw new IllegalArgumentException(f.length + " fingerprints for " + idAt.length + " customers");
            }
            return new Snapshot(version, text, textStart, start, postings, idAt, archived, f);
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
            return text.length + 4L * (textStart.length + start.length + postings.length) + 8L * idAt.length + archived.size() / 8
                    + (fingerprints == null ? 0 : 8L * fingerprints.length);
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
    /** What waits on the first build ({@link #afterFirstBuild}); guards {@link #building}'s end too. */
    private final List<Runnable> afterFirst = new java.util.ArrayList<>();

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
                        buildEnded();
                    }
                });
            } catch (RuntimeException e) { // the executor is shut down: the store is closing
                buildEnded();
            }
        }
        return null;
    }

    /**
     * Runs {@code then} once the first build, when it is under way, has ended, built or not (on the
     * builds' thread, before {@link Milestones#SEARCH_INDEX} is reached and so before what waits on
     * that); at once when a snapshot was built before or none is being built.
     */
    void afterFirstBuild(Runnable then) {
        synchronized (afterFirst) {
            if (current == null && building.get()) {
                afterFirst.add(then);
                return;
            }
        }
        then.run();
    }

    /** No build under way any more; what waited on the first runs now, built or not. */
    private void buildEnded() {
        synchronized (afterFirst) {
            building.set(false);
        }
        firstBuildEnded();
    }

    /** Runs what waited on the first build ({@link #afterFirstBuild}). */
    private void firstBuildEnded() {
        List<Runnable> waiting;
        synchronized (afterFirst) {
            waiting = List.copyOf(afterFirst);
            afterFirst.clear();
        }
        for (Runnable r : waiting) {
            try {
                r.run();
            } catch (RuntimeException e) { // the window's lanes are closing
                LOG.debug("After the search index", e);
            }
        }
    }

    /** Whether the snapshot is built and up to date (without starting a build). */
    boolean ready() {
        Snapshot s = current;
        return s != null && s.version() == version.getAsLong();
    }

    /**
     * Whether the snapshot is up to date and stays so although another computer changed the
     * customers {@code ids} (live refresh, decision 0034): each of them that the store still has
     * is in the snapshot with the same {@link #fingerprint}, and each that it has no more is not
     * in it. A purchase, a follow-up, points or a survey answer leave a customer's fingerprint as
     * it was; a new name, phone, tag, searchable field or an archive do not. {@code read} reads the
     * customers' entries now (off the JavaFX thread).
     */
    boolean holdsAfter(java.util.Collection<Long> ids, java.util.function.BiConsumer<java.util.Collection<Long>,
            CustomerRepository.SearchEntrySink> read) {
        Snapshot s = current;
        if (s == null || s.version() != version.getAsLong() || s.fingerprints == null) {
            return false;
        }
        java.util.Map<Long, Long> now = new java.util.HashMap<>();
        read.accept(ids, (id, isArchived, sortName, searchText) -> now.put(id, fingerprint(isArchived, sortName, searchText)));
        java.util.Set<Long> wanted = new java.util.HashSet<>(ids);
        int inSnapshot = 0;
        for (int pos = 0; pos < s.idAt.length; pos++) {
            if (wanted.contains(s.idAt[pos])) {
                inSnapshot++;
                Long f = now.get(s.idAt[pos]);
                if (f == null || f != s.fingerprints[pos]) {
                    return false; // gone, or placed or found otherwise now
                }
            }
        }
        return inSnapshot == now.size(); // and none that the snapshot lacks
    }

    /**
     * What places a customer in the index: archived or not and its sort name (its list position)
     * and its search text (its tokens; null for none), as a 64-bit polynomial hash. Equal for the
     * same three; two different ones agreeing is a chance of about one in 2^64.
     */
    static long fingerprint(boolean archived, String sortName, String searchText) {
        return withText(placed(archived, sortName), searchText);
    }

    /** The first part of a {@link #fingerprint}: the list position's. */
    private static long placed(boolean archived, String sortName) {
        long h = archived ? 0x9E3779B97F4A7C15L : 0x632BE59BD9B4E019L;
        return withText(h, sortName);
    }

    /** {@code h} continued with {@code text}'s characters and an end mark (null: the end mark only). */
    private static long withText(long h, String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                h = h * 0x100000001B3L + text.charAt(i);
            }
        }
        return h * 0x100000001B3L + 0x10000;
    }

    /** Builds the snapshot on this thread (the benchmark and tests wait for it). */
    Snapshot rebuildNow() {
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = version.getAsLong();
            Snapshot s = builder.get();
            if (version.getAsLong() == before) {
                Snapshot stamped = s.withVersion(before);
                current = stamped;
                firstBuildEnded();
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
        LongList placed = new LongList();
        repository.forEachInListOrder(dsl, (isArchived, id, sortName) -> {
            if (isArchived) {
                archived.set(ids.size());
            }
            ids.add(id);
            placed.add(placed(isArchived, sortName));
        });
        long[] idAt = ids.toArray();
        long[] fingerprints = placed.toArray();
        boolean[] texted = new boolean[idAt.length];
        Positions positions = new Positions(idAt);
        Occurrences occurrences = new Occurrences();
        repository.forEachSearchText(dsl, (customerId, text) -> {
            int pos = positions.of(customerId);
            if (pos < 0) {
                return; // a customer added after the first read: the version check discards this snapshot
            }
            occurrences.add(text, pos);
            fingerprints[pos] = withText(fingerprints[pos], text);
            texted[pos] = true;
        });
        for (int pos = 0; pos < fingerprints.length; pos++) {
            if (!texted[pos]) {
                fingerprints[pos] = withText(fingerprints[pos], null);
            }
        }
        Snapshot s = occurrences.build(idAt, archived).withFingerprints(fingerprints);
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
     * customer's tokens begin. {@link #build} sorts a {@code long} per occurrence with
     * {@link Arrays#sort}: four bytes of its token and whether it ends within them above its
     * offset, the sign bit flipped for unsigned order. First by the first four bytes; then each
     * run of occurrences that agree on them and go on is sorted again by their next four bytes,
     * and so on (a most-significant-digit radix sort, the JDK's sort for each digit). Each level
     * reads each token of a run once; comparing whole tokens read two, at random places in the
     * pool, per comparison, and took twice as long. Where a run splits, a distinct token begins;
     * those are copied into arrays counted beforehand, and the postings written after the pool
     * is let go. At 100,000 customers the pool is about 24 MB and the sorted longs 18 MB.
     */
    static final class Occurrences {
        private static final int CHUNK_BITS = 20;
        private static final int CHUNK = 1 << CHUNK_BITS;
        /** Bytes before each token: its encoded length. */
        private static final int HEADER = 2;
        /** An offset in the pool takes the low bits of a sorted long, the key the 35 above. */
        private static final int OFFSET_BITS = 29;
        private static final int OFFSET = (1 << OFFSET_BITS) - 1;
        private byte[][] chunks = new byte[8][];
        private int chunkCount;
        private int used = CHUNK; // in the last chunk: full, so that the first token starts one
        private int count;
        private IntList customerStart = new IntList(); // the offset of each customer's first token
        private IntList customerPosition = new IntList();

        /**
         * Adds the tokens of one customer's search text (each after {@link SearchTokens#SEPARATOR};
         * anything before the first separator and empty tokens are no tokens) at list position
         * {@code position}. The text holds each token once, as {@link SearchTokens#text} makes it.
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
                        if ((long) (chunkCount + 1) << CHUNK_BITS > 1L << OFFSET_BITS) {
                            throw new IllegalStateException("More search tokens than the index holds (512 MB)");
                        }
                        if (chunkCount == chunks.length) {
                            chunks = Arrays.copyOf(chunks, chunkCount * 2);
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
         * As {@link #build(long[], BitSet)}, sorting by {@code digitBytes} bytes at a time (1 to 4:
         * tests try fewer, for more levels). Once: it lets go of the pool.
         */
        Snapshot build(long[] idAt, BitSet archived, int digitBytes) {
            if (digitBytes < 1 || digitBytes > 4) {
                throw new IllegalArgumentException("digits of " + digitBytes + " bytes");
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
                    order[k++] = c << CHUNK_BITS | at;
                    at += HEADER + length;
                }
            }
            BitSet first = new BitSet(n); // where each distinct token begins among the sorted
            if (n > 0) {
                first.set(0);
                sort(order, 0, n, 0, digitBytes, first);
            }
            int tokens = first.cardinality();
            int bytes = 0;
            for (int r = first.nextSetBit(0); r >= 0; r = first.nextSetBit(r + 1)) {
                bytes += lengthAt((int) order[r] & OFFSET);
            }
            byte[] text = new byte[bytes];
            int[] textStart = new int[tokens + 1];
            int[] start = new int[tokens + 1];
            int t = 0;
            int at = 0;
            for (int r = first.nextSetBit(0); r >= 0; r = first.nextSetBit(r + 1)) {
                int occurrence = (int) order[r] & OFFSET;
                int length = lengthAt(occurrence);
                textStart[t] = at;
                start[t] = r;
                System.arraycopy(chunks[occurrence >>> CHUNK_BITS], (occurrence & CHUNK - 1) + HEADER, text, at, length);
                t++;
                at += length;
            }
            textStart[tokens] = bytes;
            start[tokens] = n;
            chunks = null;
            int[] postings = new int[n];
            for (int r = 0; r < n; r++) {
                postings[r] = positionOf((int) order[r] & OFFSET);
            }
            customerStart = null;
            customerPosition = null;
            return new Snapshot(-1, text, textStart, start, postings, idAt, archived);
        }

        /**
         * Sorts {@code order[from, to)}, occurrences whose tokens have the same first {@code skip}
         * bytes and go on after them, by the rest of their tokens, and marks in {@code first}
         * where a distinct token begins (but at {@code from}: the caller knows).
         */
        private void sort(long[] order, int from, int to, int skip, int digitBytes, BitSet first) {
            for (int r = from; r < to; r++) {
                int occurrence = (int) order[r] & OFFSET;
                order[r] = (digit(occurrence, skip, digitBytes) << OFFSET_BITS | occurrence) ^ Long.MIN_VALUE;
            }
            Arrays.sort(order, from, to);
            for (int i = from; i < to; ) {
                int j = i + 1;
                while (j < to && (order[j] ^ order[i]) >>> OFFSET_BITS == 0) {
                    j++;
                }
                if (i > from) {
                    first.set(i);
                }
                boolean goesOn = ((order[i] ^ Long.MIN_VALUE) >>> OFFSET_BITS & 7) > digitBytes;
                if (j - i > 1 && goesOn) {
                    sort(order, i, j, skip + digitBytes, digitBytes, first);
                }
                i = j; // a run that ends here is one token, many times
            }
        }

        /**
         * The 35-bit key of the token at {@code offset} after its first {@code skip} bytes: the next
         * {@code digitBytes} bytes (0 past its end) in the top 32 bits, and below them how many of
         * those bytes it has, or {@code digitBytes + 1} when it goes on after them; so that the keys
         * order as the tokens do, a token before the longer ones it starts.
         */
        private long digit(int offset, int skip, int digitBytes) {
            byte[] chunk = chunks[offset >>> CHUNK_BITS];
            int at = (offset & CHUNK - 1) + HEADER + skip;
            int left = lengthAt(offset) - skip;
            long bytes = 0;
            for (int b = 0; b < 4; b++) {
                bytes = bytes << 8 | (b < digitBytes && b < left ? chunk[at + b] & 0xFF : 0);
            }
            return bytes << 3 | (left > digitBytes ? digitBytes + 1 : left);
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
