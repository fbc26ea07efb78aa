package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.testing.TestStores;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads of everyone in a list order, in pages that each start after the last one's value
 * (decision 0054): the same customers in the same order as one query gives, whatever the page,
 * with runs of customers of the same name and the same time added longer than a page.
 */
class ListOrderPagesTest {
    @TempDir
    static Path dir;
    static AppContext context;
    static final CustomerRepository repository = new CustomerRepository();

    @BeforeAll
    static void fill() {
        context = TestStores.open(dir);
        CustomerService customers = context.customers();
        new SampleShop(7, TestStores.TODAY).fill(customers, 400, n -> { }, () -> false);
        List<Long> namesakes = new ArrayList<>();
        for (int i = 0; i < 25; i++) { // one name, one time added (the test clock): ties longer than the pages below
            namesakes.add(customers.save(Customer.builder().name("王芳").build()).id());
        }
        long[] some = customers.search("", null, false, CustomerSort.NAME, true);
        List<Long> archive = new ArrayList<>(Arrays.stream(some).limit(30).boxed().toList());
        archive.addAll(namesakes.subList(0, 9));
        customers.archive(archive);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    /** The order in one query, as the list read it before. */
    private static List<Long> oneQuery(boolean archived, CustomerSort sort, boolean asc) {
        List<SortField<?>> order = switch (sort) {
            case NAME -> List.of(asc ? CUSTOMER.SORT_NAME.asc() : CUSTOMER.SORT_NAME.desc(), asc ? CUSTOMER.ID.asc() : CUSTOMER.ID.desc());
            case CREATED -> List.of(asc ? CUSTOMER.CREATED_AT.asc() : CUSTOMER.CREATED_AT.desc(), asc ? CUSTOMER.ID.asc() : CUSTOMER.ID.desc());
            case CODE -> List.of(asc ? CUSTOMER.CODE.asc() : CUSTOMER.CODE.desc());
        };
        return context.database().dsl().select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ARCHIVED.eq(archived)).orderBy(order).fetch(CUSTOMER.ID);
    }

    @Test
    void everyOrderInPagesIsTheOneQuerysOrder() {
        DSLContext dsl = context.database().dsl();
        for (boolean archived : new boolean[] {false, true}) {
            for (CustomerSort sort : CustomerSort.values()) {
                for (boolean asc : new boolean[] {true, false}) {
                    List<Long> expected = oneQuery(archived, sort, asc);
                    assertThat(expected).hasSizeGreaterThan(archived ? 30 : 380);
                    for (int page : new int[] {1, 2, 7, 16, expected.size() - 1, expected.size(), expected.size() + 1}) {
                        List<Long> paged = new ArrayList<>();
                        repository.forEachInOrder(dsl, archived, sort, asc, page, (id, key) -> paged.add(id));
                        List<Long> some = new ArrayList<>();
                        int stopAt = Math.min(expected.size(), page + 3);
                        repository.forEachInOrder(dsl, archived, sort, asc, page, (id, key) -> some.add(id) && some.size() < stopAt);
                        assertThat(some).as("stopped after %d", stopAt).isEqualTo(expected.subList(0, stopAt));
                        assertThat(paged).as("%s %s %s, pages of %d", archived ? "archived" : "active", sort, asc ? "up" : "down", page)
                                .isEqualTo(expected);
                    }
                    assertThat(repository.ids(dsl, List.of(), null, archived, sort, asc, 0)).as("the list's ids of everyone")
                            .containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
                }
            }
        }
    }

    @Test
    void aTagsCustomersInEveryOrderAsOneQueryGivesThem() {
        DSLContext dsl = context.database().dsl();
        for (String tag : List.of("VIP", "茶友")) {
            java.util.Set<Long> tagged = new java.util.HashSet<>(dsl.select(app.regulars.store.jooq.Tables.CUSTOMER_TAG.CUSTOMER_ID)
                    .from(app.regulars.store.jooq.Tables.CUSTOMER_TAG).where(app.regulars.store.jooq.Tables.CUSTOMER_TAG.TAG.eq(tag))
                    .fetch(app.regulars.store.jooq.Tables.CUSTOMER_TAG.CUSTOMER_ID));
            assertThat(tagged).as(tag).hasSizeGreaterThan(20);
            for (CustomerSort sort : CustomerSort.values()) {
                for (boolean asc : new boolean[] {true, false}) {
                    List<Long> expected = oneQuery(false, sort, asc).stream().filter(tagged::contains).toList();
                    for (int limit : new int[] {0, 1, 5, 20, expected.size(), expected.size() + 5}) {
                        List<Long> wanted = limit == 0 ? expected : expected.subList(0, Math.min(limit, expected.size()));
                        assertThat(repository.ids(dsl, List.of(), tag, false, sort, asc, limit)).as("%s %s %s, at most %d", tag, sort, asc, limit)
                                .containsExactly(wanted.stream().mapToLong(Long::longValue).toArray());
                    }
                }
            }
        }
    }

    @Test
    void theSearchIndexsListOrderIsTheActiveThenTheArchivedByName() {
        List<Long> expected = new ArrayList<>(oneQuery(false, CustomerSort.NAME, true));
        expected.addAll(oneQuery(true, CustomerSort.NAME, true));
        for (int page : new int[] {1, 5, 16, 10_000}) {
            List<Long> ids = new ArrayList<>();
            List<Boolean> archived = new ArrayList<>();
            repository.forEachInListOrder(context.database().dsl(), page, (isArchived, id, sortName) -> {
                ids.add(id);
                archived.add(isArchived);
                assertThat(sortName).isNotBlank();
            });
            assertThat(ids).as("pages of %d", page).isEqualTo(expected);
            assertThat(archived.indexOf(true)).isEqualTo(expected.size() - 39);
        }
    }

    @Test
    void h2ReadsEachPageFromTheIndexOfItsOrder() {
        if (TestStores.onPostgres()) {
            return; // PostgreSQL chooses by its own statistics
        }
        DSLContext dsl = context.database().dsl();
        record Case(org.jooq.ResultQuery<?> query, String index) {
        }
        List<Case> cases = List.of(
                new Case(CustomerRepository.orderPage(dsl, CUSTOMER.ARCHIVED.eq(false).and(CUSTOMER.SORT_NAME.gt("w")), CUSTOMER.SORT_NAME,
                        List.of(CUSTOMER.ARCHIVED.asc(), CUSTOMER.SORT_NAME.asc(), CUSTOMER.ID.asc()), 10_000), "IX_CUSTOMER_ARCHIVED_SORT_NAME"),
                new Case(CustomerRepository.orderPage(dsl, CUSTOMER.ARCHIVED.eq(false).and(CUSTOMER.SORT_NAME.eq("w")).and(CUSTOMER.ID.lt(90L)),
                        CUSTOMER.SORT_NAME, List.of(CUSTOMER.ARCHIVED.desc(), CUSTOMER.SORT_NAME.desc(), CUSTOMER.ID.desc()), 10_000),
                        "IX_CUSTOMER_ARCHIVED_SORT_NAME"),
                new Case(CustomerRepository.orderPage(dsl, CUSTOMER.ARCHIVED.eq(true).and(CUSTOMER.CREATED_AT.lt(java.time.LocalDateTime.of(2026, 1, 1, 0, 0))),
                        CUSTOMER.CREATED_AT, List.of(CUSTOMER.ARCHIVED.desc(), CUSTOMER.CREATED_AT.desc(), CUSTOMER.ID.desc()), 10_000),
                        "IX_CUSTOMER_ARCHIVED_CREATED"),
                new Case(CustomerRepository.orderPage(dsl, CUSTOMER.ARCHIVED.ne(true), CUSTOMER.CODE,
                        List.of(CUSTOMER.CODE.asc(), CUSTOMER.NAME.asc()), 10_000), "IX_CUSTOMER_CODE_NAME"),
                new Case(CustomerRepository.orderPage(dsl, CUSTOMER.ARCHIVED.ne(true).and(CUSTOMER.CODE.gt("C0000100")), CUSTOMER.CODE,
                        List.of(CUSTOMER.CODE.asc(), CUSTOMER.NAME.asc()), 10_000), "IX_CUSTOMER_CODE_NAME"));
        for (Case c : cases) {
            String plan = String.valueOf(dsl.fetchValue("EXPLAIN " + c.query().getSQL(org.jooq.conf.ParamType.INLINED)));
            // without them H2 reads every row of the order and sorts them for each page
            assertThat(plan).as(plan).containsIgnoringCase(c.index()).contains("index sorted");
        }
    }
}
