package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * vCard files as the phones and mail clients of issue 16 export them (hand-written fixtures in
 * src/test/resources/vcards, each in its client's style), imported through the customer import.
 */
class VcardImportTest {
    @TempDir
    Path dir;
    AppContext ctx;
    final Messages en = new Messages(Locale.ENGLISH);

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    static Path fixture(String name) {
        try {
            return Path.of(VcardImportTest.class.getResource("/vcards/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ImportReport importFile(Path file) {
        return new CustomerCsvImporter(ctx.customers(), ConsentSource.IMPORT, en).importFile(file, Progress.NONE, () -> false);
    }

    Customer named(String name) {
        long[] ids = ctx.customers().search(name, null, false, CustomerSort.NAME, true);
        return ctx.customers().summaries(ids).stream().map(s -> ctx.customers().get(s.id()).orElseThrow())
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no customer " + name));
    }

    List<String> warnings(ImportReport r) {
        return r.warnings().stream().map(w -> w.place().text(en) + ": " + w.reason(en)).toList();
    }

    @Test
    void aContactAlreadyThereIsSkippedOrFilledInAsTheRuleSaysAndASkippedCardWarnsOfNothing() {
        Customer wang = ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").build());
        CustomerCsvImporter importer = new CustomerCsvImporter(ctx.customers(), ConsentSource.IMPORT, en, OnDuplicate.SKIP);

        ImportReport skip = importer.importFile(fixture("android-2.1.vcf"), Progress.NONE, () -> false);
        assertThat(List.of(skip.added(), skip.updated(), skip.skipped())).containsExactly(2, 0, 1);
        assertThat(ctx.customers().get(wang.id()).orElseThrow()).isEqualTo(wang);
        assertThat(warnings(skip)).hasSize(1).first().asString().startsWith("card 2: ");

        ImportReport fill = importer.withRule(OnDuplicate.FILL).importFile(fixture("android-2.1.vcf"), Progress.NONE, () -> false);
        assertThat(List.of(fill.added(), fill.updated(), fill.skipped())).containsExactly(0, 1, 2);
        Customer filled = ctx.customers().get(wang.id()).orElseThrow();
        assertThat(filled.code()).isEqualTo(wang.code());
        assertThat(filled.phones()).hasSize(3).first().isEqualTo("+8613812345678");
        assertThat(filled.email()).isEqualTo("xiaoming@example.com");
        assertThat(filled.birthday()).isEqualTo(Birthday.solar(java.time.LocalDate.of(1988, 9, 25)));
        assertThat(ctx.customers().search("李芳", null, false, CustomerSort.NAME, true)).hasSize(1);

        ImportReport again = importer.importFile(fixture("android-2.1.vcf"), Progress.NONE, () -> false);
        assertThat(List.of(again.added(), again.updated(), again.skipped())).containsExactly(0, 0, 3);
        assertThat(again.warnings()).as("no card was stored: nothing was kept in the notes").isEmpty();
        assertThat(ctx.customers().countAll()).isEqualTo(3);
    }

    @Test
    void android21QuotedPrintableUtf8AndGbkNamesSeveralPhonesAndAWordForAPhone() {
        ImportReport r = importFile(fixture("android-2.1.vcf"));

        assertThat(r.rejected()).isEmpty();
        assertThat(r.imported()).isEqualTo(3);
        Customer wang = named("王小明");
        // the mobile first, the home and work phones kept after it
        assertThat(wang.phones()).containsExactly("+8613812345678", "+8657188886666", "+8613912340000");
        assertThat(wang.email()).isEqualTo("xiaoming@example.com");
        assertThat(wang.address()).isEqualTo("中国浙江省杭州市文三路88号 310000");
        assertThat(wang.notes()).isEqualTo("每周六下午来，喜欢靠窗的位置；上次买了明前龙井两罐，送了一个茶盘。"); // soft line breaks joined
        assertThat(wang.birthday()).isEqualTo(Birthday.solar(java.time.LocalDate.of(1988, 9, 25)));

        Customer li = named("李芳");
        assertThat(li.phones()).containsExactly("+8613987654321", "+8613700001111");
        assertThat(li.birthday()).isEqualTo(new Birthday(Birthday.Kind.SOLAR, null, 5, 12, false)); // BDAY:--0512
        assertThat(li.notes()).isEqualTo("Phone: ask reception");
        assertThat(warnings(r)).containsExactly("card 2: phones: The phone \"ask reception\" is not a number Regulars can read "
                + "(a word, or a number without its country code), so it was kept in the notes.");

        Customer zhou = named("周杰"); // CHARSET=GBK quoted-printable
        assertThat(zhou.company()).isEqualTo("西湖茶行");
        assertThat(zhou.phones()).containsExactly("+8618600002222");
    }

    @Test
    void icloud30GroupedPhoneWithItsMobileLabelBecomesTheMainPhoneAndAnAppleBirthdayHasNoYear() {
        ImportReport r = importFile(fixture("icloud-3.0.vcf"));

        assertThat(r.rejected()).isEmpty();
        Customer alice = named("Alice Smith");
        assertThat(alice.phones()).containsExactly("+16502530000", "+16505550100");
        assertThat(alice.email()).isEqualTo("alice@example.org");
        assertThat(alice.company()).isEqualTo("Blue Bottle Trading, Purchasing");
        assertThat(alice.jobTitle()).isEqualTo("Buyer");
        assertThat(alice.address()).isEqualTo("1600 Amphitheatre Parkway, Mountain View, CA 94043, United States");
        assertThat(alice.birthday()).isEqualTo(new Birthday(Birthday.Kind.SOLAR, null, 7, 4, false));
        // the second email and the phone that is a word are kept in the notes
        assertThat(alice.notes()).isEqualTo("Prefers oolong, no sugar.\nAsks for the loyalty card.\nalice.smith@example.net\nPhone: WeChat only");
        assertThat(warnings(r)).singleElement().asString().startsWith("card 1: phones: The phone \"WeChat only\"");
        Customer zhang = named("张伟");
        assertThat(zhang.phones()).containsExactly("+8613800138000");
        assertThat(zhang.email()).isEqualTo("zhangwei@example.cn");
    }

    @Test
    void outlook21KeepsANumberWithNoCountryInTheNotes() {
        ImportReport r = importFile(fixture("outlook-2.1.vcf"));

        assertThat(r.rejected()).isEmpty();
        Customer david = named("David Chen");
        assertThat(david.phones()).containsExactly("+8618600001111", "+85223456789");
        assertThat(david.company()).isEqualTo("Harbour Tea House");
        assertThat(david.jobTitle()).isEqualTo("Manager");
        assertThat(david.email()).isEqualTo("david.chen@example.com.hk");
        assertThat(david.birthday()).isEqualTo(Birthday.solar(java.time.LocalDate.of(1985, 3, 14)));
        assertThat(david.address()).isEqualTo("88 Queen's Road Central, Hong Kong SAR");
        // a US number written without +1 is no number in a Chinese shop's region: kept, not refused
        assertThat(david.notes()).isEqualTo("Buys pu'er for the office.\r\nInvoice to the company.\nPhone: (650) 555-0123");
        assertThat(warnings(r)).singleElement().asString().contains("(650) 555-0123");
    }

    @Test
    void gmail30YearlessBirthdayTagsWithACommaAndACardWithNoNameAtAll() {
        ImportReport r = importFile(fixture("gmail-3.0.vcf"));

        assertThat(r.rejected()).isEmpty();
        assertThat(r.imported()).isEqualTo(2);
        Customer zhao = named("赵敏");
        assertThat(zhao.birthday()).isEqualTo(new Birthday(Birthday.Kind.SOLAR, null, 11, 2, false));
        assertThat(zhao.tags()).containsExactlyInAnyOrder("茶友", "VIP, gold"); // Google's own myContacts is no tag
        assertThat(zhao.phones()).containsExactly("+8613911112222", "+861065529988");
        assertThat(zhao.address()).isEqualTo("中国北京市建国路 1 号 100022");
        assertThat(zhao.company()).isEqualTo("朝阳茶社");
        assertThat(zhao.jobTitle()).isEqualTo("店长");
        assertThat(zhao.notes()).isEqualTo("介绍人：王小明\nzhao.min@work.example.cn");
        // no FN, no N: the name a phone would show, the email
        Customer walkIn = named("walkin@example.com");
        assertThat(walkIn.phones()).containsExactly("+8615000003333");
        assertThat(walkIn.tags()).isEmpty();
    }

    @Test
    void blackberryWithMoreThanFivePhonesKeepsTheRestInTheNotes() {
        ImportReport r = importFile(fixture("blackberry.vcf"));

        assertThat(r.rejected()).isEmpty();
        Customer grace = named("Grace Okafor");
        assertThat(grace.phones()).hasSize(CustomerService.MAX_PHONES).startsWith("+447911123456");
        assertThat(grace.notes()).isEqualTo("Phone: +44 20 7946 0003");
        assertThat(warnings(r)).singleElement().asString()
                .isEqualTo("card 1: phones: The phone \"+44 20 7946 0003\" comes after the first 5 phones a customer keeps, so it was kept in the notes.");
        assertThat(grace.company()).isEqualTo("Okafor & Sons");
        assertThat(grace.address()).isEqualTo("10 Downing Street, London, SW1A 2AA, United Kingdom");
    }

    @Test
    void lotusNotes30WithCharsetOnEveryProperty() {
        ImportReport r = importFile(fixture("lotus-notes.vcf"));

        assertThat(r.rejected()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        Customer tan = named("Mei Ling Tan");
        assertThat(tan.phones()).containsExactly("+6591234567", "+6561234567");
        assertThat(tan.email()).isEqualTo("meiling.tan@example.sg");
        assertThat(tan.company()).isEqualTo("Lim Trading Pte Ltd");
        assertThat(tan.jobTitle()).isEqualTo("Director");
        assertThat(tan.birthday()).isEqualTo(Birthday.solar(java.time.LocalDate.of(1979, 2, 28)));
        assertThat(tan.address()).isEqualTo("1 Raffles Place, Singapore, 048616");
        assertThat(tan.notes()).isEqualTo("Orders jasmine tea every month.");
    }

    @Test
    void vcard40GenderTelUrisYearlessBirthdayAndWechat() {
        ImportReport r = importFile(fixture("v4.vcf"));

        assertThat(r.rejected()).isEmpty();
        Customer sun = named("孙悦");
        assertThat(sun.gender()).isEqualTo(Gender.FEMALE);
        assertThat(sun.birthday()).isEqualTo(new Birthday(Birthday.Kind.SOLAR, null, 8, 20, false));
        assertThat(sun.phones()).containsExactly("+8613800002222", "+862166667777");
        assertThat(sun.wechat()).isEqualTo("sunyue_88");
        assertThat(sun.tags()).containsExactlyInAnyOrder("茶友", "老客户");
        assertThat(sun.address()).isEqualTo("中国上海市人民路 100 号 200000");
    }

    @Test
    void aBirthdayThatIsNoDateIsKeptInTheNotesAndTheCardIsImported() throws IOException {
        Path f = dir.resolve("odd.vcf");
        Files.writeString(f, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nBDAY:sometime in May\r\nTEL;TYPE=CELL:13812345678\r\nEND:VCARD\r\n");

        ImportReport r = importFile(f);

        assertThat(r.imported()).isEqualTo(1);
        assertThat(named("Bob").notes()).isEqualTo("Birthday: sometime in May");
        assertThat(warnings(r)).containsExactly("card 1: birthday: The birthday \"sometime in May\" is not a date, so it was kept in the notes.");
    }

    @Test
    void aCardWithNothingToNameItIsRejectedByItsNumberAndNothingIsImported() throws IOException {
        Path f = dir.resolve("empty-card.vcf");
        Files.writeString(f, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:who?\r\nEND:VCARD\r\n");

        ImportReport r = importFile(f);

        assertThat(r.imported()).isZero();
        assertThat(r.rejected()).singleElement().satisfies(row -> {
            assertThat(row.unit()).isEqualTo(RejectedRow.Unit.CARD);
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.place().text(en)).isEqualTo("card 2");
        });
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void aRawGbkFileIsReadInItsEncoding() throws IOException {
        Path f = dir.resolve("gbk.vcf");
        Files.write(f, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:陈;静\r\nFN:陈静\r\nTEL;CELL:13612345678\r\nEND:VCARD\r\n".getBytes(Charset.forName("GBK")));

        assertThat(importFile(f).imported()).isEqualTo(1);
        assertThat(named("陈静").phones()).containsExactly("+8613612345678");
    }

    @Test
    void aVcfFileThatIsNoVcardIsRefusedWithAMessage() throws IOException {
        Path f = dir.resolve("contacts.vcf");
        Files.writeString(f, "name,phone\nAnn,13812345678\n");

        assertThatThrownBy(() -> importFile(f)).isInstanceOfSatisfying(UserException.class, e ->
                assertThat(e.localizedMessage(en)).isEqualTo("The file " + f + " is named as a vCard file (.vcf), but it is not one: "
                        + "a vCard file begins with BEGIN:VCARD. Export the contacts again as vCard."));
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void aCsvNamedFileHoldingVcardsIsRefusedSayingWhatItIs() throws IOException {
        Path f = dir.resolve("contacts.csv");
        Files.copy(fixture("v4.vcf"), f);

        assertThatThrownBy(() -> importFile(f)).isInstanceOfSatisfying(UserException.class, e ->
                assertThat(e.localizedMessage(new Messages(Locale.SIMPLIFIED_CHINESE)))
                        .isEqualTo("文件 " + f + " 的扩展名是 CSV，但它其实是 .vcf 文件。请把扩展名改为 .vcf 后重新导入。"));
    }

    @Test
    void aVcardWithoutExtensionIsReadAsAVcard() throws IOException {
        Path f = dir.resolve("contacts");
        Files.copy(fixture("lotus-notes.vcf"), f);

        assertThat(importFile(f).imported()).isEqualTo(1);
        assertThat(Files.readString(fixture("lotus-notes.vcf"), StandardCharsets.UTF_8)).startsWith("BEGIN:VCARD");
    }
}
