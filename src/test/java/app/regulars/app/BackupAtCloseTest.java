package app.regulars.app;

import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.store.Backups;
import app.regulars.store.Database;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's backup at close (decision 0019) keeps what changed since the last backup; what
 * only the day's jobs changed since the day's backup, they make again from it (decision 0041):
 * a session that only looked at the data closes without a second backup of the day.
 */
class BackupAtCloseTest {
    @TempDir
    Path dir;
    private final Messages en = new Messages(Locale.ENGLISH);

    /** A store whose day's jobs have work to do: customers never contacted get their check-ins planned. */
    private void shop() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
        }
    }

    /** One window session: the day's backup, the day's jobs, {@code meanwhile}, the close; the backups after it. */
    private List<Backups.Kind> session(java.util.function.Consumer<AppContext> meanwhile) {
        try (AppContext ctx = TestStores.open(dir)) {
            ctx.automaticBackups(true);
            assertThat(ctx.backUpForTheDay(java.time.Clock.systemDefaultZone())).as("the day's backup (dated today: the close rotates by today)").isPresent();
            long before = ctx.database().writeCount();
            ctx.startOfDay(en);
            assertThat(ctx.database().writeCount()).as("the day's jobs wrote").isGreaterThan(before);
            meanwhile.accept(ctx);
        }
        return Backups.list(Backups.folder(dir)).stream().map(Backups.Backup::kind).toList();
    }

    @Test
    void aSessionWhoseOnlyChangesAreTheDaysJobsClosesWithoutABackup() {
        shop();
        assertThat(session(ctx -> { })).containsExactly(Backups.Kind.DAILY);
    }

    @Test
    void aSaveAfterTheDaysJobsIsBackedUpAtClose() {
        shop();
        // the close's backup, kept as the day's newest automatic one (rotation keeps one a day)
        assertThat(session(ctx -> ctx.customers().save(Customer.builder().name("王小明").phones("13812345678").build())))
                .containsExactly(Backups.Kind.CLOSE);
    }

    /** A write of another thread while the day's jobs run (the user's, at the counter) is not theirs. */
    @Test
    void aWriteOfAnotherThreadWhileTheJobsRunCountsAsTheUsers() throws Exception {
        shop();
        try (AppContext ctx = TestStores.open(dir)) {
            Database db = ctx.database();
            long all = db.writeCount();
            long toBackUp = db.writesToBackUp();
            Thread[] user = new Thread[1];
            db.automatically(() -> {
                ctx.settings().put(app.regulars.store.Settings.THEME, "DARK"); // this thread's: automatic
                user[0] = Thread.ofPlatform().start(() -> ctx.customers().save(Customer.builder().name("Meanwhile").build()));
                try {
                    user[0].join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(db.writeCount() - all).as("every write").isEqualTo(2);
            assertThat(db.writesToBackUp() - toBackUp).as("the other thread's only").isEqualTo(1);
            ctx.settings().put(app.regulars.store.Settings.THEME, "LIGHT"); // after the work: counted again
            assertThat(db.writesToBackUp() - toBackUp).isEqualTo(2);
        }
    }
}
