package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.app.BackupJobs;
import app.regulars.customer.Customer;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A password protects the data file and its backups: no name or phone number in their bytes, a
 * wrong password told as such, a damaged file as damaged, the password changed and removed with
 * every row kept, an interrupted change undone at the next open.
 */
class EncryptionTest {
    private static final String NAME = "王小明";
    private static final String PHONE = "13812345678";
    private static final Password SECRET = Password.of("茶叶 secret 2026");
    private static final Password OTHER = Password.of("another one");

    @TempDir
    Path dir;

    private AppContext open(Password password) {
        return AppContext.open(dir, TestStores.CLOCK, Locale.SIMPLIFIED_CHINESE, password);
    }

    /** A store with the known customers (王小明, 138 1234 5678, ...) and one backup of it. */
    private Map<String, Compaction.TableSum> storeWithABackup() {
        try (AppContext ctx = open(Password.NONE)) {
            TestStores.addKnownCustomers(ctx.customers());
            BackupJobs.backUp(ctx.database(), null, Backups.Kind.MANUAL, TestStores.CLOCK);
            return sums(ctx.database());
        }
    }

    @Test
    void theEncryptedFileAndItsBackupsHoldNeitherANameNorAPhoneNumber() throws Exception {
        Map<String, Compaction.TableSum> before = storeWithABackup();
        List<Path> plain = files();
        assertThat(plain).as("the files before").hasSizeGreaterThanOrEqualTo(2);
        assertThat(plain).as("before encryption, the name or the phone is in the data file and the backup (else this test shows nothing)")
                .allMatch(f -> contains(f, NAME) || contains(f, PHONE));

        Encryption.Result result = Encryption.encrypt(dir, SECRET, f -> { });

        assertThat(result.encrypted()).isTrue();
        assertThat(result.backups().done()).hasSize(1);
        assertThat(result.backups().left()).isEmpty();
        try (AppContext ctx = open(SECRET)) {
            assertThat(ctx.database().encrypted()).isTrue();
            assertThat(sums(ctx.database())).as("every row kept").isEqualTo(before);
            assertThat(ctx.customers().countAll()).isEqualTo(4);
            ctx.customers().save(Customer.builder().name("李娜").phones("139 0000 2222").build());
            BackupJobs.backUp(ctx.database(), null, Backups.Kind.MANUAL, TestStores.CLOCK);
        }
        List<Path> encrypted = files();
        assertThat(encrypted).as("the data file and two backups").hasSizeGreaterThanOrEqualTo(3);
        for (Path f : encrypted) {
            assertThat(contains(f, NAME)).as("%s holds the name", f).isFalse();
            assertThat(contains(f, PHONE)).as("%s holds the phone number", f).isFalse();
            assertThat(contains(f, "李娜")).as("%s holds a name added later", f).isFalse();
            assertThat(contains(f, "13900002222")).as("%s holds a phone number added later", f).isFalse();
        }
        assertThat(Backups.list(Backups.folder(dir))).allMatch(Backups.Backup::encrypted)
                .allMatch(b -> Backups.verify(b.file(), SECRET).verified());
        assertThat(Files.readString(dir.resolve(StoreKey.FILE))).contains("iterations=600000").doesNotContain(hex(SECRET));
    }

    @Test
    void aWrongPasswordIsToldAsSuchAndNoPasswordAsked() {
        storeWithABackup();
        Encryption.encrypt(dir, SECRET, f -> { });

        assertThatThrownBy(() -> open(OTHER)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("store.error.wrongPassword");
        assertThatThrownBy(() -> open(Password.NONE)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("store.error.passwordNeeded");
        Path backup = Backups.list(Backups.folder(dir)).getFirst().file();
        assertThatThrownBy(() -> Backups.verify(backup, OTHER)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("store.error.wrongPassword");
        try (AppContext ctx = open(SECRET)) {
            assertThat(ctx.customers().countAll()).isEqualTo(4);
        }
    }

    @Test
    void aDamagedEncryptedFileIsDamagedNotAWrongPassword() throws Exception {
        try (AppContext ctx = open(Password.NONE)) {
            for (int i = 0; i < 300; i++) {
                ctx.customers().save(Customer.builder().name("Customer " + i).phones("1381234" + String.format("%04d", i)).build());
            }
        }
        Encryption.encrypt(dir, SECRET, f -> { });
        Path file = dir.resolve(Database.FILE_NAME + ".mv.db");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            raf.write(new byte[64]); // 64 bytes in the middle
        }
        assertThatThrownBy(() -> {
            try (AppContext ctx = open(SECRET)) {
                ctx.customers().save(Customer.builder().name("One more").build());
            }
        }).isInstanceOf(UserException.class).extracting(e -> ((UserException) e).key()).isEqualTo("store.error.damaged");
    }

    @Test
    void thePasswordIsChangedThenRemovedWithEveryRowAndTheBackupsFollow() throws Exception {
        Map<String, Compaction.TableSum> before = storeWithABackup();
        Encryption.encrypt(dir, SECRET, f -> { });
        StoreKey.Params first = StoreKey.read(dir).orElseThrow();

        Encryption.Result changed = Encryption.changePassword(dir, SECRET, OTHER, f -> { });

        assertThat(changed.backups().done()).hasSize(1);
        assertThat(StoreKey.read(dir).orElseThrow().salt()).as("a new salt").isNotEqualTo(first.salt());
        assertThatThrownBy(() -> open(SECRET)).extracting(e -> ((UserException) e).key()).isEqualTo("store.error.wrongPassword");
        try (AppContext ctx = open(OTHER)) {
            assertThat(sums(ctx.database())).isEqualTo(before);
        }
        Path backup = Backups.list(Backups.folder(dir)).getFirst().file();
        assertThat(Backups.verify(backup, OTHER).verified()).isTrue();
        assertThatThrownBy(() -> Backups.verify(backup, SECRET)).extracting(e -> ((UserException) e).key())
                .isEqualTo("store.error.wrongPassword");
        assertThatThrownBy(() -> Encryption.decrypt(dir, SECRET, f -> { })).extracting(e -> ((UserException) e).key())
                .isEqualTo("store.error.wrongPassword");

        Encryption.Result removed = Encryption.decrypt(dir, OTHER, f -> { });

        assertThat(removed.encrypted()).isFalse();
        assertThat(dir.resolve(StoreKey.FILE)).doesNotExist();
        try (AppContext ctx = open(Password.NONE)) {
            assertThat(ctx.database().encrypted()).isFalse();
            assertThat(sums(ctx.database())).isEqualTo(before);
        }
        Backups.Backup plainAgain = Backups.list(Backups.folder(dir)).getFirst();
        assertThat(plainAgain.encrypted()).isFalse();
        assertThat(Backups.verify(plainAgain.file()).verified()).isTrue();
        assertThat(names(dir)).doesNotContain(Encryption.JOURNAL, Encryption.NEW + ".mv.db", Encryption.OLD + ".mv.db");
    }

    @Test
    void aRestoredBackupOpensWithThePasswordAndTheStoreKeepsItsProtection() {
        storeWithABackup();
        Encryption.encrypt(dir, SECRET, f -> { });
        Path backup = Backups.list(Backups.folder(dir)).getFirst().file();
        try (AppContext ctx = open(SECRET)) {
            ctx.customers().save(Customer.builder().name("Later").build());
        }

        BackupJobs.Restored r = BackupJobs.restore(dir, backup, Clock.systemDefaultZone(), SECRET);

        assertThat(r.before()).isPresent().get().matches(Backups.Backup::encrypted);
        try (AppContext ctx = open(SECRET)) {
            assertThat(ctx.customers().countAll()).isEqualTo(4);
        }
        assertThat(Encryption.encrypted(dir)).isTrue();
    }

    /** Each moment a crash can stop the swap at: the next open finds the old file under the old protection, every row there. */
    @Test
    void anInterruptedChangeOfPasswordIsUndoneAtTheNextOpen() throws Exception {
        Map<String, Compaction.TableSum> before = storeWithABackup();
        Encryption.encrypt(dir, SECRET, f -> { });
        Path store = dir.resolve(Database.FILE_NAME + ".mv.db");
        Path key = dir.resolve(StoreKey.FILE);
        byte[] oldStore = Files.readAllBytes(store);
        byte[] oldKey = Files.readAllBytes(key);
        // the state of a change to OTHER stopped after every rename (the journal written first), with the new file beside
        Path scratch = dir.resolveSibling(dir.getFileName() + "-scratch");
        Files.createDirectories(scratch);
        Files.copy(store, scratch.resolve(Database.FILE_NAME + ".mv.db"));
        Files.copy(key, scratch.resolve(StoreKey.FILE));
        Encryption.changePassword(scratch, SECRET, OTHER, f -> { });
        byte[] newStore = Files.readAllBytes(scratch.resolve(Database.FILE_NAME + ".mv.db"));
        byte[] newKey = Files.readAllBytes(scratch.resolve(StoreKey.FILE));

        for (int movesDone = 0; movesDone <= 3; movesDone++) {
            Files.write(store, oldStore);
            Files.write(key, oldKey);
            Files.writeString(dir.resolve(Encryption.JOURNAL), "oldKey=true\n");
            Files.write(dir.resolve(Encryption.NEW + ".mv.db"), newStore);
            Files.write(dir.resolve(Encryption.NEW + ".key"), newKey);
            if (movesDone >= 1) {
                Files.move(store, dir.resolve(Encryption.OLD + ".mv.db"));
            }
            if (movesDone >= 2) {
                Files.move(key, dir.resolve(Encryption.OLD + ".key"));
                Files.move(dir.resolve(Encryption.NEW + ".key"), key);
            }
            if (movesDone >= 3) {
                Files.move(dir.resolve(Encryption.NEW + ".mv.db"), store);
            }
            try (AppContext ctx = open(SECRET)) {
                assertThat(sums(ctx.database())).as("after %d renames", movesDone).isEqualTo(before);
            }
            assertThat(names(dir)).as("after %d renames", movesDone).doesNotContain(Encryption.JOURNAL, Encryption.NEW + ".mv.db",
                    Encryption.NEW + ".key", Encryption.OLD + ".mv.db", Encryption.OLD + ".key");
        }
        // the journal gone: the change is done, what is left aside only needs deleting
        Files.write(dir.resolve(Encryption.OLD + ".mv.db"), oldStore);
        Files.write(store, newStore);
        Files.write(key, newKey);
        try (AppContext ctx = open(OTHER)) {
            assertThat(sums(ctx.database())).isEqualTo(before);
        }
        assertThat(names(dir)).doesNotContain(Encryption.OLD + ".mv.db");
    }

    /** The compaction at close (decision 0013) copies an encrypted file under its own key: still encrypted, every row kept. */
    @Test
    void anEncryptedFileIsCompactedUnderItsKey() throws Exception {
        storeWithABackup();
        Encryption.encrypt(dir, SECRET, f -> { });
        Map<String, Compaction.TableSum> before;
        Compaction.Plan plan;
        StoreKey key;
        try (AppContext ctx = open(SECRET)) {
            for (int i = 0; i < 200; i++) {
                ctx.customers().save(Customer.builder().name("顾客" + i).phones("1391234" + String.format("%04d", i)).build());
            }
            before = sums(ctx.database());
            plan = new Compaction.Plan(ctx.database().size(), new java.util.TreeMap<>(ctx.database().dsl().connectionResult(Compaction::rows)));
            key = ctx.database().key();
            ctx.database().compactOnClose(false);
        }
        List<Compaction.Progress> steps = new ArrayList<>();

        assertThat(Compaction.compact(dir, plan, key, steps::add)).isPositive();

        assertThat(steps).extracting(Compaction.Progress::step).endsWith(Compaction.Step.DONE);
        Path file = dir.resolve(Database.FILE_NAME + ".mv.db");
        assertThat(Database.startsEncrypted(file)).isTrue();
        assertThat(contains(file, NAME) || contains(file, PHONE) || contains(file, "13912340007")).isFalse();
        try (AppContext ctx = open(SECRET)) {
            assertThat(sums(ctx.database())).isEqualTo(before);
        }
    }

    @Test
    void anEncryptedFileWithoutItsKeyFileSaysSo() throws Exception {
        storeWithABackup();
        Encryption.encrypt(dir, SECRET, f -> { });
        Files.move(dir.resolve(StoreKey.FILE), dir.resolve("elsewhere.key"));
        assertThatThrownBy(() -> open(SECRET)).extracting(e -> ((UserException) e).key()).isEqualTo("store.error.keyMissing");
    }

    static Map<String, Compaction.TableSum> sums(Database db) {
        return db.dsl().connectionResult(Compaction::sums);
    }

    /** The data file and every backup file. */
    private List<Path> files() throws IOException {
        List<Path> all = new ArrayList<>();
        all.add(dir.resolve(Database.FILE_NAME + ".mv.db"));
        try (Stream<Path> backups = Files.list(Backups.folder(dir))) {
            backups.filter(p -> p.toString().endsWith(".mv.db")).forEach(all::add);
        }
        return all;
    }

    /** Whether the raw bytes of {@code file} hold {@code text} in UTF-8, UTF-16 (H2's strings in some pages) or GBK. */
    private static boolean contains(Path file, String text) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                    java.nio.charset.Charset.forName("GBK"))) {
                if (indexOf(bytes, text.getBytes(cs)) >= 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String hex(Password password) {
        return new String(password.key(StoreKey.read(dir).orElseThrow()).fileKey());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
