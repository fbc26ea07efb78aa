package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.customer.Birthday;
import app.regulars.customer.Consent;
import app.regulars.customer.Customer;
import app.regulars.customer.MarketingChannel;
import app.regulars.i18n.Messages;
import app.regulars.membership.Coupon;
import app.regulars.membership.CouponKind;
import app.regulars.membership.MembershipSettings;
import app.regulars.tables.Table;
import app.regulars.tables.TableLayout;
import app.regulars.testing.TestStores;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent is consulted before every greeting, check-in and birthday coupon, and what it rules
 * out is printed beside the customer on the day's list and the visit brief (issue 15, item 5;
 * decision 0021). Win-backs: WinbackServiceTest.
 */
class ConsentRulesTest {
    @TempDir
    Path dir;
    AppContext ctx;
    long wang;
    long zeng;
    long alice;
    long zhou;
    long wu;
    long zheng;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        TestStores.addKnownCustomers(ctx.customers()); // 王小明: consent, no SMS; 曾晓燕, Alice: no consent
        Birthday soon = Birthday.solar(LocalDate.of(1990, 11, 26));
        zhou = ctx.customers().save(Customer.builder().name("周全").phones("138 0000 0001").birthday(soon)
                .consent(new Consent(true, LocalDate.of(2026, 1, 5), Set.of())).build()).id();
        wu = ctx.customers().save(Customer.builder().name("吴静").phones("138 0000 0002").birthday(soon)
                .consent(new Consent(true, LocalDate.of(2026, 1, 5), EnumSet.allOf(MarketingChannel.class))).build()).id();
        zheng = ctx.customers().save(Customer.builder().name("郑好").phones("138 0000 0003").birthday(soon)
                .consent(new Consent(true, LocalDate.of(2026, 1, 5), Set.of(MarketingChannel.PHONE, MarketingChannel.SMS))).build()).id();
        wang = ctx.customers().byCode("000001").orElseThrow().id();
        zeng = ctx.customers().byCode("000002").orElseThrow().id();
        alice = ctx.customers().byCode("000003").orElseThrow().id();
        // Everyone was last contacted 100 days ago: with a 90-day cadence all are due for a check-in today.
        for (long id : new long[] {wang, zeng, alice, zhou, wu, zheng}) {
            ctx.followUps().logContact(new Contact(null, id, TestStores.TODAY.minusDays(100).atTime(10, 0), ContactChannel.VISIT,
                    "Came in", null, null, null));
        }
        ctx.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "10");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "40"); // New Year is 39 days away
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        ctx.settings().put(MembershipSettings.BIRTHDAY_DAYS, "10"); // 曾晓燕's birthday (12-01) is 8 days away
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private Set<Long> customersOf(FollowUpKind kind) {
        return ctx.followUps().between(LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2100, 1, 1, 0, 0),
                new FollowUpFilter(kind, null, null, null)).stream().map(FollowUp::customerId).collect(Collectors.toSet());
    }

    @Test
    void greetingsNeedConsentAndAChannelCheckInsAChannel() {
        AutoFollowUps.Result r = ctx.autoFollowUps().generate(new Messages(Locale.ENGLISH));

        // 吴静 agreed but refused every channel: no greeting; 曾晓燕 never agreed: none either.
        assertThat(customersOf(FollowUpKind.BIRTHDAY)).containsExactlyInAnyOrder(zhou, zheng);
        assertThat(customersOf(FollowUpKind.HOLIDAY)).containsExactlyInAnyOrder(wang, zhou, zheng);
        // A check-in needs no marketing consent, only a channel left: everyone but 吴静.
        assertThat(customersOf(FollowUpKind.CHECK_IN)).containsExactlyInAnyOrder(wang, zeng, alice, zhou, zheng);
        assertThat(r.birthdays()).isEqualTo(2);
        assertThat(r.holidays()).isEqualTo(3);
        assertThat(r.checkIns()).isEqualTo(5);
    }

    @Test
    void birthdayCouponsGoOnlyWhereMarketingMayReach() {
        assertThat(ctx.membership().issueBirthdayCoupons(TestStores.TODAY)).isEqualTo(2);
        Function<Long, List<CouponKind>> kinds = id -> ctx.membership().coupons(id).stream().map(Coupon::kind).toList();
        assertThat(kinds.apply(zhou)).containsExactly(CouponKind.BIRTHDAY);
        assertThat(kinds.apply(zheng)).containsExactly(CouponKind.BIRTHDAY);
        assertThat(kinds.apply(wu)).isEmpty();
        assertThat(kinds.apply(zeng)).isEmpty();
    }

    @Test
    void theDaysListAndTheVisitBriefSayWhatConsentRulesOut() throws Exception {
        ctx.autoFollowUps().generate(new Messages(Locale.ENGLISH));
        FollowUpReports reports = FollowUpFeature.reports(ctx.services(), new Messages(Locale.ENGLISH));
        Table list = reports.list(TestStores.TODAY, TestStores.TODAY.plusDays(14), FollowUpFilter.ALL);
        int consent = list.columns().stream().map(Table.Column::header).toList().indexOf("Consent");
        assertThat(consent).isEqualTo(3);
        Map<String, Object> byCustomer = new java.util.HashMap<>();
        for (List<Object> row : list.rows()) {
            byCustomer.put((String) row.get(1), row.get(consent));
        }
        assertThat(byCustomer).containsEntry("郑好 (000007)", "No calls · No SMS")
                .containsEntry("王小明 (000001)", "No SMS")
                .containsEntry("曾晓燕 (000002)", "No marketing")
                .containsEntry("周全 (000005)", null).doesNotContainKey("吴静 (000006)"); // no check-in for her

        FollowUpReports zh = FollowUpFeature.reports(ctx.services(), new Messages(Locale.SIMPLIFIED_CHINESE));
        Path pdf = dir.resolve("brief.pdf");
        zh.writeBriefs(List.of(zh.brief(zheng)), TableLayout.Paper.A4, pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("营销同意：勿来电 · 勿发短信");
        }
        Path none = dir.resolve("brief-zhou.pdf");
        zh.writeBriefs(List.of(zh.brief(zhou)), TableLayout.Paper.A4, none);
        try (PDDocument doc = Loader.loadPDF(none.toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("周全").doesNotContain("营销同意：");
        }
    }
}
