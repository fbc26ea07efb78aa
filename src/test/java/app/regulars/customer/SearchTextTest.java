package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.store.Database;
import app.regulars.testing.TestStores;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static app.regulars.store.jooq.Tables.CUSTOMER_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search tokens in one text per customer (decision 0018): a store made before it (schema
 * version 7, a row per token) is migrated and found as before, and both ways of searching (SQL
 * on the texts, the in-memory index built from them) find exactly the customers
 * one of whose tokens starts with each term, wildcards in a term taken literally.
 */
class SearchTextTest {
    @TempDir
    Path dir;

    /** Customers whose tokens hold LIKE's wildcards and escape, and near misses for them. */
    private static List<Customer> awkward() {
        return List.of(
                Customer.builder().name("Percent Tea").company("5%tea").wechat("ab_c").email("a_b%c\\d@example.cn").build(),
                Customer.builder().name("Near Miss").company("5 xt").wechat("abxc").email("axb1c2d@example.cn").build(),
                Customer.builder().name("Back Slash").company("a\\b").wechat("ab\\c").build());
    }

    private static final List<String> AWKWARD_QUERIES = List.of("5%", "5%t", "5_t", "ab_", "ab_c", "a_b%", "a_b%c\\d", "ab\\", "a\\b",
            "%", "_", "\\", "%tea", "_c", "ab%c", "a%", "~", "1", "example.cn");

    @app.regulars.testing.H2FileOnly("an H2 file made at the schema before, upgraded")
    @Test
    void aStoreMadeAtTheSchemaBeforeIsMigratedAndFoundAsBefore() throws Exception {
        // The customers as the service stores them (phones in E.164, tags tidied), codes given.
        List<Customer> people = new ArrayList<>();
        try (AppContext scratch = TestStores.open(dir.resolve("scratch"))) {
            List<Customer> made = new ArrayList<>(new SampleShop(5, TestStores.TODAY).customers(400));
            made.addAll(awkward());
            for (int i = 0; i < made.size(); i++) {
                people.add(scratch.customers().normalize(made.get(i).toBuilder().code(String.format(Locale.ROOT, "M%05d", i + 1)).build()));
            }
        }
        Path data = dir.resolve("data");
        String url = "jdbc:h2:file:" + data.resolve(Database.FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, "regulars", "").locations("classpath:db/migration", "classpath:db/vendor/h2").target("7").load().migrate();
        Set<Long> archived = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "regulars", "");
             PreparedStatement customer = c.prepareStatement("INSERT INTO customer (id, code, name, sort_name, email, wechat, company, "
                     + "archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement phone = c.prepareStatement("INSERT INTO customer_phone (customer_id, position, number) VALUES (?, ?, ?)");
             PreparedStatement tag = c.prepareStatement("INSERT INTO customer_tag (customer_id, tag) VALUES (?, ?)");
             PreparedStatement token = c.prepareStatement("INSERT INTO customer_search_token (token, customer_id) VALUES (?, ?)")) {
            Timestamp at = Timestamp.valueOf(TestStores.TODAY.minusDays(30).atTime(9, 0));
            for (int i = 0; i < people.size(); i++) {
                Customer p = people.get(i);
                long id = i + 1;
                boolean isArchived = i % 10 == 3;
                if (isArchived) {
                    archived.add(id);
                }
                customer.setLong(1, id);
                customer.setString(2, p.code());
                customer.setString(3, p.name());
                customer.setString(4, SearchTokens.sortKey(p.name()));
                customer.setString(5, p.email());
                customer.setString(6, p.wechat());
                customer.setString(7, p.company());
                customer.setBoolean(8, isArchived);
                customer.setTimestamp(9, at);
                customer.setTimestamp(10, at);
                customer.executeUpdate();
                for (int k = 0; k < p.phones().size(); k++) {
                    phone.setLong(1, id);
                    phone.setInt(2, k);
                    phone.setString(3, p.phones().get(k));
                    phone.executeUpdate();
                }
                for (String t : p.tags()) {
                    tag.setLong(1, id);
                    tag.setString(2, t);
                    tag.executeUpdate();
                }
                for (String t : SearchTokens.of(p)) { // what the program wrote before V008
                    token.setString(1, t);
                    token.setLong(2, id);
                    token.executeUpdate();
                }
            }
            c.createStatement().execute("ALTER TABLE customer ALTER COLUMN id RESTART WITH " + (people.size() + 1));
        }

        try (AppContext ctx = TestStores.open(data)) {
            assertThat(ctx.database().dsl().meta().getTables()).extracting(org.jooq.Table::getName)
                    .contains("CUSTOMER", "CUSTOMER_SEARCH").doesNotContain("CUSTOMER_SEARCH_TOKEN");
            Map<Long, String> texts = new HashMap<>();
            ctx.database().dsl().select(CUSTOMER_SEARCH.CUSTOMER_ID, CUSTOMER_SEARCH.SEARCH_TEXT).from(CUSTOMER_SEARCH)
                    .forEach(r -> texts.put(r.value1(), r.value2()));
            assertThat(texts).hasSize(people.size());
            for (int i = 0; i < people.size(); i++) {
                String text = texts.get(i + 1L);
                assertThat(text).startsWith(String.valueOf(SearchTokens.SEPARATOR));
                assertThat(new HashSet<>(Arrays.asList(text.substring(1).split(String.valueOf(SearchTokens.SEPARATOR)))))
                        .as(people.get(i).name()).isEqualTo(SearchTokens.of(people.get(i)));
            }

            Map<Long, Customer> byId = new HashMap<>();
            for (int i = 0; i < people.size(); i++) {
                byId.put(i + 1L, people.get(i));
            }
            // Saved after the step: written with the column.
            for (Customer c : awkward()) {
                Customer saved = ctx.customers().save(c.toBuilder().name(c.name() + " Again").build());
                byId.put(saved.id(), saved);
            }
            List<String> queries = new ArrayList<>(AWKWARD_QUERIES);
            queries.addAll(List.of("wang", "w", "zh", "138", "5678", "qq.com", "vip", "茶", "王", "wang 1", "again", "again 5%"));
            for (int i = 0; i < 400; i += 23) {
                Customer c = people.get(i);
                queries.add(c.name());
                queries.add(c.code());
                queries.add(Pinyin.of(c.name()).initials().isEmpty() ? c.name().toLowerCase(Locale.ROOT) : Pinyin.of(c.name()).initials());
                if (!c.phones().isEmpty()) {
                    String national = PhoneNumbers.nationalDigits(c.phones().getFirst());
                    queries.add(national.substring(national.length() - 4));
                    queries.add(national.substring(0, 3));
                }
                if (c.wechat() != null) {
                    queries.add(c.wechat().substring(0, Math.min(c.wechat().length(), c.wechat().indexOf('_') + 1 + 1)));
                }
                if (c.email() != null) {
                    queries.add(c.email().substring(0, c.email().indexOf('@') + 1));
                }
            }
            CustomerService customers = ctx.customers();
            Map<String, long[]> fromSql = new HashMap<>();
            for (String q : queries) {
                for (boolean isArchived : new boolean[] {false, true}) {
                    long[] sql = new CustomerRepository().ids(ctx.database().dsl(), CustomerService.terms(q), null, isArchived,
                            CustomerSort.NAME, true, CustomerService.SEARCH_LIMIT);
                    assertThat(ids(sql)).as("SQL: %s, archived %s", q, isArchived).isEqualTo(matching(byId, archived, q, isArchived));
                    fromSql.put(q + "|" + isArchived, sql);
                }
            }
            assertThat(fromSql.get("5%t|false")).hasSize(2); // Percent Tea, as migrated and as saved again
            assertThat(fromSql.get("ab_|false")).hasSize(2);
            assertThat(customers.buildSearchIndex()).isTrue();
            for (String q : queries) {
                for (boolean isArchived : new boolean[] {false, true}) {
                    assertThat(customers.search(q, null, isArchived, CustomerSort.NAME, true)).as("index: %s, archived %s", q, isArchived)
                            .containsExactly(fromSql.get(q + "|" + isArchived));
                }
            }
            assertThat(customers.searchIndexReady()).as("answered from the index").isTrue();
        }
    }

    /** The customers of {@code byId}, archived or not as asked, that the query finds: every term starts one of their tokens. */
    private static Set<Long> matching(Map<Long, Customer> byId, Set<Long> archived, String query, boolean wantArchived) {
        List<String> terms = CustomerService.terms(query);
        Set<Long> out = new LinkedHashSet<>();
        for (var e : byId.entrySet()) {
            if (archived.contains(e.getKey()) != wantArchived) {
                continue;
            }
            Set<String> tokens = SearchTokens.of(e.getValue());
            boolean all = !terms.isEmpty();
            for (String term : terms) {
                String reversed = SearchTokens.REVERSED + new StringBuilder(term).reverse().toString();
                all &= tokens.stream().anyMatch(t -> t.startsWith(term) || (SearchTokens.isDigits(term) && t.startsWith(reversed)));
            }
            if (all) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static Set<Long> ids(long[] ids) {
        Set<Long> out = new HashSet<>();
        for (long id : ids) {
            out.add(id);
        }
        assertThat(out).hasSize(ids.length);
        return out;
    }

    @Test
    void aTokenCannotHoldTheSeparatorAndATermWithItFindsNoOne() {
        try (AppContext ctx = TestStores.open(dir.resolve("sep"))) {
            Customer odd = ctx.customers().save(Customer.builder().name("Odd\u001fName").company("Plain Co").build());
            assertThat(SearchTokens.of(odd)).noneMatch(t -> t.indexOf(SearchTokens.SEPARATOR) >= 0).contains("plain");
            assertThat(ctx.customers().search("plain", null, false, CustomerSort.NAME, true)).containsExactly(odd.id());
            assertThat(ctx.customers().search("odd\u001fname", null, false, CustomerSort.NAME, true)).isEmpty();
            assertThat(ctx.customers().buildSearchIndex()).isTrue();
            assertThat(ctx.customers().search("plain", null, false, CustomerSort.NAME, true)).containsExactly(odd.id());
            assertThat(ctx.customers().search("odd\u001fname", null, false, CustomerSort.NAME, true)).isEmpty();
        }
    }
}
