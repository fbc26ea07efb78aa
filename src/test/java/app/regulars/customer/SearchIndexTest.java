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

/**
 * The in-memory index (primitive arrays, decision 0014) answers exactly as the SQL search does,
 * finds what a shop searches by, and never serves stale data.
 */
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
        TestStores.addKnownCustomers(customers);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private static long only(long[] ids) {
        assertThat(ids).hasSize(1);
        return ids[0];
    }

    private static long[] sql(String query, boolean archived, boolean ascending) {
        List<String> terms = CustomerService.terms(query);
        return new CustomerRepository().ids(context.database().dsl(), terms, null, archived, CustomerSort.NAME, ascending,
                terms.isEmpty() ? 0 : CustomerService.SEARCH_LIMIT);
    }

    @Test
    void theSearchTextsReadInRangesOfIdsAreEveryCustomersOnce() {
        var dsl = context.database().dsl();
        int all = dsl.fetchCount(app.regulars.store.jooq.Tables.CUSTOMER_SEARCH);
        assertThat(all).isGreaterThan(3000);
        for (int page : new int[] {997, 1000, all - 1, all, all + 1, 10_000}) {
            List<Long> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            new CustomerRepository().forEachSearchText(dsl, page, (id, text) -> {
                ids.add(id);
                texts.add(text);
            });
            assertThat(ids).as("pages of %d", page).hasSize(all).isSorted().doesNotHaveDuplicates();
            assertThat(texts).as("pages of %d", page).doesNotContainNull();
        }
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
                assertThat(customers.searchOnce(q, archived)).as("the command line's find: %s archived=%s", q, archived)
                        .containsExactly(customers.search(q, null, archived, CustomerSort.NAME, true));
            }
        }
    }

    @Test
    void oneSearchOfTheCommandLineStartsNoBuild() {
        java.util.ArrayDeque<Runnable> builds = new java.util.ArrayDeque<>();
        CustomerService held = new CustomerService(context.database(), new CustomerRepository(),
                PhoneNumbers.forLocale(java.util.Locale.SIMPLIFIED_CHINESE), TestStores.CLOCK, builds::add);
        assertThat(held.searchOnce("wang", false)).isNotEmpty();
        assertThat(builds).as("find ends at once: no index to wait for").isEmpty();
        held.search("wang", null, false, CustomerSort.NAME, true);
        assertThat(builds).as("the window's search starts the build").hasSize(1);
        held.close();
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

    @Test
    void theIndexFindsTheSampleShopByInitialsPhoneDigitsEmailsTagsAndEnglishNames() {
        assertThat(customers.buildSearchIndex()).isTrue();
        long wang = only(sql("xiaoming@example.com", false, true));
        long alice = only(sql("alice@example.org", false, true));
        assertThat(customers.get(wang).orElseThrow().name()).isEqualTo("王小明");
        assertThat(customers.get(alice).orElseThrow().name()).isEqualTo("Alice Smith");
        assertThat(customers.searchIndexReady()).as("answered from the index").isTrue();
        for (String q : List.of("wxm", "xm", "wangxiaoming", "王小明", "小明", "138 1234", "5678", "13812345678", "xiaoming@",
                "example.com", "vip", "茶友")) {
            assertThat(customers.search(q, null, false, CustomerSort.NAME, true)).as(q).contains(wang).containsExactly(sql(q, false, true));
        }
        for (String q : List.of("alice", "smith", "alice smith", "blue bottle", "wholesale", "0000", "alice@example.org")) {
            assertThat(customers.search(q, null, false, CustomerSort.NAME, true)).as(q).contains(alice).containsExactly(sql(q, false, true));
        }
        assertThat(customers.search("zw", null, true, CustomerSort.NAME, true)).as("archived 张伟").containsExactly(sql("zw", true, true));
        assertThat(customers.searchIndexReady()).isTrue();
    }

    @Test
    void theIndexHoldsEveryTokenOfTheSearchTextsInOrderWithItsCustomers() {
        SearchIndex.Snapshot s = SearchIndex.read(new CustomerRepository(), context.database().dsl());
        java.util.TreeMap<String, java.util.Set<Long>> expected = new java.util.TreeMap<>();
        new CustomerRepository().forEachSearchText(context.database().dsl(), (id, text) -> {
            for (String token : text.substring(1).split(String.valueOf(SearchTokens.SEPARATOR))) {
                expected.computeIfAbsent(token, t -> new java.util.HashSet<>()).add(id);
            }
        });
        assertThat(expected).hasSizeGreaterThan(20_000);
        assertThat(s.tokens()).isEqualTo(expected.size());
        assertThat(s.postings()).isEqualTo(expected.values().stream().mapToInt(java.util.Set::size).sum());
        int i = 0;
        for (var e : expected.entrySet()) {
            if (i % 97 == 0 || i == expected.size() - 1) {
                assertThat(s.token(i)).isEqualTo(e.getKey());
                assertThat(s.customers(i)).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
            }
            i++;
        }
    }

    @Test
    void theBuildSortsTokensThatShareTheirFirstBytesOrEndInsideADigit() {
        // Few letters, many lengths (empty to 9) and the one- and three-byte codes: runs of equal
        // keys, tokens that are prefixes of others, a NUL that pads like the end of a token.
        char[] alphabet = {'a', 'b', '\u0000', '1', '~', 'é', '王', '\uffff'};
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        int customers = 400;
        long[] idAt = new long[customers];
        java.util.TreeMap<String, java.util.Set<Integer>> expected = new java.util.TreeMap<>();
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < customers; p++) {
            idAt[p] = 1000 + p;
            StringBuilder text = new StringBuilder();
            java.util.Set<String> own = new java.util.HashSet<>(); // a text holds a token once, as SearchTokens.of makes it
            for (int t = random.nextInt(30); t > 0; t--) {
                StringBuilder token = new StringBuilder();
                for (int n = random.nextInt(10); n > 0; n--) {
                    token.append(alphabet[random.nextInt(random.nextBoolean() ? 3 : alphabet.length)]);
                }
                if (!own.add(token.toString())) {
                    continue;
                }
                text.append(SearchTokens.SEPARATOR).append(token);
                if (!token.isEmpty()) { // an empty token is no token
                    expected.computeIfAbsent(token.toString(), k -> new java.util.HashSet<>()).add(p);
                }
            }
            texts.add(text.toString());
        }
        for (int digitBytes = 1; digitBytes <= 4; digitBytes++) {
            SearchIndex.Occurrences o = new SearchIndex.Occurrences();
            for (int p = 0; p < customers; p++) {
                o.add(texts.get(p), p);
            }
            SearchIndex.Snapshot s = o.build(idAt, new java.util.BitSet(), digitBytes);
            assertThat(s.tokens()).as("digits of %d bytes", digitBytes).isEqualTo(expected.size());
            assertThat(s.postings()).isEqualTo(expected.values().stream().mapToInt(java.util.Set::size).sum());
            int i = 0;
            for (var e : expected.entrySet()) {
                assertThat(s.token(i)).as("token %d, digits of %d bytes", i, digitBytes).isEqualTo(e.getKey());
                assertThat(s.customers(i)).containsExactlyInAnyOrderElementsOf(e.getValue().stream().map(p -> idAt[p]).toList());
                i++;
            }
        }
    }

    @Test
    void theTokenCodeSortsAndMatchesPrefixesAsStringsDo() {
        // ASCII, the reversed-digits marker, Latin-1, the edges of the one- and three-byte codes,
        // Chinese, a private-use character, U+FFFF and both halves of a surrogate pair (an emoji).
        char[] alphabet = {'a', 'b', 'z', '0', '9', '~', '@', '.', 'é', '\u007f', '\u0080', '\u07ff', '\u0800', '王', '小', '\ue000',
                '\uffff', '\ud83d', '\ude00'};
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            words.add(sb.toString());
        }
        for (String a : words) {
            byte[] ea = SearchIndex.encode(a);
            assertThat(SearchIndex.decode(ea, 0, ea.length)).isEqualTo(a);
            for (String b : words) {
                byte[] eb = SearchIndex.encode(b);
                assertThat(Integer.signum(java.util.Arrays.compareUnsigned(ea, eb))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(a.compareTo(b)));
                boolean bytesStart = ea.length >= eb.length && java.util.Arrays.equals(ea, 0, eb.length, eb, 0, eb.length);
                assertThat(bytesStart).as("%s starts with %s", a, b).isEqualTo(a.startsWith(b));
            }
        }
    }

    @Test
    void aPurchaseOrAFollowUpLeavesTheIndexAsItIsAndAChangedCustomerMakesItStale() {
        assertThat(customers.buildSearchIndex()).isTrue();
        long wang = only(sql("xiaoming@example.com", false, true));
        context.membership().recordPurchase(wang, TestStores.TODAY.atTime(10, 0), new java.math.BigDecimal("25.00"), null);
        assertThat(customers.searchIndexReady()).as("a purchase changes no customer's tokens").isTrue();
        customers.addTag(List.of(wang), "regular");
        assertThat(customers.searchIndexReady()).as("a new tag is a new token").isFalse();
        assertThat(customers.search("regular", null, false, CustomerSort.NAME, true)).as("found through SQL meanwhile").containsExactly(wang);
    }

    @Test
    void customersImportedFromAFileAreFoundAtOnce(@TempDir Path files) throws Exception {
        assertThat(customers.buildSearchIndex()).isTrue();
        Path csv = files.resolve("new.csv");
        java.nio.file.Files.writeString(csv, "name,phone,email\n欧阳修远,13900001234,ouyang@example.net\n");
        new CustomerCsvImporter(customers).importFile(csv, app.regulars.tables.Progress.NONE, () -> false);
        assertThat(customers.search("oyxy", null, false, CustomerSort.NAME, true)).hasSize(1);
        assertThat(customers.search("ouyang@", null, false, CustomerSort.NAME, true)).hasSize(1);
        assertThat(customers.buildSearchIndex()).isTrue();
        assertThat(customers.search("oyxy", null, false, CustomerSort.NAME, true)).hasSize(1);
    }

    @Test
    void whatWaitsOnTheFirstBuildRunsOnceItHasEndedBuiltOrNot() {
        java.util.ArrayDeque<Runnable> builds = new java.util.ArrayDeque<>();
        SearchIndex.Snapshot built = SearchIndex.read(new CustomerRepository(), context.database().dsl());
        boolean[] fails = {true};
        SearchIndex index = new SearchIndex(() -> 1, () -> {
            if (fails[0]) {
                throw new IllegalStateException("the store went away");
            }
            return built;
        }, builds::add);
        List<String> ran = new ArrayList<>();
        index.afterFirstBuild(() -> ran.add("before any build"));
        assertThat(ran).as("no build under way: at once").containsExactly("before any build");

        assertThat(index.fresh()).isNull();
        index.afterFirstBuild(() -> ran.add("columns"));
        index.afterFirstBuild(() -> {
            throw new java.util.concurrent.RejectedExecutionException("the lane is closed");
        });
        index.afterFirstBuild(() -> ran.add("more columns"));
        assertThat(ran).as("the first build is under way: they wait").hasSize(1);
        builds.poll().run();
        assertThat(ran).as("the build failed: they run all the same, one failing does not stop the others")
                .containsExactly("before any build", "columns", "more columns");

        fails[0] = false;
        assertThat(index.fresh()).isNull();
        index.afterFirstBuild(() -> ran.add("after the second try"));
        assertThat(ran).hasSize(3);
        builds.poll().run();
        assertThat(index.ready()).isTrue();
        assertThat(ran).last().isEqualTo("after the second try");

        index.afterFirstBuild(() -> ran.add("built before"));
        assertThat(ran).as("a snapshot was built: at once").last().isEqualTo("built before");
        assertThat(builds).isEmpty();
    }
}
