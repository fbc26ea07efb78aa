package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.customer.Customer;
import app.regulars.customer.ListFilter;
import app.regulars.customer.ProfileFact;
import app.regulars.followup.BriefFacts;
import app.regulars.followup.FollowUpReports;
import app.regulars.i18n.Messages;
import app.regulars.tables.TableLayout;
import app.regulars.testing.TestStores;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the insights add to a profile's summary row, the customer list and the visit brief, on
 * the sample shop (300 customers, 18 months of purchases: enough for the model) and on a shop
 * with too little history for it.
 */
class InsightFactsTest {
    @TempDir
    static Path base;
    static AppContext shop;
    static InsightIndex index;
    static InsightFacts facts;
    static final Messages EN = new Messages(Locale.ENGLISH);
    static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @BeforeAll
    static void fillShop() {
        shop = TestStores.open(base.resolve("shop"));
        SampleShop sample = new SampleShop(7, TestStores.TODAY);
        sample.fill(shop.customers(), 300, n -> { }, () -> false);
        sample.fillPurchases(shop.membership(), (n, all) -> { }, () -> false);
        index = new InsightIndex(shop.services().get(InsightService.class), shop.settings());
        facts = (InsightFacts) shop.services().get(BriefFacts.class);
    }

    @AfterAll
    static void close() {
        shop.close();
    }

    private static CustomerInsight first(java.util.function.Predicate<CustomerInsight> which) {
        return index.current().snapshot().customers().stream().filter(which).findFirst().orElseThrow();
    }

    private static List<String> labelled(List<ProfileFact> facts) {
        return facts.stream().map(f -> f.label() + ": " + f.value()).toList();
    }

    @Test
    void aRegularGetsLastVisitSegmentStageRiskValueAndNextVisit() {
        assertThat(index.current().snapshot().model()).isInstanceOf(CustomerModel.Fitted.class);
        CustomerInsight c = first(x -> x.metrics().usualIntervalDays() != null && x.lifecycle() == Lifecycle.MATURE);
        BriefFacts.Facts f = facts.of(c.customerId(), EN);
        assertThat(f.facts()).extracting(ProfileFact::label).containsExactly("Last visit", "Segment", "Stage", "Churn risk",
                "Lifetime value, 52 weeks", "Next visit expected");
        List<String> lines = labelled(f.facts());
        assertThat(lines.get(0)).isEqualTo(c.metrics().recencyDays() == 0 ? "Last visit: Today"
                : c.metrics().recencyDays() == 1 ? "Last visit: Yesterday" : "Last visit: " + c.metrics().recencyDays() + " days ago");
        assertThat(lines.get(1)).isEqualTo("Segment: " + EN.get(c.segment().key()));
        assertThat(lines.get(2)).isEqualTo("Stage: Mature");
        assertThat(lines.get(3)).matches("Churn risk: (Low|Medium|High)");
        assertThat(lines.get(4)).startsWith("Lifetime value, 52 weeks: ");
        if (c.prediction().risk(index.current().settings()) == Prediction.Risk.LOW) {
            assertThat(f.riskReason()).as("mature, with a low churn risk: not at risk").isNull();
        } else {
            assertThat(f.riskReason()).isNotBlank();
        }
    }

    @Test
    void theNextVisitIsTheLastOnePlusTheUsualInterval() {
        CustomerInsight c = first(x -> x.metrics().usualIntervalDays() != null);
        assertThat(InsightFacts.nextVisit(c, TestStores.TODAY, InsightSettings.DEFAULTS))
                .isEqualTo(c.metrics().lastDay().plusDays(Math.round(c.metrics().usualIntervalDays())));
        CustomerInsight once = first(x -> x.metrics().usualIntervalDays() == null && x.prediction().expectedPurchases() > 0.1);
        assertThat(InsightFacts.nextVisit(once, TestStores.TODAY, InsightSettings.DEFAULTS)).isAfter(TestStores.TODAY);
    }

    @Test
    void aCustomerAtRiskGetsTheReasonAndTheSegmentsAdvice() {
        CustomerInsight c = first(x -> x.lifecycle() == Lifecycle.DECLINING && x.metrics().usualIntervalDays() != null
                && x.metrics().recencyDays() > 2 * x.metrics().usualIntervalDays());
        BriefFacts.Facts f = facts.of(c.customerId(), EN);
        // The at-risk list's own wording (RiskReason), then the segment's advice.
        assertThat(f.riskReason()).startsWith("Usually every " + Math.round(c.metrics().usualIntervalDays()) + " days, now "
                + c.metrics().recencyDays() + " days").contains(EN.get(c.segment().key() + ".action"));
        assertThat(facts.of(c.customerId(), ZH).riskReason()).startsWith("通常每 " + Math.round(c.metrics().usualIntervalDays()) + " 天来一次，已 "
                + c.metrics().recencyDays() + " 天未来");
        assertThat(labelled(f.facts())).anyMatch(l -> l.startsWith("Next visit expected: ") && l.endsWith(", overdue"));
    }

    @Test
    void aCustomerWithoutAPurchaseIsAProspect() {
        Customer c = shop.customers().save(Customer.builder().name("New Face").phones("138 0000 0001").build());
        assertThat(labelled(facts.of(c.id(), EN).facts())).containsExactly("Last visit: No purchase yet", "Stage: Prospect");
        assertThat(facts.of(c.id(), EN).riskReason()).isNull();
    }

    @Test
    void theListColumnsShowSegmentStageAndValueClass() {
        CustomerInsight c = first(x -> true);
        InsightIndex.View v = index.current();
        long prospect = java.util.Arrays.stream(v.active()).boxed().filter(id -> v.of(id) == null).findFirst().orElseThrow();
        List<Long> ids = List.of(c.customerId(), prospect);
        assertThat(new InsightListColumn(InsightListColumn.Kind.SEGMENT, index, EN).values(ids))
                .containsExactlyEntriesOf(java.util.Map.of(c.customerId(), EN.get(c.segment().key())));
        assertThat(new InsightListColumn(InsightListColumn.Kind.STAGE, index, ZH).values(ids))
                .containsEntry(c.customerId(), ZH.get(c.lifecycle().key())).containsEntry(prospect, ZH.get("insight.lifecycle.prospect"));
        assertThat(new InsightListColumn(InsightListColumn.Kind.VALUE, index, EN).title()).isEqualTo("Value class");
    }

    @Test
    void theSettingsAreReadAgainOnlyAfterTheyAreSaved() {
        InsightIndex fresh = new InsightIndex(shop.services().get(InsightService.class), shop.settings());
        InsightSettings before = fresh.current().settings();
        assertThat(fresh.current().settings()).as("kept while nothing is saved").isSameAs(before);
        InsightSettings longer = before.withHorizonWeeks(before.horizonWeeks() + 1);
        longer.save(shop.settings());
        try {
            assertThat(fresh.current().settings()).isEqualTo(longer);
            assertThat(fresh.current().snapshot().settings()).isEqualTo(longer);
        } finally {
            before.save(shop.settings());
        }
        assertThat(fresh.current().settings()).isEqualTo(before);
    }

    @Test
    void theFiltersHoldWhatTheChartsCount() {
        InsightListFilters filters = new InsightListFilters(index, EN, new app.regulars.feature.Extensions());
        assertThat(filters.all()).hasSize(Segment.values().length + Lifecycle.values().length + ValueClass.values().length);
        assertThat(filters.all().stream().map(ListFilter::id).collect(Collectors.toSet())).hasSize(filters.all().size());
        InsightSnapshot s = index.current().snapshot();
        for (Segment seg : Segment.values()) {
            assertThat(filters.segment(seg).customerIds()).hasSize(s.segmentCounts().get(seg));
        }
        for (Lifecycle l : Lifecycle.values()) {
            assertThat(filters.stage(l).customerIds()).as(l.name()).hasSize(s.lifecycleCounts().get(l));
        }
        assertThat(filters.segment(Segment.IMPORTANT_VALUE).label()).isEqualTo("Segment: Important value");
        assertThat(new InsightListFilters(index, ZH, new app.regulars.feature.Extensions()).valueClass(ValueClass.CORE).label())
                .isEqualTo("价值等级：核心");
        Set<Long> core = filters.valueClass(ValueClass.CORE).customerIds();
        assertThat(core).isNotEmpty().allMatch(id -> index.current().of(id).valueClass() == ValueClass.CORE);
    }

    @Test
    void theVisitBriefCarriesTheSummaryAndWhyTheCustomerIsAtRisk() throws IOException {
        CustomerInsight c = first(x -> x.lifecycle() == Lifecycle.DECLINING && x.prediction() != null);
        FollowUpReports reports = new FollowUpReports(shop.followUps(), shop.customers(), shop.membership(), facts, EN);
        FollowUpReports.Brief brief = reports.brief(c.customerId());
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        reports.briefsPdf(List.of(brief), TableLayout.Paper.A4, pdf);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        var m = shop.membership().snapshot(c.customerId());
        assertThat(text).contains("Summary").contains("Tier: " + m.tier().displayName(EN))
                .contains("Points: " + String.format(Locale.ENGLISH, "%,d", m.pointsBalance()))
                .contains("Spend, 12 months: ").contains("Last visit: ").contains("Segment: " + EN.get(c.segment().key()))
                .contains("Stage: Declining").contains("Churn risk: ").contains("Lifetime value, 52 weeks: ")
                .contains("Needs attention: ").contains(EN.get(c.segment().key() + ".action"));
        assertThat(text.indexOf("Needs attention: ")).as("the reason comes first, under the summary's heading")
                .isLessThan(text.indexOf("Tier: "));
    }

    @Test
    void withTooLittleHistoryTheSummarySaysWhatTheModelNeeds(@TempDir Path dir) {
        try (AppContext small = TestStores.open(dir)) {
            TestStores.addKnownCustomers(small.customers());
            Customer wang = small.customers().byCode("000001").orElseThrow();
            small.membership().recordPurchase(wang.id(), TestStores.TODAY.minusDays(40).atTime(15, 0), new BigDecimal("120.00"), null);
            small.membership().recordPurchase(wang.id(), TestStores.TODAY.minusDays(12).atTime(15, 0), new BigDecimal("80.00"), null);
            BriefFacts smallFacts = small.services().get(BriefFacts.class);
            Segment segment = new InsightIndex(small.services().get(InsightService.class), small.settings()).current()
                    .of(wang.id()).segment();
            assertThat(labelled(smallFacts.of(wang.id(), EN).facts())).containsExactly("Last visit: 12 days ago",
                    "Segment: " + EN.get(segment.key()), "Stage: New", "Next visit expected: Dec 9, 2026",
                    "Churn risk and lifetime value: Need about 50 repeat customers, have 1");
            assertThat(labelled(smallFacts.of(wang.id(), ZH).facts())).last()
                    .isEqualTo("流失风险与客户价值: 需要约 50 位回头客，目前 1 位");
        }
    }
}
