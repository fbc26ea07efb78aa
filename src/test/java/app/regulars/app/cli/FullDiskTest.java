package app.regulars.app.cli;

import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static app.regulars.store.jooq.Tables.APP_SETTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data folder on a disk that fills up during an import (a 24 MB tmpfs, which needs root: the
 * test is skipped, saying so, where it cannot mount one): a clear message, no raw H2 text, the
 * next command does not hang, and what was saved before is still there.
 */
class FullDiskTest {
    @TempDir
    Path dir;
    Path mount;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(mount.resolve("data"), locale, out, err, args);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    /** A 24 MB tmpfs at {@link #mount}; the test is skipped, saying so, where it cannot be mounted. */
    private void mountSmallDisk() throws Exception {
        Path point = Files.createDirectory(dir.resolve("small-disk"));
        int mounted;
        try {
            mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", point.toString())
                    .redirectErrorStream(true).start().waitFor();
        } catch (java.io.IOException e) {
            mounted = -1;
        }
        Assumptions.assumeTrue(mounted == 0, "cannot mount a small tmpfs here (needs root and the mount command)");
        mount = point;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anImportThatFillsTheDiskIsAClearMessageAndTheNextCommandStillWorks() throws Exception {
        mountSmallDisk();

        Path small = dir.resolve("small.csv");
        Files.writeString(small, "name,phone\nWang Xiaoming,13812345678\n", StandardCharsets.UTF_8);
        assertThat(run(Locale.ENGLISH, "import", "customers", small.toString())).as(err.toString()).isZero();

        // About 40 MB of notes alone, well over the 24 MB disk however far H2's writing lags behind the slices.
        StringBuilder big = new StringBuilder("name,phone,notes\n");
        for (int i = 0; i < 120_000; i++) {
            big.append("Customer ").append(i).append(",1390000").append(String.format("%04d", i % 10_000))
                    .append(",\"").append("a long note to fill the disk ".repeat(12)).append(i).append("\"\n");
        }
        Path bigFile = dir.resolve("big.csv");
        Files.writeString(bigFile, big, StandardCharsets.UTF_8);

        assertThat(run(Locale.ENGLISH, "import", "customers", bigFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is full").doesNotContain("MVStoreException").doesNotContain("[90");

        assertThat(run(Locale.SIMPLIFIED_CHINESE, "import", "customers", bigFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("磁盘已满").doesNotContain("MVStoreException");

        // Space again: nothing saved before was lost
        assertThat(new ProcessBuilder("mount", "-o", "remount,size=200m", mount.toString()).inheritIO().start().waitFor()).isZero();
        assertThat(run(Locale.ENGLISH, "find", "Wang")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Wang Xiaoming");
    }

    /**
     * A bulk load's slices commit without a checkpoint, so H2 may still hold their chunks when the
     * load ends: a disk that fills then (here, another program takes its last byte) makes the load
     * fail with the disk-full message, never a load confirmed that is not on the disk.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBulkLoadIsConfirmedOnlyOnceItIsOnTheDisk() throws Exception {
        mountSmallDisk();
        Path filler = mount.resolve("filler");
        try (Database db = Database.open(mount.resolve("data"))) {
            assertThatThrownBy(() -> db.bulkLoad(() -> {
                db.dsl().transaction(cfg -> {
                    for (int i = 0; i < 100; i++) {
                        cfg.dsl().insertInto(APP_SETTING, APP_SETTING.SETTING_KEY, APP_SETTING.SETTING_VALUE)
                                .values("test.bulk." + i, "x".repeat(4_000)).execute();
                    }
                });
                fill(filler);
                return null;
            })).isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("store.error.diskFull"));
        }
        Files.delete(filler);
        try (Database db = Database.open(mount.resolve("data"))) {
            db.write(cfg -> cfg.dsl().insertInto(APP_SETTING, APP_SETTING.SETTING_KEY, APP_SETTING.SETTING_VALUE)
                    .values("test.after", "y").execute()); // space again: the file opens and takes writes
            assertThat(db.dsl().fetchValue(APP_SETTING.SETTING_VALUE, APP_SETTING.SETTING_KEY.eq("test.after"))).isEqualTo("y");
        }
    }

    /** Writes {@code file} until the disk has no byte left. */
    private static void fill(Path file) {
        byte[] mb = new byte[1 << 20];
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(mb);
            }
        } catch (java.io.IOException full) {
            // no space left: what was wanted
        }
    }
}
