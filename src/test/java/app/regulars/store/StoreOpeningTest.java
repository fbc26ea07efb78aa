package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static app.regulars.store.jooq.Tables.APP_SETTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening a data folder that cannot be used ends in a clear message, and changes nothing. */
class StoreOpeningTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFolderOpenInAnotherProcessIsReportedAsLocked(@TempDir Path dir) throws Exception {
        try (AppContext ctx = AppContext.open(dir)) {
            ctx.customers().save(Customer.builder().name("王小明").phones("13812345678").build());
        }
        Process other = ChildStore.start("hold", dir);
        try {
            assertThat(ChildStore.opened(other)).as("the child opened the store").isTrue();

            assertThatThrownBy(() -> Database.open(dir))
                    .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("store.error.locked"));
        } finally {
            other.getOutputStream().close(); // the child closes the store cleanly and exits
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        try (AppContext ctx = AppContext.open(dir)) {
            assertThat(ctx.customers().countAll()).isEqualTo(1);
            assertThat(ctx.customers().byCode("000001").orElseThrow().name()).isEqualTo("王小明");
        }
    }

    /**
     * The window's close backs the data up first (up to a minute at 100,000 customers) and only
     * then lets the folder go: a Regulars started again meanwhile waits for it and opens the data,
     * instead of saying the folder is open in another window that is no longer on the screen.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRegularsOpenedWhileAnotherClosesWithItsBackupWaitsForItAndOpens(@TempDir Path dir) throws Exception {
        Process other = ChildStore.start("closeWithBackup", dir, "2000");
        try {
            assertThat(ChildStore.opened(other)).as("the child opened the store").isTrue();

            other.getOutputStream().close(); // the child closes: its backup at close, then the folder goes
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Database.closingElsewhere(dir) && other.isAlive() && System.nanoTime() < giveUp) {
                Thread.sleep(2);
            }
            assertThat(Database.closingElsewhere(dir)).as("the closing child has marked the folder").isTrue();
            try (AppContext ctx = AppContext.open(dir)) {
                assertThat(ctx.customers().countAll()).isEqualTo(2000);
                assertThat(Backups.list(Backups.folder(dir)))
                        .as("the child's backup at close was done before the folder was let go")
                        .anySatisfy(b -> {
                            assertThat(b.kind()).isEqualTo(Backups.Kind.CLOSE);
                            assertThat(b.verified()).isTrue();
                        });
            }
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).isZero();
            assertThat(Database.closingElsewhere(dir)).as("no mark is left behind").isFalse();
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    @Test
    void anArrayTooLargeForTheHeapWhileReadingAPageIsDamageAndAnyOtherOutOfMemoryIsNot(@TempDir Path dir) throws Exception {
        try (AppContext ctx = AppContext.open(dir)) {
            ctx.customers().save(Customer.builder().name("王小明").build());
        }
        long size = Files.size(dir.resolve(Database.FILE_NAME + ".mv.db"));
        OutOfMemoryError inPage = new OutOfMemoryError("Java heap space");
        inPage.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.h2.mvstore.FileStore", "readFully", "FileStore.java", 1)});
        java.sql.SQLException h2 = new java.sql.SQLException("Out of memory.", "90108", org.h2.api.ErrorCode.OUT_OF_MEMORY, inPage);
        assertThat(Database.translate(h2, dir, size).key()).isEqualTo("store.error.damaged"); // a flipped length in a page's header

        OutOfMemoryError elsewhere = new OutOfMemoryError("Java heap space");
        elsewhere.setStackTrace(new StackTraceElement[] {new StackTraceElement("app.regulars.customer.SearchIndex", "read", "SearchIndex.java", 1)});
        java.sql.SQLException notH2s = new java.sql.SQLException("Out of memory.", "90108", org.h2.api.ErrorCode.OUT_OF_MEMORY, elsewhere);
        assertThat(Database.translate(notH2s, dir, size).key()).isEqualTo("store.error.open");

        // as H2's open throws it: the stack trace refilled where it caught the error, the page's frames gone
        OutOfMemoryError refilled = new OutOfMemoryError("Java heap space");
        refilled.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.h2.engine.Database", "<init>", "Database.java", 392)});
        java.sql.SQLException opening = new java.sql.SQLException("Out of memory.", "90108", org.h2.api.ErrorCode.OUT_OF_MEMORY, refilled);
        assertThat(Database.translate(opening, dir, size).key()).isEqualTo("store.error.damaged");

        // the JVM's out-of-memory error once its few with a stack trace are used up: while opening, damage
        OutOfMemoryError noTrace = new OutOfMemoryError("Java heap space");
        noTrace.setStackTrace(new StackTraceElement[0]);
        java.sql.SQLException atOpen = new java.sql.SQLException("Out of memory.", "90108", org.h2.api.ErrorCode.OUT_OF_MEMORY, noTrace);
        assertThat(Database.translate(atOpen, dir, size).key()).isEqualTo("store.error.damaged");
    }

    @Test
    void closingLeavesNoTraceFileBesideTheData(@TempDir Path dir) throws Exception {
        try (AppContext ctx = AppContext.open(dir)) {
            ctx.customers().save(Customer.builder().name("王小明").build());
        }
        // H2 wrote "Database is already closed" to regulars.trace.db as the connection that ran SHUTDOWN went back to the pool
        assertThat(dir.resolve(Database.FILE_NAME + ".trace.db")).doesNotExist();
        assertThat(dir.resolve(Database.FILE_NAME + ".mv.db")).exists();
    }

    @Test
    void aGarbageFileIsReportedAsUnreadableAndLeftUntouched(@TempDir Path dir) throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(1).nextBytes(garbage);
        Path file = dir.resolve(Database.FILE_NAME + ".mv.db");
        Files.write(file, garbage);

        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("store.error.unreadable"));
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndLeftUnchanged(@TempDir Path dir) throws Exception {
        try (AppContext ctx = AppContext.open(dir)) {
            ctx.customers().save(Customer.builder().name("Emma Thompson").build());
        }
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "regulars", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                    + " \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'regulars', 1, TRUE)");
        }
        String before = snapshot(url);

        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("store.error.newer"));

        assertThat(snapshot(url)).isEqualTo(before);
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    @Test
    void theNewestMigrationFoundIsTheOneFlywayApplied(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            String applied = db.dsl().fetchValue("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\"").toString();
            assertThat(Database.newestMigration(Database.class.getClassLoader())).hasToString(applied);
        }
    }

    @Test
    void theNewestMigrationIsFoundInAJarToo(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("app.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[]{"db/", "db/migration/", "db/migration/V001__first.sql", "db/migration/V012__twelfth.sql",
                    "db/migration/V002__second.sql", "db/migration/README.md", "db/other/V099__elsewhere.sql"}) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            assertThat(Database.newestMigration(loader)).hasToString("12");
        }
    }

    /** Schema history and customers, as text: what "no change" is compared on. */
    private static String snapshot(String url) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "regulars", ""); Statement s = c.createStatement()) {
            for (String sql : new String[]{
                    "SELECT \"installed_rank\", \"version\", \"script\", \"success\" FROM \"flyway_schema_history\" ORDER BY 1",
                    "SELECT id, code, name, updated_at FROM customer ORDER BY id",
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' ORDER BY 1"}) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            sb.append(rs.getString(i)).append('|');
                        }
                        sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * A file larger than {@link Database#CHECK_IN_FOREGROUND_BYTES} is read page by page in the
     * background, but not while the window's first page is being read: the check waits for the
     * first write (which waits for it in turn) or a few seconds.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLargeFileIsCheckedWhenFirstWrittenNotAsItOpens(@TempDir Path dir) throws Exception {
        largeStore(dir);

        try (Database db = Database.open(dir)) {
            assertThat(checking()).as("a check running right after the open").isFalse();
            assertThat(db.dsl().fetchCount(APP_SETTING)).isGreaterThanOrEqualTo(20_000);
            assertThat(checking()).as("a check running while the store is read").isFalse();
            db.write(cfg -> cfg.dsl().deleteFrom(APP_SETTING).where(APP_SETTING.SETTING_KEY.eq("test.big.0")).execute());
            assertThat(db.dsl().fetchCount(APP_SETTING, APP_SETTING.SETTING_KEY.eq("test.big.0"))).isZero();
        }
    }

    /**
     * A window closed while the large file's check reads it (at 100,000 customers the check starts
     * 15 s after the open, and a close then met it): the check stops without calling the file
     * damaged in the log, and the next open checks it whole.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCloseDuringTheLargeFilesCheckStopsItQuietly(@TempDir Path dir) throws Exception {
        largeStore(dir);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Database.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // the tests' log shows warnings only
        logger.setAdditive(false);
        logger.addAppender(log);
        try {
            Database db = Database.open(dir);
            db.checkFile();
            Thread check = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("regulars-db-check")).findFirst().orElse(null);
            db.close();
            if (check != null) {
                check.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(log.list).as("what the log says of the check").filteredOn(e -> e.getFormattedMessage().startsWith("Integrity of"))
                    .extracting(e -> e.getFormattedMessage())
                    .singleElement().satisfiesAnyOf(
                            m -> assertThat(m).contains("not checked to the end: the store closed"),
                            m -> assertThat(m).contains("every page reads back"));
            assertThat(log.list).as("errors").filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).isEmpty();
            System.out.println("StoreOpeningTest: " + log.list.stream().map(e -> e.getFormattedMessage())
                    .filter(m -> m.startsWith("Integrity of")).toList());
        } finally {
            logger.detachAppender(log);
            logger.setAdditive(true);
            logger.setLevel(level);
        }
        try (Database db = Database.open(dir)) {
            db.write(cfg -> cfg.dsl().deleteFrom(APP_SETTING).where(APP_SETTING.SETTING_KEY.eq("test.big.1")).execute());
            assertThat(db.dsl().fetchCount(APP_SETTING, APP_SETTING.SETTING_KEY.like("test.big.%"))).isEqualTo(19_999);
        }
    }

    /** A store of 20,000 settings of 4,000 random letters: a file over {@link Database#CHECK_IN_FOREGROUND_BYTES}. */
    private static void largeStore(Path dir) {
        Random random = new Random(7);
        try (Database db = Database.open(dir)) {
            db.write(cfg -> {
                for (int i = 0; i < 20_000; i++) {
                    StringBuilder value = new StringBuilder(4_000);
                    random.ints(4_000, 'a', 'z' + 1).forEach(ch -> value.append((char) ch));
                    cfg.dsl().insertInto(APP_SETTING, APP_SETTING.SETTING_KEY, APP_SETTING.SETTING_VALUE).values("test.big." + i, value.toString())
                            .execute();
                }
                return null;
            });
        }
        try {
            assertThat(Files.size(dir.resolve("regulars.mv.db"))).isGreaterThan(Database.CHECK_IN_FOREGROUND_BYTES);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the file's background check is running now. */
    private static boolean checking() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("regulars-db-check") && t.isAlive());
    }
}
