package app.regulars.app;

import app.regulars.customer.Customer;
import app.regulars.membership.Purchase;
import app.regulars.store.Database;
import app.regulars.store.Password;
import app.regulars.store.ShopArchive;
import app.regulars.store.StoreCopy;
import app.regulars.testing.Cli;
import app.regulars.testing.SampleStores;
import app.regulars.testing.TestPostgres;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code store copy} (issue 17 item 6, decision 0032): a file into an empty database of the tests'
 * PostgreSQL server and a server's store back into a new file, through the command line as a user runs
 * it; all or nothing when the target is not empty, when the counts differ, and when the copy fails
 * or its connection is cut half-way.
 */
class StoreCopyTest {
    @TempDir
    static Path base;
    /** The sample shop with its story (300 customers, purchases, follow-ups, surveys) and the known customers. */
    static Path shop;

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void fill() {
        shop = SampleStores.fill(base.resolve("shop"), true);
        try (AppContext ctx = TestStores.open(shop)) {
            TestStores.addKnownCustomers(ctx.customers());
            ctx.settings().put("ui.language", "zh-CN");
        }
    }

    int run(Path data, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.run(data, Locale.ENGLISH, Map.of(app.regulars.app.cli.RegularsCommand.DB_PASSWORD_ENV, TestPostgres.PASSWORD), out, err, args);
    }

    /** The address as a user types it. */
    static String url(String database) {
        return "postgresql://127.0.0.1:" + TestPostgres.get().port() + "/" + database;
    }

    /** The address as the messages show it. */
    static String shown(String database) {
        return TestPostgres.get().address(database).toString();
    }

    AppContext server(String database) {
        return AppContext.open(TestPostgres.get().address(database), Password.of(TestPostgres.PASSWORD), dir.resolve("log"),
                TestStores.CLOCK, Locale.ENGLISH);
    }

    /** Every entry of {@code export all} of the store {@code args} select, as text. */
    Map<String, String> exported(Path data, String... args) throws IOException {
        Path zip = dir.resolve("export-" + System.nanoTime() + ".zip");
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("export", "all", "--out", zip.toString()));
        assertThat(run(data, all.toArray(String[]::new))).as(err.toString()).isZero();
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void aFileGoesToAnEmptyServerAndBackToANewFileWithEveryTableEqual() throws IOException {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        Map<String, String> before = exported(data);
        String database = TestPostgres.get().emptyDatabase(); // not even the schema: the copy makes it
        try {
            assertThat(run(data, "store", "copy", "--to", url(database))).as(err.toString()).isZero();
            String said = out.toString();
            assertThat(said).contains("Copying the store " + data.toAbsolutePath()).contains("to " + shown(database))
                    .contains("  customers: 304 rows").containsPattern("  purchases: [0-9,]+ rows")
                    .containsPattern("Copied the store .*: \\d+ tables, [0-9,]+ rows, in [0-9.]+ s; each table's rows were counted in both.");
            assertThat(exported(data, "--db-url", url(database))).isEqualTo(before);

            Path back = dir.resolve("back");
            assertThat(run(dir.resolve("log"), "--db-url", url(database), "store", "copy", "--to-file", back.toString()))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("Copied the store " + shown(database) + " to " + back.toAbsolutePath());
            assertThat(back.resolve(Database.FILE_NAME + ".mv.db")).exists();
            assertThat(back.resolve(StoreCopies.COPYING)).doesNotExist();
            assertThat(exported(back)).isEqualTo(before);

            // the copies work on: search finds by pinyin, the next card number and purchase go on from the source's
            try (AppContext onServer = server(database); AppContext inFile = TestStores.open(back); AppContext source = TestStores.open(data)) {
                for (AppContext ctx : java.util.List.of(onServer, inFile)) {
                    assertThat(ctx.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true))
                            .containsExactly(source.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true));
                }
                Customer a = source.customers().save(Customer.builder().name("New Here").phones("138 0000 1234").build());
                Customer b = onServer.customers().save(Customer.builder().name("New Here").phones("138 0000 1234").build());
                Customer c = inFile.customers().save(Customer.builder().name("New Here").phones("138 0000 1234").build());
                assertThat(b.code()).isEqualTo(a.code());
                assertThat(c.code()).isEqualTo(a.code());
                assertThat(b.id()).isEqualTo(a.id());
                Purchase p = source.membership().recordPurchase(a.id(), TestStores.TODAY.atTime(11, 0), new BigDecimal("10.00"), null);
                assertThat(onServer.membership().recordPurchase(b.id(), TestStores.TODAY.atTime(11, 0), new BigDecimal("10.00"), null).id())
                        .isEqualTo(p.id());
                assertThat(inFile.membership().recordPurchase(c.id(), TestStores.TODAY.atTime(11, 0), new BigDecimal("10.00"), null).id())
                        .isEqualTo(p.id());
            }
        } finally {
            TestPostgres.get().drop(database);
        }
    }

    /** {@code import all} fills an empty server (through the copy), and is refused by one that is not empty. */
    @Test
    void importAllFillsAnEmptyServer() throws IOException {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        Map<String, String> before = exported(data);
        Path zip = dir.resolve("shop.zip");
        assertThat(run(data, "export", "all", "--out", zip.toString())).as(err.toString()).isZero();
        String database = TestPostgres.get().emptyDatabase();
        Path local = dir.resolve("local");
        try {
            assertThat(run(local, "--db-url", url(database), "import", "all", zip.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Imported everything from " + zip.toAbsolutePath() + ": 304 customers");
            assertThat(local.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
            assertThat(exported(local, "--db-url", url(database))).isEqualTo(before);
            try (AppContext ctx = server(database); AppContext source = TestStores.open(data)) {
                assertThat(ctx.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true)).isNotEmpty()
                        .containsExactly(source.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true));
            }
            assertThat(run(local, "--db-url", url(database), "import", "all", zip.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("The data in " + shown(database) + " is not empty");
            try (AppContext ctx = server(database)) {
                assertThat(ctx.customers().countAll()).isEqualTo(304);
            }
        } finally {
            TestPostgres.get().drop(database);
        }
    }

    @Test
    void aServerThatHoldsCustomersIsRefusedAndKeptAsItWas() {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        String database = TestPostgres.get().newDatabase();
        try {
            try (AppContext ctx = server(database)) {
                ctx.customers().save(Customer.builder().name("Already There").phones("139 1111 2222").build());
            }
            assertThat(run(data, "store", "copy", "--to", url(database))).isEqualTo(1);
            assertThat(err.toString()).contains("The store " + shown(database) + " is not empty: it holds 2 records (customers 1, customer_phones 1)")
                    .contains("Nothing was copied: " + shown(database) + " is as it was.");
            try (AppContext ctx = server(database)) {
                assertThat(ctx.customers().countAll()).isEqualTo(1);
                assertThat(ctx.services().get(ShopArchive.class).records()).containsOnly(Map.entry("customers", 1L), Map.entry("customer_phones", 1L));
            }
        } finally {
            TestPostgres.get().drop(database);
        }
    }

    @Test
    void aFolderThatHoldsADataFileIsRefusedAndKeptAsItWas() throws IOException {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        Path other = SampleStores.copy(shop, dir.resolve("other"));
        byte[] was = Files.readAllBytes(other.resolve(Database.FILE_NAME + ".mv.db"));
        assertThat(run(data, "store", "copy", "--to-file", other.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("The folder " + other.toAbsolutePath() + " already holds a data file.");
        assertThat(Files.readAllBytes(other.resolve(Database.FILE_NAME + ".mv.db"))).isEqualTo(was);
        assertThat(run(data, "store", "copy", "--to-file", data.toString())).isEqualTo(1); // itself
        assertThat(run(data, "store", "copy")).isEqualTo(2); // where to: a usage error
        assertThat(err.toString()).contains("Usage: regulars store copy");
        assertThat(run(data, "store", "copy", "--to", "postgresql://127.0.0.1/x", "--to-file", other.toString())).isEqualTo(2);
        assertThat(Files.readAllBytes(other.resolve(Database.FILE_NAME + ".mv.db"))).isEqualTo(was);
    }

    /** A server that takes the rows of one table but keeps only some (a trigger drops them): the counts catch it. */
    @Test
    void rowsTheServerDidNotKeepAreFoundByTheCountsAndNothingIsCopied() {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        String database = TestPostgres.get().newDatabase();
        try {
            TestPostgres.get().sql(database, "CREATE FUNCTION drop_some() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.id % 7 = 0 THEN RETURN NULL; END IF; RETURN NEW; END $$");
            TestPostgres.get().sql(database, "CREATE TRIGGER drop_some BEFORE INSERT ON purchase FOR EACH ROW EXECUTE FUNCTION drop_some()");
            assertThat(run(data, "store", "copy", "--to", url(database))).isEqualTo(1);
            assertThat(err.toString()).containsPattern("The copy of purchases was not whole: [0-9,]+ rows in the source, [0-9,]+ in the copy.")
                    .contains("Nothing was copied");
            assertEmpty(database);
        } finally {
            TestPostgres.get().drop(database);
        }
    }

    /** A copy that fails half-way (a table after the customers refused by the server): the server is as it was. */
    @Test
    void aFailureHalfWayLeavesTheServerEmpty() {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        String database = TestPostgres.get().newDatabase();
        try {
            TestPostgres.get().sql(database, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " RAISE EXCEPTION 'injected store error'; END $$");
            TestPostgres.get().sql(database, "CREATE TRIGGER refuse BEFORE INSERT ON follow_up FOR EACH ROW EXECUTE FUNCTION refuse()");
            assertThat(run(data, "store", "copy", "--to", url(database))).isEqualTo(1);
            assertThat(out.toString()).contains("  customers: 304 rows"); // it was half-way
            assertThat(err.toString()).contains("Nothing was copied: " + shown(database) + " is as it was.");
            assertEmpty(database);
        } finally {
            TestPostgres.get().drop(database);
        }
    }

    /** The connection to the server cut in the middle of the copy (as a killed process's is): nothing of it stays. */
    @Test
    void aConnectionCutHalfWayLeavesTheServerEmpty() {
        String database = TestPostgres.get().newDatabase();
        try (AppContext source = TestStores.open(SampleStores.copy(shop, dir.resolve("shop")))) {
            try (AppContext target = server(database)) {
                StoreCopy.Listener cut = (table, rows) -> {
                    if (table.file().equals("customer_tags")) {
                        TestPostgres.get().sql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                + database + "' AND pid <> pg_backend_pid()");
                    }
                };
                assertThatThrownBy(() -> StoreCopies.toServer(source, target, cut, () -> false)).isInstanceOf(RuntimeException.class);
            }
            assertEmpty(database);
            // and the copy made again then goes through
            try (AppContext target = server(database)) {
                StoreCopy.Copied copied = StoreCopies.toServer(source, target, StoreCopy.Listener.NONE, () -> false);
                assertThat(copied.rows()).containsEntry("customers", 304L);
                assertThat(target.customers().countAll()).isEqualTo(304);
            }
        } finally {
            TestPostgres.get().drop(database);
        }
    }

    /** A cancel half-way, into a file: no data file in the folder, nor the store that was being made. */
    @Test
    void aCopyIntoAFileStoppedHalfWayLeavesNoDataFile() {
        Path back = dir.resolve("back");
        try (AppContext source = TestStores.open(SampleStores.copy(shop, dir.resolve("shop")))) {
            boolean[] stop = {false};
            StoreCopy.Listener half = (table, rows) -> stop[0] |= table.file().equals("purchases");
            assertThatThrownBy(() -> StoreCopies.toFile(source, back, TestStores.CLOCK, half, () -> stop[0]))
                    .hasMessageContaining("common.cancelled");
        }
        assertThat(back.resolve(Database.FILE_NAME + ".mv.db")).doesNotExist();
        assertThat(back.resolve(StoreCopies.COPYING)).doesNotExist();
    }

    /** What a killed copy left in a folder (its half-made store) is deleted when Regulars opens the folder. */
    @Test
    void aHalfMadeCopyLeftByAKilledProcessIsDeletedWhenTheFolderOpens() throws IOException {
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder.resolve(StoreCopies.COPYING));
        Files.writeString(folder.resolve(StoreCopies.COPYING).resolve(Database.FILE_NAME + ".mv.db"), "half");
        try (AppContext ctx = AppContext.open(folder, TestStores.CLOCK, Locale.ENGLISH)) {
            assertThat(ctx.customers().countAll()).isZero();
        }
        assertThat(folder.resolve(StoreCopies.COPYING)).doesNotExist();
    }

    void assertEmpty(String database) {
        try (AppContext ctx = server(database)) {
            assertThat(ctx.services().get(ShopArchive.class).records()).isEmpty();
            assertThat(ctx.customers().countAll()).isZero();
        }
    }

}
