package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpTitles;
import app.regulars.followup.FollowUpFilter;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpStatus;
import app.regulars.i18n.Messages;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class WinbackServiceTest {
    static final Messages EN = new Messages(Locale.ENGLISH);
    static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @TempDir
    Path dir;
    AppContext ctx;
    WinbackService winback;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        winback = ctx.services().get(WinbackService.class);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    List<FollowUp> winbacks() {
        return ctx.followUps().between(LocalDate.of(2020, 1, 1).atStartOfDay(), LocalDate.of(2030, 1, 1).atStartOfDay(),
                new FollowUpFilter(FollowUpKind.WIN_BACK, null, null, null));
    }

    @Test
    void atRiskListsDecliningCustomersAndChurnedCoreOnesTheMostValuableFirst() {
        WinbackShop shop = new WinbackShop(ctx);
        AtRiskList list = winback.atRisk(TestStores.TODAY);
        assertThat(list.modelFitted()).isFalse();
        assertThat(list.customers()).extracting(AtRiskCustomer::name).containsExactly("Ann", "Eve", "Bo", "Fay", "Dee");
        assertThat(list.customers()).extracting(AtRiskCustomer::valueAtRisk)
                .containsExactly(new BigDecimal("200.00"), new BigDecimal("90.00"), new BigDecimal("40.00"),
                        new BigDecimal("26.00"), new BigDecimal("0.00"));
        AtRiskCustomer ann = list.customers().getFirst();
        assertThat(ann.lifecycle()).isEqualTo(Lifecycle.DECLINING);
        assertThat(ann.reason().text(EN)).isEqualTo("usually every 21 days, now 112 days");
        assertThat(ann.reason().text(ZH)).isEqualTo("通常每 21 天来一次，已 112 天未来");
        AtRiskCustomer dee = list.customers().getLast();
        assertThat(dee.lifecycle()).isEqualTo(Lifecycle.CHURNED);
        assertThat(dee.valueClass()).isEqualTo(ValueClass.CORE);
        assertThat(dee.reason().text(EN)).isEqualTo("no purchase for 1,048 days");
        assertThat(list.customers()).noneMatch(c -> c.customerId() == shop.cai);
    }

    @Test
    void reasonsRenderPAliveAndBothInEitherLanguage() {
        RiskReason both = new RiskReason(21, 64, 0.2345, true, true);
        assertThat(both.text(EN)).isEqualTo("usually every 21 days, now 64 days; P(alive) 0.23");
        assertThat(both.text(ZH)).isEqualTo("通常每 21 天来一次，已 64 天未来；存活概率 0.23");
        assertThat(new RiskReason(null, 30, 0.4, false, true).text(EN)).isEqualTo("P(alive) 0.40");
    }

    @Test
    void planningRespectsConsentAndNeverPlansASecondWinback() {
        WinbackShop shop = new WinbackShop(ctx);
        List<AtRiskCustomer> all = winback.atRisk(TestStores.TODAY).customers();
        WinbackPlan plan = new WinbackPlan("Lin", LocalDate.of(2026, 11, 25), new BigDecimal("20"), 30);
        WinbackResult first = winback.plan(all, plan, EN);
        // Ann, Eve, Fay planned; Bo has no consent; Dee opted out of every channel
        assertThat(first).isEqualTo(new WinbackResult(3, 0, 1, 1, 3));
        assertThat(first.summary(EN)).isEqualTo("Planned 3 win-backs (3 with a coupon); skipped 0 already planned, "
                + "1 without marketing consent, 1 opted out of every channel.");
        List<FollowUp> planned = winbacks();
        assertThat(planned).extracting(FollowUp::customerId).containsExactlyInAnyOrder(shop.ann, shop.eve, shop.fay);
        FollowUp eve = planned.stream().filter(f -> f.customerId() == shop.eve).findFirst().orElseThrow();
        assertThat(eve.owner()).isEqualTo("Lin");
        assertThat(eve.dueAt()).isEqualTo(LocalDate.of(2026, 11, 25).atStartOfDay());
        assertThat(eve.allDay()).isTrue();
        assertThat(eve.status()).isEqualTo(FollowUpStatus.PLANNED);
        assertThat(eve.notes()).contains("usually every 30 days, now 175 days").contains("Not by SMS (opted out).").contains("Coupon ");
        assertThat(ctx.membership().coupons(shop.eve)).hasSize(1);

        WinbackResult again = winback.plan(all, plan, EN);
        assertThat(again).isEqualTo(new WinbackResult(0, 3, 1, 1, 0));
        assertThat(winbacks()).hasSize(3);
        assertThat(ctx.membership().coupons(shop.eve)).as("no second coupon either").hasSize(1);
    }

    @Test
    void startOfDayPlansAWinbackDueTodayForNewlyAtRiskCustomersOnce() {
        WinbackShop shop = new WinbackShop(ctx);
        ctx.startOfDay(EN);
        List<FollowUp> planned = winbacks();
        assertThat(planned).extracting(FollowUp::customerId).containsExactly(shop.fay);
        assertThat(planned.getFirst().dueAt()).isEqualTo(TestStores.TODAY.atStartOfDay());
        assertThat(planned.getFirst().title()).isEqualTo("Win back: a regular at risk");
        assertThat(FollowUpTitles.of(planned.getFirst(), new Messages(Messages.CHINESE))).isEqualTo("挽回：有流失风险的老顾客");
        assertThat(ctx.followUps().anyDueByTonight()).isTrue();

        // done and the same day again, or the customer still lapsed tomorrow: no second one for this lapse
        ctx.followUps().setStatus(planned.getFirst().id(), FollowUpStatus.DONE);
        assertThat(winback.startOfDay(EN)).isEqualTo(WinbackResult.NONE);
        ctx.settings().put(WinbackService.CHECKED_ON, TestStores.TODAY.minusDays(5).toString());
        assertThat(winback.startOfDay(EN).planned()).isZero();
        assertThat(winbacks()).hasSize(1);
    }

    @Test
    void theDaysStartLeavesTheInsightsCurrentAfterItsWinbacks() {
        WinbackShop shop = new WinbackShop(ctx);
        InsightService insights = ctx.services().get(InsightService.class);
        ctx.startOfDay(EN);
        assertThat(winbacks()).as("the day's start wrote win-backs and its check").extracting(FollowUp::customerId)
                .containsExactly(shop.fay);
        assertThat(insights.stale()).as("computed after those writes: nothing for the refresher to read again").isFalse();
    }

    @Test
    void startOfDayPlansNothingWhenTurnedOff() {
        new WinbackShop(ctx);
        winback.setAutoPlan(false);
        assertThat(winback.startOfDay(EN)).isEqualTo(WinbackResult.NONE);
        assertThat(winbacks()).isEmpty();
    }

    @Test
    void noPurchasesMeansNobodyAtRisk() {
        new WinbackShop(ctx);
        AtRiskList none = winback.atRisk(LocalDate.of(2023, 1, 1));
        assertThat(none.customers()).isEmpty();
        assertThat(none.buyers()).isZero();
        assertThat(winback.plan(none.customers(), new WinbackPlan(null, TestStores.TODAY, null, 30), EN)).isEqualTo(WinbackResult.NONE);
    }
}
