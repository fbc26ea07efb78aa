package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerServiceTest {
    @TempDir
    Path dir;
    AppContext context;
    CustomerService customers;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        customers = context.customers();
        TestStores.addKnownCustomers(customers);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private List<String> names(String query) {
        long[] ids = customers.search(query, null, false, CustomerSort.NAME, true);
        return customers.summaries(ids).stream().map(CustomerSummary::name).toList();
    }

    @Test
    void searchFindsCustomerByPinyinInitials() {
        assertThat(names("wxm")).containsExactly("王小明");
        assertThat(names("WXM")).containsExactly("王小明");
        assertThat(names("xm")).containsExactly("王小明");
    }

    @Test
    void searchFindsCustomerByFullPinyinAndChineseFragment() {
        assertThat(names("wangxiaoming")).containsExactly("王小明");
        assertThat(names("xiaoming")).containsExactly("王小明");
        assertThat(names("小明")).containsExactly("王小明");
        assertThat(names("王")).containsExactly("王小明");
    }

    @Test
    void searchReadsSurnamesAsSurnames() {
        // 曾 is "ceng" as a word but "zeng" as a surname.
        assertThat(names("zxy")).containsExactly("曾晓燕");
        assertThat(names("zeng")).containsExactly("曾晓燕");
    }

    @Test
    void searchFindsCustomerByLastOrFirstPhoneDigits() {
        assertThat(names("5678")).containsExactly("王小明");
        assertThat(names("138")).containsExactly("王小明");
        assertThat(names("138 1234 5678")).containsExactly("王小明");
        assertThat(names("4321")).containsExactly("曾晓燕");
    }

    @Test
    void searchFindsByEmailTagWechatCompanyAndCode() {
        assertThat(names("alice@")).containsExactly("Alice Smith");
        assertThat(names("example")).containsExactly("Alice Smith", "王小明"); // the email domain
        assertThat(names("example.com")).containsExactly("王小明");
        assertThat(names("茶友")).containsExactly("王小明", "曾晓燕");
        assertThat(names("xiaoyan_zeng")).containsExactly("曾晓燕");
        assertThat(names("blue")).containsExactly("Alice Smith");
        assertThat(names("smith")).containsExactly("Alice Smith");
        assertThat(names("000001")).containsExactly("王小明");
    }

    @Test
    void everyWordOfTheQueryMustMatch() {
        assertThat(names("茶友 zeng")).containsExactly("曾晓燕");
        assertThat(names("alice wang")).isEmpty();
    }

    @Test
    void listSortsChineseAndEnglishNamesTogetherByPinyin() {
        assertThat(names("")).containsExactly("Alice Smith", "王小明", "曾晓燕");
        long[] desc = customers.search("", null, false, CustomerSort.NAME, false);
        assertThat(customers.summaries(desc).getFirst().name()).isEqualTo("曾晓燕");
    }

    @Test
    void archivedCustomersLeaveTheListAndComeBackOnRestore() {
        long[] archived = customers.search("", null, true, CustomerSort.NAME, true);
        assertThat(customers.summaries(archived)).extracting(CustomerSummary::name).containsExactly("张伟");
        assertThat(names("zw")).isEmpty();
        customers.restore(List.of(archived[0]));
        assertThat(names("zw")).containsExactly("张伟");
    }

    @Test
    void newCustomerGetsNextFreeCode() {
        Customer c = customers.save(Customer.builder().name("李娜").build());
        assertThat(c.code()).isEqualTo("000005");
        customers.save(Customer.builder().name("Imported").code("000006").build());
        assertThat(customers.save(Customer.builder().name("Next").build()).code()).isEqualTo("000007");
    }

    @Test
    void codeMustBeUnique() {
        assertThatThrownBy(() -> customers.save(Customer.builder().name("Copy").code("000001").build()))
                .isInstanceOfSatisfying(InvalidCustomerException.class,
                        e -> assertThat(e.problems()).containsKey(CustomerField.CODE));
    }

    @Test
    void phonesAreStoredInE164AndShownNationally() {
        Customer c = customers.byCode("000001").orElseThrow();
        assertThat(c.phones()).containsExactly("+8613812345678");
        assertThat(customers.phones().format("+8613812345678")).isEqualTo("138 1234 5678");
        assertThat(customers.phones().format("+16502530000")).isEqualTo("+1 650-253-0000");
    }

    @Test
    void invalidFieldsAreReportedPerFieldAndNothingIsSaved() {
        int before = customers.countAll();
        Customer bad = Customer.builder().name(" ").phones("12345").email("not-an-email")
                .notes("x".repeat(CustomerService.MAX_LONG + 1)).build();
        assertThatThrownBy(() -> customers.save(bad)).isInstanceOfSatisfying(InvalidCustomerException.class, e -> {
            assertThat(e.problems()).containsOnlyKeys(CustomerField.NAME, CustomerField.PHONES, CustomerField.EMAIL, CustomerField.NOTES);
            Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
            assertThat(e.problems().get(CustomerField.PHONES).text(zh)).isEqualTo("“12345”不是有效的电话号码。");
            assertThat(e.problems().get(CustomerField.NAME).text(new Messages(Locale.ENGLISH))).isEqualTo("A name is required.");
        });
        assertThat(customers.countAll()).isEqualTo(before);
    }

    @Test
    void editKeepsIdAndCodeAndRewritesSearchTokens() {
        Customer c = customers.byCode("000002").orElseThrow();
        Customer edited = customers.save(c.toBuilder().name("曾小燕").phones("13900001111").build());
        assertThat(edited.id()).isEqualTo(c.id());
        assertThat(edited.code()).isEqualTo("000002");
        assertThat(names("4321")).isEmpty();
        assertThat(names("1111")).containsExactly("曾小燕");
    }

    @Test
    void duplicatesAreFoundByNormalizedPhoneOrEmail() {
        Customer draft = Customer.builder().name("Someone").phones("+86 138-1234-5678").build();
        assertThat(customers.duplicatesOf(draft)).extracting(Customer::name).containsExactly("王小明");
        Customer byEmail = Customer.builder().name("X").email("ALICE@example.org").build();
        assertThat(customers.duplicatesOf(byEmail)).extracting(Customer::name).containsExactly("Alice Smith");
        Customer both = Customer.builder().name("Y").phones("+86 138-1234-5678").email("alice@EXAMPLE.org").build();
        assertThat(customers.duplicatesOf(both)).extracting(Customer::name).containsExactlyInAnyOrder("王小明", "Alice Smith");
        Customer self = customers.byCode("000001").orElseThrow();
        assertThat(customers.duplicatesOf(self)).isEmpty();
    }

    @Test
    void bulkTagAndUntagChangeOnlyThoseWhoNeedIt() {
        long[] all = customers.search("", null, false, CustomerSort.NAME, true);
        List<Long> ids = Arrays.stream(all).boxed().toList();
        assertThat(customers.addTag(ids, "VIP")).isEqualTo(2); // 王小明 already has it
        assertThat(names("vip")).hasSize(3);
        assertThat(customers.removeTag(ids, "vip")).isEqualTo(3);
        assertThat(names("vip")).isEmpty();
        assertThat(customers.byCode("000001").orElseThrow().tags()).containsExactly("茶友");
    }

    @Test
    void theTagsInUseFollowEveryChangeOfTheTags() {
        List<String> before = customers.tagsInUse();
        assertThat(before).contains("VIP", "茶友").doesNotContain("团购");
        assertThat(customers.tagsInUse()).as("kept while no tag is written").isSameAs(before);
        customers.save(Customer.builder().name("新来的").tags(List.of("团购")).build());
        assertThat(customers.tagsInUse()).contains("团购", "VIP");
        long[] all = customers.search("", null, false, CustomerSort.NAME, true);
        customers.removeTag(Arrays.stream(all).boxed().toList(), "VIP");
        assertThat(customers.tagsInUse()).contains("团购").doesNotContain("VIP");
    }

    @Test
    void tagFilterNarrowsTheList() {
        long[] ids = customers.search("", "茶友", false, CustomerSort.NAME, true);
        assertThat(customers.summaries(ids)).extracting(CustomerSummary::name).containsExactly("王小明", "曾晓燕");
    }

    @Test
    void emptyTagIsRefused() {
        assertThatThrownBy(() -> customers.addTag(List.of(1L), "  "))
                .isInstanceOf(UserException.class).hasMessage("customer.error.tagEmpty");
    }

    @Test
    void profileRoundTripsEveryField() {
        Customer c = customers.byCode("000001").orElseThrow();
        assertThat(c.birthday()).isEqualTo(Birthday.lunar(1988, 8, 15, false));
        assertThat(c.consent().marketing()).isTrue();
        assertThat(c.consent().optOuts()).containsExactly(MarketingChannel.SMS);
        assertThat(c.tags()).containsExactly("VIP", "茶友");
        assertThat(c.preferences()).isEqualTo("喜欢龙井，少糖");
        assertThat(c.gender()).isEqualTo(Gender.MALE);
        assertThat(c.createdAt()).isEqualTo(TestStores.TODAY.atTime(10, 0));
    }

    @Test
    void dataSurvivesReopening() {
        context.close();
        context = TestStores.open(dir);
        customers = context.customers();
        assertThat(names("wxm")).containsExactly("王小明");
        assertThat(customers.countAll()).isEqualTo(4);
    }

    @Test
    void aFirstPageReadAheadIsTheListsFirstPageUntilSomethingIsWritten() {
        customers.readAheadFirstPage(CustomerSort.NAME, true, 100).run();
        CustomerService.FirstPage ahead = customers.firstPage(false, CustomerSort.NAME, true, 100);
        CustomerService.FirstPage read = customers.firstPage(false, CustomerSort.NAME, true, 100);
        assertThat(ahead.ids()).containsExactly(read.ids());
        assertThat(ahead.total()).isEqualTo(3).isEqualTo(read.total());
        assertThat(ahead.rows()).extracting(CustomerSummary::name).containsExactlyElementsOf(read.rows().stream().map(CustomerSummary::name).toList());

        customers.readAheadFirstPage(CustomerSort.NAME, true, 100).run();
        customers.save(Customer.builder().name("李华").phones("137 0000 2222").build());
        CustomerService.FirstPage afterWrite = customers.firstPage(false, CustomerSort.NAME, true, 100);
        assertThat(afterWrite.total()).as("written since: read again").isEqualTo(4);
        assertThat(afterWrite.rows()).extracting(CustomerSummary::name).contains("李华");

        customers.readAheadFirstPage(CustomerSort.NAME, true, 100).run();
        assertThat(customers.firstPage(true, CustomerSort.NAME, true, 100).rows()).as("another list: its own page")
                .extracting(CustomerSummary::name).containsExactly("张伟");
        assertThat(customers.firstPage(false, CustomerSort.NAME, false, 100).ids()[0])
                .as("another order: its own page").isNotEqualTo(afterWrite.ids()[0]);
    }
}
