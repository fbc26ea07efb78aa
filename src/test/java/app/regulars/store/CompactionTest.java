package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data file comes back to its live size when the store closes after a bulk load, keeping
 * every row; a small file is left alone; a compaction whose check fails leaves the old file.
 * Size with {@code -Dregulars.compaction.customers=N} (default 20,000).
 */
class CompactionTest {
    private static final int CUSTOMERS = Integer.getInteger("regulars.compaction.customers", 20_000);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aBulkLoadedFileIsCompactedToItsLiveSizeWhenTheStoreClosesAndKeepsEveryRow(@TempDir Path dir) throws Exception {
        Compaction.Size loaded;
        Map<String, Compaction.TableSum> before;
        Customer wang;
        List<Compaction.Progress> steps = new ArrayList<>();
        try (AppContext ctx = TestStores.open(dir)) {
            new SampleShop(3L, ctx.customers().today()).fill(ctx.customers(), CUSTOMERS, k -> { }, () -> false);
            // Since decision 0029 a load into an empty store leaves the file near its live size (its indexes are
            // made once, after it); many saves, each of them new pages while H2 keeps the old ones, grow it.
            for (int k = 0; k < 60; k++) {
                int part = k;
                ctx.database().write(cfg -> cfg.dsl().execute(
                        "UPDATE customer SET notes = CONCAT('visit ', ?, ' ', id) WHERE MOD(id, 60) = ?", part, part));
            }
            wang = ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").email("xiaoming@example.com")
                    .tags("VIP", "茶友").address("杭州市西湖区文三路 88 号").notes("每周六下午来").build());
            loaded = ctx.database().size();
            before = sums(ctx.database());
            ctx.database().onCompaction(steps::add);
        }
        System.out.printf("%,d customers: file %,d bytes after the load, %,d live; %,d after closing (%s)%n", CUSTOMERS,
                loaded.fileBytes(), loaded.liveBytes(), Files.size(file(dir)), steps.getLast().elapsed());
        assertThat(loaded.ratio()).as("the bulk load left the file larger than 1.5 x its live size (%s): else this test shows nothing", loaded)
                .isGreaterThan(Compaction.MAX_RATIO);
        assertThat(steps).extracting(Compaction.Progress::step).containsExactly(
                Compaction.Step.STARTED, Compaction.Step.COPIED, Compaction.Step.SWAPPED, Compaction.Step.VERIFIED, Compaction.Step.DONE);
        assertThat(Files.size(file(dir))).as("the file after closing, against the live size before").isLessThanOrEqualTo((long) (1.5 * loaded.liveBytes()));
        assertThat(names(dir)).as("nothing left beside the data file").contains("regulars.mv.db")
                .doesNotContain(Compaction.COPYING + ".mv.db", Compaction.COPIED + ".mv.db", Compaction.OLD + ".mv.db", FolderLock.CLOSING);

        List<Compaction.Progress> again = new ArrayList<>();
        try (AppContext ctx = TestStores.open(dir)) {
            Compaction.Size reopened = ctx.database().size();
            assertThat(reopened.fileBytes()).as("file against live, reopened: %s", reopened).isLessThanOrEqualTo((long) (1.5 * reopened.liveBytes()));
            assertThat(sums(ctx.database())).as("every table's row count and checksum").isEqualTo(before);
            assertThat(ctx.customers().byCode(wang.code())).contains(wang);
            assertThat(ctx.customers().countAll()).isEqualTo(CUSTOMERS + 1);
            Customer added = ctx.customers().save(Customer.builder().name("李娜").phones("13900001111").build());
            assertThat(ctx.customers().byCode(added.code())).contains(added);
            ctx.database().onCompaction(again::add);
        }
        assertThat(again).as("a compact file is not compacted again").isEmpty();
    }

    @Test
    void aSmallFileIsLeftAlone(@TempDir Path dir) throws Exception {
        List<Compaction.Progress> steps = new ArrayList<>();
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            assertThat(ctx.database().size().worthCompacting()).isFalse();
            ctx.database().onCompaction(steps::add);
        }
        assertThat(steps).isEmpty();
        try (AppContext ctx = TestStores.open(dir)) {
            assertThat(ctx.customers().countAll()).isEqualTo(4);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aCompactionWhoseCheckFailsPutsTheOldFileBack(@TempDir Path dir) throws Exception {
        Map<String, Compaction.TableSum> before;
        Compaction.Plan plan;
        try (AppContext ctx = TestStores.open(dir)) {
            new SampleShop(5L, ctx.customers().today()).fill(ctx.customers(), 3_000, k -> { }, () -> false);
            before = sums(ctx.database());
            Map<String, Long> rows = new java.util.TreeMap<>(ctx.database().dsl().connectionResult(Compaction::rows));
            rows.merge("\"PUBLIC\".\"CUSTOMER\"", 1L, Long::sum); // one customer more than the file holds
            plan = new Compaction.Plan(ctx.database().size(), rows);
            ctx.database().compactOnClose(false);
        }
        String oldFile = digest(file(dir));
        List<Compaction.Progress> steps = new ArrayList<>();

        assertThat(Compaction.compact(dir, plan, null, steps::add)).isEqualTo(-1);

        assertThat(steps).extracting(Compaction.Progress::step).containsExactly(
                Compaction.Step.STARTED, Compaction.Step.COPIED, Compaction.Step.SWAPPED, Compaction.Step.FAILED);
        assertThat(digest(file(dir))).as("the old file, byte for byte").isEqualTo(oldFile);
        assertThat(names(dir)).doesNotContain(Compaction.COPYING + ".mv.db", Compaction.COPIED + ".mv.db", Compaction.OLD + ".mv.db");
        try (AppContext ctx = TestStores.open(dir)) {
            assertThat(sums(ctx.database())).isEqualTo(before);
        }
    }

    /** The one moment no step of the compaction reports: between its two renames, when the store has no file of its name. */
    @Test
    void aStoreKilledBetweenTheTwoRenamesOpensOnItsOldFile(@TempDir Path dir) throws Exception {
        Map<String, Compaction.TableSum> before;
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            before = sums(ctx.database());
        }
        Files.copy(file(dir), dir.resolve(Compaction.COPIED + ".mv.db")); // stands for the new file
        Files.move(file(dir), dir.resolve(Compaction.OLD + ".mv.db"));

        try (AppContext ctx = TestStores.open(dir)) {
            assertThat(sums(ctx.database())).isEqualTo(before);
            assertThat(ctx.customers().countAll()).isEqualTo(4);
        }
        assertThat(names(dir)).doesNotContain(Compaction.COPIED + ".mv.db", Compaction.OLD + ".mv.db");
    }

    static Map<String, Compaction.TableSum> sums(Database db) {
        return db.dsl().connectionResult(Compaction::sums);
    }

    static Path file(Path dir) {
        return dir.resolve(Database.FILE_NAME + ".mv.db");
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    static String digest(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
