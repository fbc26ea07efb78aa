package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.customer.Birthday;
import app.regulars.customer.Consent;
import app.regulars.customer.MarketingChannel;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.Gender;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * A real store at a fixed date, with a few known customers: an H2 file in a temp folder, or, when
 * the system property {@value #ENGINE} is {@code postgresql} (the build's second pass of the
 * repository and service tests, docs/decisions/0030-two-engines.md), a new database on the tests'
 * PostgreSQL server ({@link TestPostgres}) for each folder: opening the same folder again opens the
 * same database, as it opens the same file.
 */
public final class TestStores {
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault());
    /** The system property that chooses the engine of {@link #open}: {@code h2} (the default) or {@code postgresql}. */
    public static final String ENGINE = "regulars.test.engine";

    /** Each folder's database on the server; dropped once the folder is gone (its test is over). */
    private static final java.util.Map<Path, String> DATABASES = new java.util.LinkedHashMap<>();

    private TestStores() {
    }

    /** Whether {@link #open} opens stores on the tests' PostgreSQL server (else H2 files). */
    public static boolean onPostgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty(ENGINE, "h2"));
    }

    public static AppContext open(Path dir) {
        return open(dir, CLOCK, Locale.SIMPLIFIED_CHINESE);
    }

    /** The address of {@code dir}'s database on the tests' server, as {@code --db-url} takes it. */
    public static String serverUrl(Path dir) {
        return "postgresql://127.0.0.1:" + TestPostgres.get().port() + "/" + database(dir);
    }

    /** {@link #open(Path)} at {@code clock} in {@code locale}. */
    public static AppContext open(Path dir, Clock clock, Locale locale) {
        if (onPostgres()) {
            try {
                java.nio.file.Files.createDirectories(dir); // as the file's open does: the folder stands for the database
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return AppContext.open(TestPostgres.get().address(database(dir)), app.regulars.store.Password.of(TestPostgres.PASSWORD),
                    dir, clock, locale);
        }
        return AppContext.open(dir, clock, locale);
    }

    /** {@link #open(Path)} as the command line opens it: the system's clock and language. */
    public static AppContext openNow(Path dir) {
        return open(dir, Clock.systemDefaultZone(), Locale.getDefault());
    }

    /** The database of {@code dir} on the tests' server: a new one (at the newest schema) the first time. */
    private static synchronized String database(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        String known = DATABASES.get(key);
        if (known != null) {
            return known;
        }
        for (var it = DATABASES.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!java.nio.file.Files.exists(e.getKey())) {
                TestPostgres.get().drop(e.getValue()); // the test that used it is over
                it.remove();
            }
        }
        String name = TestPostgres.get().newDatabase();
        DATABASES.put(key, name);
        return name;
    }

    /** 王小明, 曾晓燕, Alice Smith, 张伟 (archived), with phones, tags and birthdays. */
    public static void addKnownCustomers(CustomerService customers) {
        customers.save(Customer.builder().name("王小明").phones("138 1234 5678").email("xiaoming@example.com")
                .gender(Gender.MALE).birthday(Birthday.lunar(1988, 8, 15, false)).tags("VIP", "茶友")
                .address("杭州市西湖区文三路 88 号").notes("每周六下午来").preferences("喜欢龙井，少糖")
                .consent(new Consent(true, LocalDate.of(2025, 3, 1), Set.of(MarketingChannel.SMS))).build());
        customers.save(Customer.builder().name("曾晓燕").phones("139 8765 4321").wechat("xiaoyan_zeng")
                .gender(Gender.FEMALE).birthday(Birthday.solar(LocalDate.of(1992, 12, 1))).tags("茶友").build());
        customers.save(Customer.builder().name("Alice Smith").phones("+1 650 253 0000").email("alice@example.org")
                .company("Blue Bottle Trading").jobTitle("Buyer").tags("wholesale").build());
        Customer zhang = customers.save(Customer.builder().name("张伟").phones("186 0000 1111").build());
        customers.archive(java.util.List.of(zhang.id()));
    }
}
