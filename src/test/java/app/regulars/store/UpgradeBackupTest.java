package app.regulars.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new version that changes the file's layout first writes a backup of the old one, and checks it. */
class UpgradeBackupTest {
    @Test
    void anUpgradeKeepsAVerifiedBackupOfTheOldLayout(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, "regulars", "").locations("classpath:db/migration", "classpath:db/vendor/h2").target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "regulars", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (id, code, name, sort_name, created_at, updated_at) VALUES "
                    + "(1, '000001', '王小明', 'wang xiao ming', TIMESTAMP '2026-01-05 10:00:00', TIMESTAMP '2026-01-05 10:00:00'), "
                    + "(2, '000002', 'Alice Smith', 'alice smith', TIMESTAMP '2026-01-06 10:00:00', TIMESTAMP '2026-01-06 10:00:00')");
            s.execute("INSERT INTO customer_search_token (token, customer_id) VALUES ('wxm', 1), ('alice', 2)");
        }

        try (Database db = Database.open(dir)) {
            assertThat(db.dsl().fetchValue("SELECT COUNT(*) FROM customer")).isEqualTo(2L);
        }

        List<Backups.Backup> backups = Backups.list(Backups.folder(dir));
        assertThat(backups).as("the backups after the upgrade").singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(Backups.Kind.BEFORE_UPGRADE);
            assertThat(b.verified()).as("checked against the store it was taken from: %s", b.problem()).isTrue();
            assertThat(b.rows("CUSTOMER")).isEqualTo(2);
            assertThat(b.rows("CUSTOMER_SEARCH_TOKEN")).as("the old layout's own table").isEqualTo(2);
        });
        assertThat(Backups.verify(backups.getFirst().file()).verified()).as("verified again, from its file").isTrue();
    }

    @Test
    void aFailedUpgradePutsTheDataBackAsItWasAndSaysSo(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, "regulars", "").locations("classpath:db/migration", "classpath:db/vendor/h2").target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "regulars", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (id, code, name, sort_name, created_at, updated_at) VALUES "
                    + "(1, '000001', '王小明', 'wang xiao ming', TIMESTAMP '2026-01-05 10:00:00', TIMESTAMP '2026-01-05 10:00:00')");
            // something of the shop's own in the way of the next migration (V008 creates customer_search)
            s.execute("CREATE TABLE customer_search (note VARCHAR(20))");
            s.execute("INSERT INTO customer_search VALUES ('in the way')");
        }

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> Database.open(dir).close())
                    .as("attempt %d", attempt)
                    .isInstanceOfSatisfying(UserException.class, e -> {
                        assertThat(e.key()).isEqualTo("store.error.upgradeFailed");
                        assertThat(e.args()[1].toString()).contains(Backups.FOLDER);
                        assertThat(e.localizedMessage(new Messages(Locale.ENGLISH))).contains("put back exactly as it was before");
                    });
            // the file is as the older version left it: its data, its layout, no failed step recorded
            try (Connection c = DriverManager.getConnection(url, "regulars", ""); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM customer")).isEqualTo(1);
                assertThat(count(s, "SELECT COUNT(*) FROM customer_search_token")).as("the old layout's table is there").isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM customer_search")).as("the shop's own rows").isEqualTo(1);
                assertThat(count(s, "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\"")).isEqualTo(7);
                assertThat(count(s, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE NOT \"success\"")).as("failed steps recorded").isZero();
            }
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
