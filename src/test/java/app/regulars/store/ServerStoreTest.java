package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestPostgres;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shared store on a PostgreSQL server (docs/decisions/0030-two-engines.md), on the tests' own
 * server: a new database is migrated and used, and what goes wrong before the data is reached is
 * said in the user's language.
 */
class ServerStoreTest {
    @TempDir
    Path local;

    @Test
    void anEmptyDatabaseIsMigratedToTheNewestSchemaAndKeepsWhatIsSaved() {
        TestPostgres pg = TestPostgres.get();
        String name = pg.emptyDatabase();
        long id;
        try (AppContext ctx = AppContext.open(pg.address(name), Password.of(TestPostgres.PASSWORD), local, TestStores.CLOCK, Locale.ENGLISH)) {
            assertThat(ctx.database().engine()).isEqualTo(Database.Engine.POSTGRESQL);
            assertThat(ctx.database().schemaVersion()).isEqualTo(Database.newestMigration(getClass().getClassLoader()).toString());
            id = ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").email("XiaoMing@Example.com").build()).id();
        }
        try (AppContext ctx = AppContext.open(pg.address(name), Password.of(TestPostgres.PASSWORD), local, TestStores.CLOCK, Locale.ENGLISH)) {
            assertThat(ctx.customers().get(id).orElseThrow().name()).isEqualTo("王小明");
            assertThat(ctx.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true)).containsExactly(id);
            assertThat(ctx.database().dsl().fetchValue("SELECT email_key FROM customer WHERE id = " + id)).isEqualTo("xiaoming@example.com");
        }
        assertThat(local).isEmptyDirectory(); // nothing of the data on this computer
    }
}
