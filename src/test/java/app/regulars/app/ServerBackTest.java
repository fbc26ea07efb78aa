package app.regulars.app;

import app.regulars.customer.Customer;
import app.regulars.i18n.UserException;
import app.regulars.store.Password;
import app.regulars.store.ServerAddress;
import app.regulars.testing.TestPostgres;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's store stays usable when the server comes back (decision 0034): every connection
 * of the pool cut by the server (as a restart does) costs at most the save under way, said as
 * {@code store.server.lost}; the next ones work on new connections, without reopening the store.
 */
class ServerBackTest {
    @TempDir
    Path local;

    @Test
    void connectionsCutByTheServerAreReplacedAndTheStoreWorksAgain() {
        TestPostgres pg = TestPostgres.get();
        String name = pg.newDatabase();
        ServerAddress address = pg.address(name);
        try (AppContext ctx = AppContext.open(address, Password.of(TestPostgres.PASSWORD), local, TestStores.CLOCK, Locale.ENGLISH)) {
            ctx.customers().save(Customer.builder().name("Anna Berg").build());
            pg.sql(name, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                    + "' AND pid <> pg_backend_pid()");
            int lost = 0;
            for (int i = 0; i < 12; i++) { // more tries than the pool's 8 connections
                try {
                    ctx.customers().save(Customer.builder().name("Ben " + i).build());
                } catch (UserException e) {
                    assertThat(e.key()).isEqualTo("store.server.lost");
                    lost++;
                }
            }
            assertThat(lost).isLessThanOrEqualTo(8);
            assertThat(ctx.customers().countAll()).isEqualTo(1 + 12 - lost);
            ctx.customers().save(Customer.builder().name("Cleo").build());
            assertThat(ctx.customers().countAll()).isEqualTo(2 + 12 - lost);
            System.out.println("MEASURE saves lost after the server cut every connection: " + lost);
        }
    }
}
