package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.app.cli.RegularsCommand;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.Cli;
import app.regulars.testing.TestPostgres;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shared store on a PostgreSQL server (docs/decisions/0030-two-engines.md), on the tests' own
 * server: a new database is migrated and used, the command line reaches it with {@code --db-url}
 * or {@code REGULARS_DB_URL}, and what goes wrong before the data is reached (no server, a wrong
 * password, no such database, a schema from a newer Regulars) is said in English and in Chinese,
 * with nothing changed.
 */
class ServerStoreTest {
    private static final Messages EN = new Messages(Locale.ENGLISH);
    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @TempDir
    Path local;

    private static AppContext open(ServerAddress address, String password, Path local) {
        return AppContext.open(address, Password.of(password), local, TestStores.CLOCK, Locale.ENGLISH);
    }

    @Test
    void anEmptyDatabaseIsMigratedToTheNewestSchemaAndKeepsWhatIsSaved() {
        TestPostgres pg = TestPostgres.get();
        String name = pg.emptyDatabase();
        long id;
        try (AppContext ctx = open(pg.address(name), TestPostgres.PASSWORD, local)) {
            assertThat(ctx.database().engine()).isEqualTo(Database.Engine.POSTGRESQL);
            assertThat(ctx.database().schemaVersion()).isEqualTo(Database.newestMigration(getClass().getClassLoader()).toString());
            id = ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").email("XiaoMing@Example.com").build()).id();
        }
        try (AppContext ctx = open(pg.address(name), TestPostgres.PASSWORD, local)) {
            assertThat(ctx.customers().get(id).orElseThrow().name()).isEqualTo("王小明");
            assertThat(ctx.customers().search("wxm", null, false, CustomerSort.NAME, true)).containsExactly(id);
            // the generated column of V013, in PostgreSQL's form of the step
            assertThat(ctx.database().dsl().fetchValue("SELECT email_key FROM customer WHERE id = " + id)).isEqualTo("xiaoming@example.com");
        }
        assertThat(local).isEmptyDirectory(); // nothing of the data on this computer
    }

    @Test
    void aServerThatCannotBeReachedIsSaidSoInBothLanguages() throws Exception {
        int nobodyListens;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobodyListens = s.getLocalPort();
        }
        ServerAddress address = ServerAddress.parse("postgresql://127.0.0.1:" + nobodyListens + "/shop");
        assertThatThrownBy(() -> open(address, "x", local)).isInstanceOfSatisfying(UserException.class, e -> {
            assertThat(e.key()).isEqualTo("store.server.unreachable");
            assertThat(e.localizedMessage(EN)).isEqualTo("The server regulars@127.0.0.1:" + nobodyListens + "/shop cannot be reached: "
                    + "check that it is running, that this computer is on its network, and the address. Nothing was changed.");
            assertThat(e.localizedMessage(ZH)).startsWith("无法连接服务器 regulars@127.0.0.1:" + nobodyListens + "/shop：");
        });
    }

    @Test
    void aWrongPasswordAndAMissingDatabaseAreEachSaidAndNothingIsCreated() {
        TestPostgres pg = TestPostgres.get();
        String name = pg.emptyDatabase();
        assertThatThrownBy(() -> open(pg.address(name), "not-the-password", local)).isInstanceOfSatisfying(UserException.class, e -> {
            assertThat(e.key()).isEqualTo("store.server.signInRefused");
            assertThat(e.localizedMessage(EN)).startsWith("The server regulars@127.0.0.1:" + pg.port() + "/" + name
                    + " refused to sign in regulars: the password is wrong");
            assertThat(e.localizedMessage(ZH)).startsWith("服务器 regulars@127.0.0.1:" + pg.port() + "/" + name + " 拒绝了 regulars 的登录：密码错误");
        });
        assertThatThrownBy(() -> open(pg.address(name), "", local)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isIn("store.server.signInRefused", "store.server.passwordNeeded");
        assertThatThrownBy(() -> AppContext.open(pg.address(name), Password.NONE, local, TestStores.CLOCK, Locale.ENGLISH))
                .isInstanceOfSatisfying(UserException.class, e -> {
                    assertThat(e.key()).isEqualTo("store.server.passwordNeeded");
                    assertThat(e.localizedMessage(EN)).contains("asks for a password", "REGULARS_DB_PASSWORD");
                    assertThat(e.localizedMessage(ZH)).contains("需要密码", "REGULARS_DB_PASSWORD");
                });
        // the migration never ran: the database is as empty as it was made
        pg.sql(name, "DO $$ BEGIN IF to_regclass('flyway_schema_history') IS NOT NULL THEN RAISE EXCEPTION 'migrated'; END IF; END $$");

        ServerAddress missing = pg.address("no_such_shop");
        assertThatThrownBy(() -> open(missing, TestPostgres.PASSWORD, local)).isInstanceOfSatisfying(UserException.class, e -> {
            assertThat(e.key()).isEqualTo("store.server.noDatabase");
            assertThat(e.localizedMessage(EN)).startsWith("The server " + missing + " has no database no_such_shop: create it first");
            assertThat(e.localizedMessage(ZH)).startsWith("服务器 " + missing + " 上没有数据库 no_such_shop：");
        });
    }

    @Test
    void aStoreFromANewerRegularsIsRefusedAndLeftAsItWas() {
        TestPostgres pg = TestPostgres.get();
        String name = pg.newDatabase();
        pg.sql(name, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                + " execution_time, success) VALUES (999, '999', 'from a newer Regulars', 'SQL', 'V999__newer.sql', 0, 'regulars', 0, TRUE)");
        pg.sql(name, "CREATE TABLE newer_things (id INT)");
        assertThatThrownBy(() -> open(pg.address(name), TestPostgres.PASSWORD, local)).isInstanceOfSatisfying(UserException.class, e -> {
            assertThat(e.key()).isEqualTo("store.server.newer");
            assertThat(e.localizedMessage(EN)).isEqualTo("The shared store on " + pg.address(name) + " was saved by a newer version of Regulars. "
                    + "Update Regulars on this computer to use it; nothing was changed.");
            assertThat(e.localizedMessage(ZH)).startsWith(pg.address(name) + " 上的共享数据由更新版本的“熟客”保存。");
        });
        pg.sql(name, "SELECT 1 FROM newer_things"); // still there: nothing was undone or dropped
    }

    @Test
    void anAddressIsReadAsPeopleWriteItAndAPasswordInItIsRefused() {
        ServerAddress a = ServerAddress.parse("postgresql://anna@shop-server/regulars?sslmode=verify-full&sslrootcert=/etc/shop/ca.pem");
        assertThat(a.user()).isEqualTo("anna");
        assertThat(a.port()).isEqualTo(5432);
        assertThat(a.jdbcUrl()).isEqualTo("jdbc:postgresql://shop-server:5432/regulars?sslmode=verify-full&sslrootcert=%2Fetc%2Fshop%2Fca.pem");
        assertThat(a).hasToString("anna@shop-server:5432/regulars");
        assertThat(ServerAddress.parse("jdbc:postgresql://10.0.0.5:6543/shop").jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:6543/shop");
        for (String bad : new String[] {"mysql://host/db", "postgresql://host", "postgresql:///db", "postgresql://host/a/b", ""}) {
            assertThatThrownBy(() -> ServerAddress.parse(bad)).as(bad).isInstanceOf(UserException.class)
                    .extracting(e -> ((UserException) e).key()).isEqualTo("store.server.badUrl");
        }
        assertThatThrownBy(() -> ServerAddress.parse("postgresql://anna:secret@host/db")).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("store.server.passwordInUrl");
        assertThatThrownBy(() -> ServerAddress.parse("postgresql://host/db?password=secret")).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("store.server.passwordInUrl");
    }

    @Test
    void theCommandLineWorksOnTheServerWithDbUrlOrItsVariableAndRefusesWhatIsAboutAFile() throws Exception {
        TestPostgres pg = TestPostgres.get();
        String url = "postgresql://127.0.0.1:" + pg.port() + "/" + pg.newDatabase();
        Path csv = local.resolve("customers.csv");
        Files.writeString(csv, "name,phone\n王小明,138 1234 5678\nAlice Smith,+1 650 253 0000\n");
        Map<String, String> env = Map.of(RegularsCommand.DB_URL_ENV, url, RegularsCommand.DB_PASSWORD_ENV, TestPostgres.PASSWORD);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(local, Locale.ENGLISH, env, out, err, "import", "customers", csv.toString())).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(Cli.run(local, Locale.ENGLISH, Map.of(RegularsCommand.DB_PASSWORD_ENV, TestPostgres.PASSWORD), out, err,
                "--db-url", url, "find", "wxm")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("王小明").doesNotContain("Alice");
        assertThat(local.resolve(Database.FILE_NAME + ".mv.db")).doesNotExist(); // no file was made beside the data folder

        // export all is how a shared store is backed up by Regulars itself
        Path zip = local.resolve("shop.zip");
        assertThat(Cli.run(local, Locale.ENGLISH, env, out, err, "export", "all", "--out", zip.toString())).as(err.toString()).isZero();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("customers.csv")).isNotNull();
            assertThat(new String(z.getInputStream(z.getEntry("customers.csv")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("王小明", "Alice Smith");
        }

        err.getBuffer().setLength(0);
        assertThat(Cli.run(local, Locale.ENGLISH, env, out, err, "backup", "create")).isEqualTo(RegularsCommand.FAILED);
        assertThat(err.toString()).contains("regulars backup create works on the data file of this computer, and the data is on the server regulars@127.0.0.1:"
                + pg.port(), "pg_dump", "regulars export all");
        err.getBuffer().setLength(0);
        assertThat(Cli.run(local, Locale.SIMPLIFIED_CHINESE, env, out, err, "security", "encrypt")).isEqualTo(RegularsCommand.FAILED);
        assertThat(err.toString()).contains("regulars security encrypt 只用于这台电脑上的数据文件");

        err.getBuffer().setLength(0);
        Map<String, String> wrong = Map.of(RegularsCommand.DB_URL_ENV, url, RegularsCommand.DB_PASSWORD_ENV, "wrong");
        assertThat(Cli.run(local, Locale.SIMPLIFIED_CHINESE, wrong, out, err, "find", "wxm")).isEqualTo(RegularsCommand.FAILED);
        assertThat(err.toString()).contains("拒绝了 regulars 的登录：密码错误");
        err.getBuffer().setLength(0);
        assertThat(Cli.run(local, Locale.ENGLISH, env, out, err, "--db-url", "shop-server/regulars", "find", "wxm")).isEqualTo(RegularsCommand.FAILED);
        assertThat(err.toString()).contains("shop-server/regulars is not the address of a shared store: write it as postgresql://host:port/database");
    }

    @Test
    void theWindowIsGivenTheSharedStoreTheCommandLineAsksFor() {
        RegularsCommand root = new RegularsCommand(EN, Map.of(RegularsCommand.DB_URL_ENV, "postgresql://shop-server/regulars")::get, p -> null);
        RegularsCommand.create(root).parseArgs("--data-dir", local.toString());
        assertThat(root.server()).map(Object::toString).contains("regulars@shop-server:5432/regulars");
        RegularsCommand plain = new RegularsCommand(ZH, Map.<String, String>of()::get, p -> null);
        RegularsCommand.create(plain).parseArgs("--data-dir", local.toString());
        assertThat(plain.server()).isEmpty();
        RegularsCommand flag = new RegularsCommand(ZH, Map.<String, String>of()::get, p -> null);
        RegularsCommand.create(flag).parseArgs("--db-url", "postgresql://anna@shop-server:5433/regulars?sslmode=require");
        assertThat(flag.server()).map(Object::toString).contains("anna@shop-server:5433/regulars");
        assertThat(flag.server().orElseThrow().params()).containsEntry("sslmode", "require");
    }
}
