package app.regulars.app.cli;

import app.regulars.store.Database;
import app.regulars.testing.Cli;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged, empty, cut or read-only data file, met by the commands as a user would: a clear
 * message in the user's language, no write to a damaged file, and the way back through a backup.
 */
class DamagedStoreTest {
    @TempDir
    Path dir;
    Path data;
    Path file;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(data, locale, out, err, args);
    }

    int run(String... args) {
        return run(Locale.ENGLISH, args);
    }

    @BeforeEach
    void sampleStore() throws Exception {
        data = dir.resolve("data");
        assertThat(run("demo", "--customers", "50")).isZero();
        file = data.resolve(Database.FILE_NAME + ".mv.db");
        // Only live pages, so that the middle of the file is data every command depends on
        Path compacted = dir.resolve("compacted.mv.db");
        MVStore.compact(file.toString(), compacted.toString(), false, null);
        Files.move(compacted, file, StandardCopyOption.REPLACE_EXISTING);
    }

    Path csv() throws Exception {
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "name,phone\nZhao Lei,13812345678\n", StandardCharsets.UTF_8);
        return csv;
    }

    /** Flips 64 bytes at {@code 3/16} of the file: pages that reads skip and the next import writes over. */
    void flipBytes() throws Exception {
        long at = Files.size(file) * 3 / 16;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] b = new byte[64];
            raf.seek(at);
            raf.readFully(b);
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ~b[i];
            }
            raf.seek(at);
            raf.write(b);
        }
    }

    /**
     * A search on the damaged file: it either works (true), or is refused with the damaged
     * file's message, never H2's text (false). Which one depends on the pages the flipped bytes
     * fall in, and so on the schema.
     */
    boolean readsOrSaysDamaged(String query) {
        int exit = run("find", query);
        if (exit == 0) {
            return true;
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("The data file " + file + " is damaged").doesNotContain("Exception");
        return false;
    }

    @Test
    void aDamagedFileIsFoundAtOpenWritesAreRefusedNamingTheNewestBackupAndARestoreBringsItBack() throws Exception {
        assertThat(run("backup", "create")).as(err.toString()).isZero();
        String backup = out.toString().strip().replaceAll("^Backup written and verified: (.+?) \\(.*$", "$1");
        assertThat(Path.of(backup)).exists();
        flipBytes();

        readsOrSaysDamaged("a"); // where the flipped bytes fall, reading may go on or be refused
        assertThat(run("import", "customers", csv().toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("The data file " + file + " is damaged")
                .contains("The newest verified backup is from").contains("regulars backup restore \"" + backup + "\"")
                .doesNotContain("DataAccessException");
        if (readsOrSaysDamaged("Zhao")) {
            assertThat(err.toString().strip()).as("nothing imported into the damaged file").isEqualTo("No customer matches.");
        }

        assertThat(run("backup", "restore", backup)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("The data before the restore could not be backed up").contains("Restored from " + backup + ": 50 customers");
        assertThat(run("import", "customers", csv().toString())).as(err.toString()).isZero();
        assertThat(run("find", "Zhao")).isZero();
        assertThat(out.toString()).contains("Zhao Lei");
    }

    @Test
    void anEmptyDataFileIsRefusedAsDamagedNotOpenedAsANewStore() throws Exception {
        Files.write(file, new byte[0]);
        assertThat(run("import", "customers", csv().toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("The data file " + file + " is empty (0 bytes)")
                .contains("There is no verified backup in " + data.resolve("backups"));
        assertThat(Files.size(file)).isZero();
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "find", "a")).isEqualTo(1);
        assertThat(err.toString()).startsWith("数据文件 " + file + " 是空的");
    }

    @Test
    void aFileCutShortHasItsOwnMessage() throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(4096);
        }
        assertThat(run("find", "a")).isEqualTo(1);
        assertThat(err.toString()).startsWith("The data file " + file + " is cut short (4,096 bytes)").doesNotContain("90028");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "find", "a")).isEqualTo(1);
        assertThat(err.toString()).startsWith("数据文件 " + file + " 不完整（只有 4,096 字节）");
        assertThat(Files.size(file)).isEqualTo(4096);
    }

    /** Read-only for root too: root may write to any file without the immutable attribute. */
    void makeReadOnly(boolean readOnly) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            Process p = new ProcessBuilder("chattr", readOnly ? "+i" : "-i", file.toString()).inheritIO().start();
            org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "chattr cannot make the file immutable here");
        }
        file.toFile().setWritable(!readOnly, false);
    }

    @Test
    void aReadOnlyDataFileIsReadAndEveryWriteRefusedWithItsOwnMessage() throws Exception {
        makeReadOnly(true);
        try {
            assertThat(run("find", "a")).isZero();
            assertThat(run("import", "customers", csv().toString())).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("The data file " + file + " is read-only: Regulars shows your data but cannot save changes."
                    + " Allow writing to the file (in its properties), then try again.");
            assertThat(run(Locale.SIMPLIFIED_CHINESE, "import", "customers", csv().toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("数据文件 " + file + " 是只读的");
        } finally {
            makeReadOnly(false);
        }
    }
}
