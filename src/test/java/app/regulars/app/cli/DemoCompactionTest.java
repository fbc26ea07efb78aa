package app.regulars.app.cli;

import app.regulars.store.Compaction;
import app.regulars.store.Database;
import app.regulars.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A command that leaves a grown file ({@code demo}) compacts it as it closes, and says so. */
class DemoCompactionTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void demoSaysItCompactsTheFileAndLeavesItNearItsLiveSize(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(Cli.run(dir, Locale.ENGLISH, out, err, "demo", "--customers", "3000")).as(err.toString()).isEqualTo(RegularsCommand.OK);

        assertThat(err.toString().lines().toList()).as(err.toString()).hasSize(2);
        assertThat(err.toString().lines().toList().getFirst()).matches("Compacting the data file: [\\d,]+ MB, about [\\d,]+ MB of it in use…");
        assertThat(err.toString().lines().toList().getLast()).matches("Data file compacted to [\\d,]+ MB in [\\d.]+ s\\.");
        try (Database db = Database.open(dir)) {
            Compaction.Size size = db.size();
            assertThat(size.fileBytes()).as("%s", size).isLessThanOrEqualTo((long) (Compaction.MAX_RATIO * size.liveBytes()));
            assertThat(db.dsl().fetchCount(db.dsl().selectOne().from("customer"))).isEqualTo(3000);
        }
        assertThat(dir.resolve(Database.FILE_NAME + ".mv.db")).exists();
        assertThat(Files.exists(dir.resolve("regulars-before-compacting.mv.db"))).isFalse();
    }
}
