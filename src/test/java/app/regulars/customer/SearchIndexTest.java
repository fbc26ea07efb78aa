package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory index answers exactly as the SQL search does, and never serves stale data. */
class SearchIndexTest {
    @TempDir
    static Path dir;
    static AppContext context;
    static CustomerService customers;
    static List<Customer> sample;

    @BeforeAll
    static void fill() {
        context = TestStores.open(dir);
        customers = context.customers();
        SampleShop shop = new SampleShop(42, TestStores.TODAY);
        sample = shop.customers(3000);
        shop.fill(customers, 3000, n -> { }, () -> false);
        long[] some = customers.search("", null, false, CustomerSort.NAME, true);
        customers.archive(Arrays.stream(some).limit(200).boxed().toList());
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private static long[] sql(String query, boolean archived, boolean ascending) {
        List<String> terms = CustomerService.terms(query);
        return new CustomerRepository().ids(context.database().dsl(), terms, null, archived, CustomerSort.NAME, ascending,
                terms.isEmpty() ? 0 : CustomerService.SEARCH_LIMIT);
    }

    @Test
    void indexAnswersEveryKindOfQueryExactlyAsSql() {
        assertThat(customers.buildSearchIndex()).isTrue();
        List<String> queries = new ArrayList<>(List.of("w", "wa", "wang", "z", "zh", "zeng", "1", "13", "138", "5", "99",
                "a", "al", "vip", "茶", "茶友", "王", "小", "gmail", "qq.com", "lunar", "j", "smith", "x y", "wang 1", "~"));
        for (int i = 0; i < 40; i++) {
            Customer c = sample.get(i * 71);
            queries.add(c.name());
            queries.add(c.name().substring(0, 1));
            queries.add(Pinyin.of(c.name()).initials().isEmpty() ? c.name().toLowerCase() : Pinyin.of(c.name()).initials());
            queries.add(c.phones().getFirst().substring(c.phones().getFirst().length() - 4));
        }
        for (String q : queries) {
            for (boolean archived : new boolean[]{false, true}) {
                for (boolean asc : new boolean[]{true, false}) {
                    assertThat(customers.search(q, null, archived, CustomerSort.NAME, asc))
                            .as("%s archived=%s asc=%s", q, archived, asc)
                            .containsExactly(sql(q, archived, asc));
                }
            }
        }
    }

    @Test
    void aSaveIsFoundAtOnceEvenBeforeTheIndexCatchesUp() {
        assertThat(customers.buildSearchIndex()).isTrue();
        Customer added = customers.save(Customer.builder().name("欧阳娜娜").phones("13711112222").build());
        assertThat(customers.search("oynn", null, false, CustomerSort.NAME, true)).containsExactly(added.id());
        assertThat(customers.search("2222", null, false, CustomerSort.NAME, true)).contains(added.id());
        customers.archive(List.of(added.id()));
        assertThat(customers.search("oynn", null, false, CustomerSort.NAME, true)).isEmpty();
        assertThat(customers.buildSearchIndex()).isTrue();
        assertThat(customers.search("oynn", null, true, CustomerSort.NAME, true)).containsExactly(added.id());
    }
}
