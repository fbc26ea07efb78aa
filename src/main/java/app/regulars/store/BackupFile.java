package app.regulars.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The format of a backup, in one place (docs/decisions/0019-verified-backups.md): a compacted
 * copy of the data file, an H2 file of its own ({@value #EXTENSION}) that H2 opens as it is.
 * Everything that writes, opens or restores a backup's bytes goes through here. An encrypted
 * store's backups are encrypted with the store's key (docs/decisions/0022-encryption.md): the
 * byte copy of the data file is encrypted already, and its live pages are copied into the backup
 * under the same key; the key's parameters (not the key) go into the manifest beside it.
 */
final class BackupFile {
    /** A backup's file name ends so: H2 opens a file by the name without it. */
    static final String EXTENSION = ".mv.db";

    private BackupFile() {
    }

    /**
     * Writes the backup {@code target} from {@code raw}, a byte copy of the closed-consistent data
     * file encrypted with {@code key} (null: not encrypted): its live pages only, compressed (H2's
     * own page copy, as at close), under the same key.
     */
    static void seal(Path raw, Path target, StoreKey key) throws IOException {
        Compaction.copyLivePages(raw, key, target, key);
    }

    /**
     * Puts the data of {@code backup} (encrypted with {@code backupKey}, or null) into {@code target},
     * a data file H2 can open with {@code targetKey} (or none): a byte copy when the keys are the same,
     * else its pages are copied under the target's key. {@code target} is replaced if it exists.
     */
    static void unseal(Path backup, StoreKey backupKey, Path target, StoreKey targetKey) throws IOException {
        if (StoreKey.same(backupKey, targetKey)) {
            Files.copy(backup, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Compaction.copyLivePages(backup, backupKey, target, targetKey);
        }
    }

    /** The JDBC address of {@code file} opened read-only: nothing is written to it, not even at close. */
    private static String url(Path file, StoreKey key) {
        String name = file.toAbsolutePath().toString();
        if (!name.endsWith(EXTENSION)) {
            throw new IllegalArgumentException(file + " is not a backup");
        }
        return "jdbc:h2:file:" + name.substring(0, name.length() - EXTENSION.length())
                + ";ACCESS_MODE_DATA=r;FILE_LOCK=NO;AUTO_SERVER=FALSE;IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE"
                + StoreKey.urlSettings(key);
    }

    /**
     * Every table's rows and checksum in {@code file} (opened read-only with {@code key}, or none;
     * every row is read), each row hashed with {@code hash}.
     */
    static Map<String, Compaction.TableSum> sums(Path file, StoreKey key, Compaction.RowHash hash) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(file, key), Database.USER, StoreKey.jdbcPassword(key))) {
            Map<String, Compaction.TableSum> sums = Compaction.sums(c, hash);
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            return sums;
        }
    }
}
