package app.regulars.store;

import app.regulars.customer.Customer;
import app.regulars.app.AppContext;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups on the command line, their verification, rotation, and a restore refused while the folder is open elsewhere. */
class BackupsTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Path data, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(data, Locale.ENGLISH, out, err, args);
    }

    Path store(String name, int customers) {
        Path data = dir.resolve(name);
        try (AppContext ctx = TestStores.open(data)) {
            for (int i = 0; i < customers; i++) {
                ctx.customers().save(Customer.builder().name("Customer " + i).phones("1381234" + String.format("%04d", i)).build());
            }
        }
        return data;
    }

    @Test
    void createListVerifyAndRestoreOnTheCommandLine() throws Exception {
        Path data = store("data", 3);
        Path usb = dir.resolve("usb");
        assertThat(run(data, "backup", "create", "--to", usb.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Backup written and verified: " + usb.resolve("regulars-")).contains("(3 customers, 0 purchases");
        assertThat(run(data, "backup", "create")).isZero();
        Path backup = Backups.list(Backups.folder(data)).getFirst().file();
        try (var files = Files.list(Backups.folder(data))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the copies it was made from are gone")
                    .allMatch(n -> n.startsWith("regulars-") && (n.endsWith(".mv.db") || n.endsWith(".properties")));
        }

        assertThat(run(data, "backup", "list")).isZero();
        assertThat(out.toString().lines()).hasSize(1).first().asString()
                .contains("By hand").contains("3 customers  0 purchases  Verified  " + backup);

        assertThat(run(data, "backup", "verify", backup.toString())).isZero();
        assertThat(out.toString()).startsWith(backup + " is verified: 3 customers and 0 purchases");

        try (AppContext ctx = TestStores.open(data)) {
            ctx.customers().save(Customer.builder().name("Later").build());
        }
        assertThat(run(data, "backup", "restore", backup.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("The data before the restore was backed up to " + Backups.folder(data).resolve("regulars-"))
                .contains("Restored from " + backup + ": 3 customers");
        try (AppContext ctx = TestStores.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(3);
        }
        assertThat(Backups.list(Backups.folder(data))).extracting(Backups.Backup::kind)
                .contains(Backups.Kind.BEFORE_RESTORE);
    }

    @Test
    void aBackupThatNoLongerMatchesWhatItHeldFailsItsVerificationAndIsNotRestored() throws Exception {
        Path data = store("data", 20);
        assertThat(run(data, "backup", "create")).isZero();
        Path backup = Backups.list(Backups.folder(data)).getFirst().file();
        long size = Files.size(backup);
        try (RandomAccessFile raf = new RandomAccessFile(backup.toFile(), "rw")) {
            for (long at = 8192; at < size - 8192; at += 512) {
                raf.seek(at);
                raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        assertThat(run(data, "backup", "verify", backup.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("The backup " + backup + " was written but failed its verification");
        assertThat(run(data, "backup", "restore", backup.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("The backup " + backup + " failed its verification");
        try (AppContext ctx = TestStores.open(data)) {
            assertThat(ctx.customers().countAll()).as("left as it was").isEqualTo(20);
        }
    }

    @Test
    void aBackupSummedWithOraHashBeforeDecision0049IsStillVerifiedAndRestoredWithThatHash() throws Exception {
        Path data = store("data", 12);
        assertThat(run(data, "backup", "create")).isZero();
        Path backup = Backups.list(Backups.folder(data)).getFirst().file();
        Path manifest = backup.resolveSibling(backup.getFileName().toString().replace(".mv.db", ".properties"));
        String written = Files.readString(manifest);
        assertThat(written).as("a new backup's manifest says how its rows were hashed").contains("crc32c.\"PUBLIC\".\"CUSTOMER\"=12 ")
                .doesNotContain("table.");
        Map<String, Compaction.TableSum> crc = BackupFile.sums(backup, null, Compaction.RowHash.CRC32C);
        Map<String, Compaction.TableSum> ora = BackupFile.sums(backup, null, Compaction.RowHash.ORA_HASH);
        assertThat(Backups.read(backup).sums()).isEqualTo(crc);
        assertThat(ora).as("the same rows, other sums").isNotEqualTo(crc)
                .allSatisfy((table, sum) -> assertThat(sum.rows()).isEqualTo(crc.get(table).rows()));

        // the manifest as a backup before decision 0049 wrote it: each table's ORA_HASH sum as table.NAME
        StringBuilder old = new StringBuilder();
        written.lines().filter(l -> !l.startsWith("crc32c.")).forEach(l -> old.append(l).append('\n'));
        ora.forEach((table, sum) -> old.append("table.").append(table).append('=')
                .append(sum.rows()).append(' ').append(sum.hashSum()).append('\n'));
        Files.writeString(manifest, old);
        assertThat(Backups.read(backup).rowHash()).isEqualTo(Compaction.RowHash.ORA_HASH);
        assertThat(Backups.read(backup).sums()).isEqualTo(ora);
        assertThat(run(data, "backup", "verify", backup.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(backup + " is verified: 12 customers");

        try (AppContext ctx = TestStores.open(data)) {
            ctx.customers().save(Customer.builder().name("Later").build());
        }
        assertThat(run(data, "backup", "restore", backup.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Restored from " + backup + ": 12 customers");
        try (AppContext ctx = TestStores.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(12);
        }

        // one old sum off by one: the hash it names is the one checked, not skipped
        String customer = "table.\"PUBLIC\".\"CUSTOMER\"=";
        String line = Files.readString(manifest).lines().filter(l -> l.startsWith(customer)).findFirst().orElseThrow();
        long sum = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        Files.writeString(manifest, Files.readString(manifest).replace(line, line.substring(0, line.lastIndexOf(' ') + 1) + (sum + 1)));
        assertThat(run(data, "backup", "verify", backup.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("The backup " + backup + " was written but failed its verification");
    }

    @Test
    void aRowsSumChangesWithAnyValueAndTellsANullFromEmptyTextAndWhereOneValueEnds() {
        List<List<String>> rows = Arrays.asList(Arrays.asList("ab", "c"), Arrays.asList("a", "bc"),
                Arrays.asList("a", null), Arrays.asList("a", ""), Arrays.asList("王小明", ""),
                Arrays.asList("王小朋", ""));
        Set<Long> sums = new HashSet<>();
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            ctx.customers().save(Customer.builder().name("Someone").build());
            for (List<String> row : rows) {
                ctx.database().write(cfg -> cfg.dsl().execute("UPDATE customer SET name = ?, notes = ?", row.get(0), row.get(1)));
                sums.add(CompactionTest.sums(ctx.database()).get("\"PUBLIC\".\"CUSTOMER\"").hashSum());
            }
        }
        assertThat(sums).as("one customer's name and notes as each of %s", rows).hasSize(rows.size());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRestoreIsRefusedWhileAnotherProcessHasTheFolderOpen() throws Exception {
        Path data = store("data", 2);
        assertThat(run(data, "backup", "create")).isZero();
        Path backup = Backups.list(Backups.folder(data)).getFirst().file();
        Process other = ChildStore.start("hold", data);
        try {
            ChildStore.opened(other);
            assertThat(run(data, "backup", "restore", backup.toString())).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("The data folder " + data
                    + " is open in another Regulars window or command: close it first, then restore.");
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
    }

    /** A backup file as rotation sees it: a name and what its manifest says. */
    Path fake(Path folder, LocalDateTime taken, Backups.Kind kind) throws Exception {
        String name = "regulars-" + taken.toString().replace(":", "").replace("T", "-") + "-" + kind.word();
        Path file = folder.resolve(name + ".mv.db");
        Files.write(file, new byte[] {0});
        Files.writeString(folder.resolve(name + ".properties"), "taken=" + taken + "\nkind=" + kind.word() + "\nstatus=VERIFIED\n");
        return file;
    }

    @Test
    void rotationKeepsTheNewestOfSevenDaysFourWeeksAndTwelveMonthsAndEveryBackupMadeByHand() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("backups"));
        LocalDate today = LocalDate.of(2026, 11, 23); // a Monday
        for (int d = 0; d < 500; d++) {
            fake(folder, today.minusDays(d).atTime(9, 0), Backups.Kind.DAILY);
        }
        fake(folder, today.atTime(18, 0), Backups.Kind.CLOSE);
        Path byHand = fake(folder, today.minusDays(400).atTime(12, 0), Backups.Kind.MANUAL);

        Backups.rotate(folder, Backups.Keep.DEFAULT);

        List<LocalDateTime> kept = Backups.list(folder).stream().filter(b -> b.kind().automatic()).map(Backups.Backup::taken).toList();
        assertThat(kept).startsWith(today.atTime(18, 0), today.minusDays(1).atTime(9, 0), today.minusDays(2).atTime(9, 0),
                today.minusDays(3).atTime(9, 0), today.minusDays(4).atTime(9, 0), today.minusDays(5).atTime(9, 0),
                today.minusDays(6).atTime(9, 0));
        // weeks: the newest of this week (today), and of the three before: Sundays 22, 15, 8 November
        assertThat(kept).contains(LocalDate.of(2026, 11, 15).atTime(9, 0), LocalDate.of(2026, 11, 8).atTime(9, 0));
        // months: the newest of each of the last twelve: the last day of October 2026 ... December 2025
        assertThat(kept).contains(LocalDate.of(2026, 10, 31).atTime(9, 0), LocalDate.of(2025, 12, 31).atTime(9, 0))
                .doesNotContain(LocalDate.of(2025, 11, 30).atTime(9, 0), today.atTime(9, 0));
        assertThat(kept).hasSize(7 + 2 + 11); // 7 days (covering this week, last week and this month), 2 more weeks, 11 more months
        assertThat(byHand).exists();
        assertThat(Files.list(folder).filter(f -> f.toString().endsWith(".properties")).count()).isEqualTo(kept.size() + 1);
    }
}
