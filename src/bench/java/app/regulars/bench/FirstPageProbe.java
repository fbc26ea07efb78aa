package app.regulars.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;

/**
 * The start benchmark's floor for the first rows ({@link StartBenchmark}): a JVM that does
 * nothing but open the H2 file with plain JDBC and read the customer list's first page (100
 * customers in name order, the columns the list shows), then prints the moment it has them
 * as {@code regulars-milestone first-rows MILLISECONDS_SINCE_1970}. No Flyway, no features, no
 * window.
 */
public final class FirstPageProbe {
    private FirstPageProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String url = "jdbc:h2:file:" + dir.resolve("regulars").toAbsolutePath() + ";FILE_LOCK=FS;AUTO_SERVER=FALSE";
        try (Connection c = DriverManager.getConnection(url, "regulars", "");
             PreparedStatement s = c.prepareStatement("SELECT id, code, name, email, company FROM customer WHERE archived = FALSE"
                     + " ORDER BY sort_name, id LIMIT 100");
             ResultSet rows = s.executeQuery()) {
            int n = 0;
            while (rows.next()) {
                rows.getLong(1);
                rows.getString(3);
                n++;
            }
            System.out.printf(Locale.ROOT, "regulars-milestone first-rows %d%n", System.currentTimeMillis());
            System.out.printf(Locale.ROOT, "regulars-bench rows %d%n", n);
        }
    }
}
