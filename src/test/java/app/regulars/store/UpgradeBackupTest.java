package app.regulars.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A new version that changes the file's layout first writes a backup of the old one, and checks it. */
class UpgradeBackupTest {
    @Test
    void anUpgradeKeepsAVerifiedBackupOfTheOldLayout(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, "regulars", "").locations("classpath:db/migration").target("7").load().migrate();
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
}
