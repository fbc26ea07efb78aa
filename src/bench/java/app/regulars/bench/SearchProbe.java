package app.regulars.bench;

import app.regulars.customer.CustomerRepository;
import app.regulars.customer.CustomerSort;
import app.regulars.customer.SearchTokens;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.Locale;

/**
 * The start benchmark's baseline for searches ({@link StartBenchmark}): in a JVM of its own, on
 * the same store, {@link StartDriver#QUERIES} through SQL the way the customer list searches
 * before its index is ready ({@code CustomerRepository.ids}, then the first page of 100 rows),
 * each twice; prints the second time as {@code regulars-bench sql QUERY MS MATCHES}.
 */
public final class SearchProbe {
    private SearchProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("regulars").toAbsolutePath()
                + ";FILE_LOCK=FS;AUTO_SERVER=FALSE", "regulars", "")) {
            DSLContext dsl = DSL.using(c, SQLDialect.H2);
            CustomerRepository repository = new CustomerRepository();
            for (int round = 0; round < 2; round++) {
                for (String q : StartDriver.QUERIES) {
                    long t0 = System.nanoTime();
                    long[] ids = repository.ids(dsl, SearchTokens.terms(q), null, false, CustomerSort.NAME, true, 1000);
                    repository.summaries(dsl, Arrays.copyOf(ids, Math.min(ids.length, 100)));
                    long t1 = System.nanoTime();
                    if (round == 1) {
                        System.out.printf(Locale.ROOT, "regulars-bench sql %s %.2f %d%n", q.replace(' ', '_'), (t1 - t0) / 1e6, ids.length);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "regulars-milestone done %d%n", System.currentTimeMillis());
    }
}
