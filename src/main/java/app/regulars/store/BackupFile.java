package app.regulars.store;

import org.h2.mvstore.MVStore;

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
 * Everything that writes, opens or restores a backup's bytes goes through here, so that
 * encrypting backups later changes this class only (the key then goes into {@link #url}).
 */
final class BackupFile {
    /** A backup's file name ends so: H2 opens a file by the name without it. */
    static final String EXTENSION = ".mv.db";

    private BackupFile() {
    }

    /**
     * Writes the backup {@code target} from {@code raw}, a byte copy of the closed-consistent data
     * file: its live pages only, compressed (H2's own {@code MVStore.compact}, as at close).
     */
    static void seal(Path raw, Path target) throws IOException {
        Files.deleteIfExists(target);
        MVStore.compact(raw.toString(), target.toString(), true, null);
    }

    /** Puts the backup's data into {@code target}, a data file H2 can open (replaced if it exists). */
    static void unseal(Path backup, Path target) throws IOException {
        Files.copy(backup, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The JDBC address of {@code file} opened read-only: nothing is written to it, not even at close. */
    private static String url(Path file) {
        String name = file.toAbsolutePath().toString();
        if (!name.endsWith(EXTENSION)) {
            throw new IllegalArgumentException(file + " is not a backup");
        }
        return "jdbc:h2:file:" + name.substring(0, name.length() - EXTENSION.length())
                + ";ACCESS_MODE_DATA=r;FILE_LOCK=NO;AUTO_SERVER=FALSE;IFEXISTS=TRUE";
    }

    /** Every table's rows and checksum in {@code file} (opened read-only; every row is read). */
    static Map<String, Compaction.TableSum> sums(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(file), Database.USER, "")) {
            Map<String, Compaction.TableSum> sums = Compaction.sums(c);
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            return sums;
        }
    }
}
