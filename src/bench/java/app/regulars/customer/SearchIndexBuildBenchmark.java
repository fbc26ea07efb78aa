package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.store.Database;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The search index's build (decision 0018) next to the build it replaces, on the same store in
 * the same run: the new one reads every customer's search text in any order and sorts
 * the token occurrences in memory ({@link SearchIndex.Occurrences}); the old one read the
 * token table of schema 7 in token order ({@code ORDER BY token, customer_id}, its primary key)
 * and only appended. For the old one the store gets that table back, filled from the texts.
 *
 * <p>Each build runs in a child JVM with the window's options (jvm.options: {@code -Xmx320m},
 * the serial collector, the quick compiler, compact headers), twice in a row (the first as
 * after the program starts, the second with H2's cache warm), printing the time (and the first
 * build's CPU time on its thread: H2 runs in it, the collector does not), the bytes the
 * building thread allocated, the most heap in use while it ran (sampled every millisecond,
 * garbage included) and the snapshot's size (and, as "read", the new build's reading alone: the
 * list order and the search texts, H2's part of its time); then, per build, the smallest {@code -Xmx} in
 * which it completes (a binary search over child JVMs: the build's peak of live data, with
 * everything else the child holds). Both builds must give the same snapshot (a checksum).
 *
 * <pre>
 * ./mvnw -B -o -Pbench-start test-compile -DskipTests
 * java -cp target/classes:target/test-classes:$(cat cp.txt) app.regulars.customer.SearchIndexBuildBenchmark \
 *     --customers 100000 [--keep DIR] [--rounds 3]
 * </pre>
 * (with {@code ./mvnw -B -o dependency:build-classpath -Dmdep.outputFile=cp.txt} for the class
 * path). With {@code --keep DIR} the store is made once in DIR and reused.
 */
public final class SearchIndexBuildBenchmark {
    private SearchIndexBuildBenchmark() {
    }

    /** The window's JVM options (src/main/resources/app/regulars/app/jvm.options), but the heap limit. */
    private static final List<String> WINDOW_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+UseCompactObjectHeaders");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int customers = 100_000;
        int rounds = 3;
        Path keep = null;
        for (int i = 0; i + 1 < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--keep" -> keep = Path.of(args[i + 1]);
                default -> { }
            }
        }
        Path dir = keep != null ? keep : Files.createTempDirectory("regulars-bench-index");
        System.out.printf(Locale.ROOT, "search index build: %,d customers; %d cores, load average %.1f%n", customers,
                Runtime.getRuntime().availableProcessors(), load());
        if (!Files.exists(dir.resolve(Database.FILE_NAME + ".mv.db"))) {
            long t0 = System.nanoTime();
            try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
                new SampleShop(42, java.time.LocalDate.now()).fill(ctx.customers(), customers, n -> { }, () -> false);
            }
            System.out.printf(Locale.ROOT, "store made in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            long rows = oldTokenTable(dir);
            System.out.printf(Locale.ROOT, "the old token table (schema 7) filled from the search texts: %,d rows in %.1f s%n", rows,
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%nin a child JVM with -Xmx320m and the window's options, %d rounds:%n", rounds);
        System.out.printf(Locale.ROOT, "%-6s %5s %10s %10s %12s %14s %10s %10s %10s %s%n", "build", "round", "first ms", "CPU ms",
                "second ms", "allocated MB", "heap MB", "tokens", "postings", "checksum");
        for (int r = 1; r <= rounds; r++) {
            for (String mode : List.of("old", "new", "read")) {
                Child c = run(mode, dir, 320);
                if (!c.ok) {
                    throw new IllegalStateException(mode + " build failed: " + c.output);
                }
                System.out.printf(Locale.ROOT, "%-6s %5d %s%n", mode, r, c.figures);
            }
        }
        System.out.printf(Locale.ROOT, "%nthe smallest -Xmx (MB) in which the build completes:%n");
        for (String mode : List.of("old", "new")) {
            int lo = 8;   // fails (assumed)
            int hi = 320; // completes (checked above)
            while (hi - lo > 4) {
                int mid = (lo + hi) / 2;
                if (run(mode, dir, mid).ok) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            System.out.printf(Locale.ROOT, "%-6s %d (fails at %d)%n", mode, hi, lo);
        }
        System.out.printf(Locale.ROOT, "load average at the end %.1f%n", load());
        if (keep == null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Child(boolean ok, String figures, String output) {
    }

    private static Child run(String mode, Path dir, int heapMb) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heapMb + "m");
        cmd.addAll(WINDOW_OPTIONS);
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SearchIndexBuildBenchmark.class.getName());
        cmd.addAll(List.of("--child", mode, dir.toString(), heapMb == 320 ? "2" : "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        String figures = out.lines().filter(l -> l.startsWith("figures ")).map(l -> l.substring(8)).findFirst().orElse("");
        return new Child(code == 0 && !figures.isEmpty(), figures, out);
    }

    /** The table V001 made and V008 dropped, with its key and index, filled from the customers' search texts. */
    private static long oldTokenTable(Path dir) throws Exception {
        try (Connection c = open(dir); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS customer_search_token");
            s.execute("CREATE TABLE customer_search_token (token VARCHAR(200) NOT NULL, customer_id BIGINT NOT NULL, "
                    + "CONSTRAINT pk_customer_search_token PRIMARY KEY (token, customer_id), "
                    + "CONSTRAINT fk_customer_search_token_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE)");
            s.execute("CREATE INDEX ix_customer_search_token_customer ON customer_search_token (customer_id)");
            c.setAutoCommit(false);
            long rows = 0;
            List<long[]> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT customer_id, search_text FROM customer_search")) {
                while (r.next()) {
                    ids.add(new long[] {r.getLong(1)});
                    texts.add(r.getString(2));
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO customer_search_token (token, customer_id) VALUES (?, ?)")) {
                for (int i = 0; i < texts.size(); i++) {
                    String text = texts.get(i);
                    for (String token : text.substring(Math.min(1, text.length())).split(String.valueOf(SearchTokens.SEPARATOR))) {
                        if (!token.isEmpty()) {
                            insert.setString(1, token);
                            insert.setLong(2, ids.get(i)[0]);
                            insert.addBatch();
                            rows++;
                        }
                    }
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                    if (i % 20000 == 19999) {
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            s.execute("CHECKPOINT SYNC");
            return rows;
        }
    }

    private static Connection open(Path dir) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath()
                + ";FILE_LOCK=FS;AUTO_SERVER=FALSE", "regulars", "");
    }

    // ---- in the child JVM ----

    private static void child(String mode, Path dir, int builds) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder figures = new StringBuilder();
        try (Connection c = open(dir)) {
            DSLContext dsl = DSL.using(c, SQLDialect.H2);
            CustomerRepository repository = new CustomerRepository();
            SearchIndex.Snapshot s = null;
            double[] ms = new double[builds];
            double cpuMs = 0;
            long allocated = 0;
            long heapPeak = 0;
            for (int b = 0; b < builds; b++) {
                s = null;
                System.gc();
                AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                s = switch (mode) {
                    case "old" -> oldRead(repository, dsl);
                    case "read" -> readOnly(repository, dsl);
                    default -> SearchIndex.read(repository, dsl);
                };
                ms[b] = (System.nanoTime() - t0) / 1e6;
                long c1 = threads.getCurrentThreadCpuTime();
                long a1 = threads.getCurrentThreadAllocatedBytes();
                sampler.interrupt();
                sampler.join();
                if (b == 0) {
                    cpuMs = (c1 - c0) / 1e6;
                    allocated = a1 - a0;
                    heapPeak = peak.get();
                }
            }
            figures.append(String.format(Locale.ROOT, "%10.0f %10.0f %12s %14.0f %10.0f %10d %10d %016x (snapshot %.1f MB)",
                    ms[0], cpuMs, builds > 1 ? String.format(Locale.ROOT, "%.0f", ms[1]) : "-", allocated / 1e6, heapPeak / 1e6,
                    s.tokens(), s.postings(), checksum(s), s.bytes() / 1e6));
        }
        System.out.println("figures " + figures);
    }

    /**
     * What the new build reads, without building: the list order and every search text (the
     * part of its time that is H2's); an empty snapshot.
     */
    private static SearchIndex.Snapshot readOnly(CustomerRepository repository, DSLContext dsl) {
        long[] count = new long[2];
        repository.forEachInListOrder(dsl, (archived, id, sortName) -> count[0]++);
        repository.forEachSearchText(dsl, (id, text) -> count[1] += text.length());
        return new SearchIndex.Snapshot(-1, new byte[0], new int[] {0}, new int[] {0}, new int[0], new long[0], new BitSet());
    }

    /** Every token and, in any order, its customers. */
    private static long checksum(SearchIndex.Snapshot s) {
        long h = 0;
        for (int i = 0; i < s.tokens(); i++) {
            long[] ids = s.customers(i).stream().mapToLong(Long::longValue).sorted().toArray();
            h = h * 1_000_003 + s.token(i).hashCode();
            h = h * 31 + Arrays.hashCode(ids);
        }
        return h;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // ---- the build before decision 0018, as it was (SearchIndex.read and SearchIndex.Builder at 575cba7) ----

    /** Reads the store into a snapshot: ids in list order, then the tokens in token order from the token table. */
    static SearchIndex.Snapshot oldRead(CustomerRepository repository, DSLContext dsl) throws Exception {
        LongList ids = new LongList();
        BitSet archived = new BitSet();
        repository.forEachInListOrder(dsl, (isArchived, id, sortName) -> {
            if (isArchived) {
                archived.set(ids.size);
            }
            ids.add(id);
        });
        long[] idAt = Arrays.copyOf(ids.values, ids.size);
        long[] sorted = new long[idAt.length];
        for (int i = 0; i < idAt.length; i++) {
            sorted[i] = idAt[i] << 24 | i;
        }
        Arrays.sort(sorted);
        OldBuilder b = new OldBuilder();
        try (ResultSet rows = dsl.resultQuery("SELECT token, customer_id FROM customer_search_token ORDER BY token, customer_id")
                .fetchSize(5000).fetchResultSet()) {
            while (rows.next()) {
                String token = rows.getString(1);
                long id = rows.getLong(2);
                int k = Arrays.binarySearch(sorted, id << 24);
                k = k < 0 ? -k - 1 : k;
                if (k < sorted.length && sorted[k] >>> 24 == id) {
                    b.add(token, (int) (sorted[k] & 0xFFFFFF));
                }
            }
        }
        return b.build(idAt, archived);
    }

    private static final class OldBuilder {
        private byte[] text = new byte[1 << 16];
        private int textSize;
        private final IntList textStart = new IntList();
        private final IntList start = new IntList();
        private final IntList postings = new IntList();
        private String last;

        void add(String token, int position) {
            if (!token.equals(last)) {
                textStart.add(textSize);
                start.add(postings.size);
                for (int i = 0; i < token.length(); i++) { // SearchIndex.encode, into the growing array
                    char c = token.charAt(i);
                    if (c < 0x80) {
                        addByte((byte) c);
                    } else {
                        addByte((byte) (0x80 | c >> 12));
                        addByte((byte) (c >> 6 & 0x3F));
                        addByte((byte) (c & 0x3F));
                    }
                }
                last = token;
            }
            postings.add(position);
        }

        private void addByte(byte v) {
            if (textSize == text.length) {
                text = Arrays.copyOf(text, textSize * 2);
            }
            text[textSize++] = v;
        }

        SearchIndex.Snapshot build(long[] idAt, BitSet archived) {
            textStart.add(textSize);
            start.add(postings.size);
            return new SearchIndex.Snapshot(-1, Arrays.copyOf(text, textSize), textStart.toArray(), start.toArray(), postings.toArray(),
                    idAt, archived);
        }
    }

    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
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
    }
}
