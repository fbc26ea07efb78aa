package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Birthday;
import app.regulars.customer.Consent;
import app.regulars.customer.Customer;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipServiceTest {
    @TempDir
    Path dir;
    private AppContext context;
    private MembershipService m;
    private long alice;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        m = context.membership();
        alice = context.customers().save(Customer.builder().name("Alice").phones("138 0000 0001").build()).id();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    private LocalDateTime at(int y, int mo, int d) {
        return LocalDateTime.of(y, mo, d, 12, 0);
    }

    private String tierName(long customerId) {
        return m.tierOf(customerId).name();
    }

    @Test
    void aPurchaseEarnsPointsAtTheTierRateAndTheBalanceIsTheLedgerSum() {
        Purchase p = m.recordPurchase(alice, at(2026, 11, 20, 0), money("128.50"), "龙井 2 两");
        assertThat(p.points()).isEqualTo(128);
        assertThat(m.balance(alice)).isEqualTo(128);
        assertThat(m.ledger(alice, 10)).extracting(PointEntry::kind).containsExactly(PointKind.EARNED);
        m.adjustPoints(alice, -28, "broken cup");
        assertThat(m.balance(alice)).isEqualTo(100);
        int sum = context.database().dsl().fetchValue("SELECT SUM(points) FROM point_entry WHERE customer_id = ?", alice) instanceof Number n ? n.intValue() : -1;
        assertThat(sum).isEqualTo(100);
        assertThat(m.totals(alice).total()).isEqualByComparingTo("128.50");
    }

    private LocalDateTime at(int y, int mo, int d, int h) {
        return LocalDateTime.of(y, mo, d, 10 + h, 0);
    }

    @Test
    void tiersChangeAtExactThresholdsAndEveryChangeIsRecorded() {
        m.recordPurchase(alice, at(2026, 11, 1), money("999.99"), null);
        assertThat(tierName(alice)).isEqualTo("Bronze");
        m.recordPurchase(alice, at(2026, 11, 2), money("0.01"), null);
        assertThat(tierName(alice)).isEqualTo("Silver");
        Purchase big = m.recordPurchase(alice, at(2026, 11, 3), money("4000.00"), null);
        assertThat(tierName(alice)).isEqualTo("Gold");
        m.voidPurchase(big.id(), "entered twice");
        assertThat(tierName(alice)).isEqualTo("Silver");
        List<TierChange> history = m.tierHistory(alice);
        assertThat(history).extracting(TierChange::toName).containsExactly("Silver", "Gold", "Silver");
        assertThat(history).extracting(TierChange::upgrade).containsExactly(false, true, true);
        assertThat(history.get(0).reason()).isEqualTo(TierChangeReason.VOID);
        assertThat(history.get(0).basis()).isEqualByComparingTo("1000.00");
    }

    /** The same store seen by a service whose clock says {@code day} (10:00). */
    private MembershipService on(LocalDate day) {
        return new MembershipService(context.database(), m.settings(),
                Clock.fixed(day.atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault()));
    }

    @Test
    void purchasesOlderThanTwelveMonthsDoNotCountAndEvaluationDowngrades() {
        m.recordPurchase(alice, at(2025, 11, 24), money("1000"), null); // inside the window (today 2026-11-23)
        assertThat(tierName(alice)).isEqualTo("Silver");
        m.recordPurchase(alice, at(2025, 11, 23), money("6000"), null); // one day too old
        assertThat(tierName(alice)).isEqualTo("Silver");
        m.settings().setRule(TierRule.POINTS_12_MONTHS);
        // The next day the 1,000 of 2025-11-24 leaves the window.
        MembershipService tomorrow = on(LocalDate.of(2026, 11, 24));
        assertThat(tomorrow.evaluateAll()).isEqualTo(1);
        assertThat(tierName(alice)).isEqualTo("Bronze");
        assertThat(tomorrow.tierHistory(alice).get(0).basis()).isEqualByComparingTo("0");
        // Set the clock back a day: it counts again.
        assertThat(m.evaluateAll()).isEqualTo(1);
        assertThat(tierName(alice)).isEqualTo("Silver");
    }

    /** Each customer's running totals against a fresh grouping of the purchases of the window of {@code today}. */
    private void assertTotalsMatchPurchases(LocalDate today) {
        var dsl = context.database().dsl();
        LocalDateTime from = today.minusYears(1).plusDays(1).atStartOfDay();
        assertThat(dsl.fetchOne("SELECT window_from FROM membership_window").get(0, LocalDateTime.class)).isEqualTo(from);
        var wrong = dsl.fetch("SELECT m.customer_id, m.points_12m, m.spend_12m, s.pts, s.amt FROM customer_membership m"
                + " LEFT JOIN (SELECT customer_id, SUM(points) AS pts, SUM(amount) AS amt FROM purchase"
                + "   WHERE voided = FALSE AND purchased_at >= ? GROUP BY customer_id) s ON s.customer_id = m.customer_id"
                + " WHERE m.points_12m <> COALESCE(s.pts, 0) OR m.spend_12m <> COALESCE(s.amt, 0)", from);
        assertThat(wrong).as("customers whose running totals differ from their purchases").isEmpty();
        assertThat(dsl.fetchOne("SELECT COUNT(*) FROM customer c WHERE NOT EXISTS"
                + " (SELECT 1 FROM customer_membership m WHERE m.customer_id = c.id)").get(0, Integer.class)).isZero();
    }

    @Test
    void runningTotalsAlwaysEqualTheWindowsPurchases() {
        long bob = context.customers().save(Customer.builder().name("Bob").phones("138 0000 0002").build()).id();
        java.util.Random random = new java.util.Random(42);
        List<Purchase> made = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 11, 23);
        for (int step = 0; step < 60; step++) {
            MembershipService svc = on(day);
            long who = random.nextBoolean() ? alice : bob;
            LocalDateTime when = day.atStartOfDay().minusDays(random.nextInt(400)).plusHours(random.nextInt(24));
            switch (random.nextInt(5)) {
                case 0, 1 -> made.add(svc.recordPurchase(who, when, money(random.nextInt(90_000) / 100 + ".00"), null));
                case 2 -> {
                    if (!made.isEmpty()) {
                        Purchase p = made.get(random.nextInt(made.size()));
                        try {
                            svc.editPurchase(p.id(), when, money(random.nextInt(50_000) / 100 + ".50"), "edited");
                        } catch (UserException spentOrVoided) {
                            // refused as a user would be told; nothing to check here
                        }
                    }
                }
                case 3 -> {
                    if (!made.isEmpty()) {
                        try {
                            svc.voidPurchase(made.get(random.nextInt(made.size())).id(), "test");
                        } catch (UserException spentOrVoided) {
                            // as above
                        }
                    }
                }
                default -> svc.importPurchases(List.of(new PurchaseLine(who, when, money("77.70"), "imported"),
                        new PurchaseLine(alice, when.minusDays(200), money("12.00"), null)));
            }
            svc.evaluateAll();
            assertTotalsMatchPurchases(day);
            // Time goes on, mostly forward, sometimes by months, once in a while back.
            int move = random.nextInt(10);
            day = move == 0 ? day.minusDays(3) : move == 1 ? day.plusMonths(2) : day.plusDays(random.nextInt(3));
        }
        assertThat(made).hasSizeGreaterThan(10);
    }

    @Test
    void rebuildRecountsTotalsChangedOutsideTheProgram() {
        m.recordPurchase(alice, at(2026, 11, 1), money("6000"), null);
        assertThat(tierName(alice)).isEqualTo("Gold");
        context.database().write(cfg -> cfg.dsl().execute("UPDATE purchase SET amount = 10"));
        assertThat(m.evaluateAll()).isZero(); // the totals do not know
        assertThat(m.rebuildAndEvaluate()).isEqualTo(1);
        assertThat(tierName(alice)).isEqualTo("Bronze");
        assertTotalsMatchPurchases(LocalDate.of(2026, 11, 23));
    }

    @Test
    void voidingReversesPointsAndIsRefusedWhenThePointsWereSpent() {
        Purchase p = m.recordPurchase(alice, null, money("300"), null);
        Purchase q = m.recordPurchase(alice, null, money("200"), null);
        m.voidPurchase(p.id(), "returned");
        assertThat(m.balance(alice)).isEqualTo(200);
        assertThat(m.ledger(alice, 10).get(0).kind()).isEqualTo(PointKind.REVERSED);
        assertThatThrownBy(() -> m.voidPurchase(p.id(), "again")).hasMessage("membership.error.purchaseVoided");
        Reward r = m.saveReward(new Reward(null, "Tea cup", 150, true));
        m.redeem(alice, r.id());
        assertThatThrownBy(() -> m.voidPurchase(q.id(), "returned")).isInstanceOf(UserException.class)
                .hasMessage("membership.error.voidPointsSpent");
        assertThat(m.balance(alice)).isEqualTo(50);
        assertThat(m.purchases(alice, 10)).filteredOn(Purchase::voided).hasSize(1);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> MembershipService.parseAmount("-5")).hasMessage("membership.error.amountNegative");
        assertThatThrownBy(() -> MembershipService.parseAmount("abc")).hasMessage("membership.error.amountNotNumber");
        assertThatThrownBy(() -> MembershipService.parseAmount("1.005")).hasMessage("membership.error.amountScale");
        assertThat(MembershipService.parseAmount("1,234.5")).isEqualByComparingTo("1234.50");
        assertThatThrownBy(() -> m.recordPurchase(alice, null, money("-1"), null)).hasMessage("membership.error.amountNegative");
        long zhang = context.customers().save(Customer.builder().name("张伟").build()).id();
        context.customers().archive(List.of(zhang));
        assertThatThrownBy(() -> m.recordPurchase(zhang, null, money("10"), null)).hasMessage("membership.error.customerArchived");
        Reward r = m.saveReward(new Reward(null, "Cake", 500, true));
        m.recordPurchase(alice, null, money("100"), null);
        assertThatThrownBy(() -> m.redeem(alice, r.id())).hasMessage("membership.error.notEnoughPoints");
        assertThat(m.balance(alice)).isEqualTo(100);
        assertThat(m.coupons(alice)).isEmpty();
        assertThat(m.purchases(zhang, 10)).isEmpty();
        assertThat(context.database().dsl().fetchCount(POINT_ENTRY)).isEqualTo(1);
    }

    @Test
    void tierSettingsRefuseGapsAndRemovingATierMovesItsMembers() {
        List<Tier> tiers = m.tiers();
        assertThat(tiers).extracting(Tier::name).containsExactly("Bronze", "Silver", "Gold", "Platinum");
        List<Tier> gap = new ArrayList<>(tiers.subList(1, 4)); // Silver starts at 1000: Bronze members would have none
        assertThatThrownBy(() -> m.saveTiers(gap)).hasMessage("membership.error.lowestThreshold");
        List<Tier> unordered = new ArrayList<>(tiers);
        unordered.set(1, tiers.get(2));
        unordered.set(2, tiers.get(1));
        assertThatThrownBy(() -> m.saveTiers(unordered)).hasMessage("membership.error.thresholdOrder");

        m.recordPurchase(alice, null, money("6000"), null);
        assertThat(tierName(alice)).isEqualTo("Gold");
        List<Tier> withoutGold = new ArrayList<>(List.of(tiers.get(0), tiers.get(1).renamed("Jade"), tiers.get(3)));
        List<Tier> saved = m.saveTiers(withoutGold);
        assertThat(saved).extracting(Tier::name).containsExactly("Bronze", "Jade", "Platinum");
        assertThat(saved.get(1).nameKey()).isNull();
        assertThat(tierName(alice)).isEqualTo("Jade");
        assertThat(m.tierHistory(alice).get(0).reason()).isEqualTo(TierChangeReason.SETTINGS);
    }

    @Test
    void expiryTakesTheOldestPointsFirstAcrossYearEnds() {
        m.settings().setExpiryMonths(12);
        m.recordPurchase(alice, at(2025, 12, 30), money("100"), null); // expires 2026-12-30
        m.recordPurchase(alice, at(2026, 1, 2), money("50"), null);    // expires 2027-01-02
        m.adjustPoints(alice, -120, "gift");                             // takes 100 from the first lot, 20 from the second
        assertThat(m.expire(LocalDate.of(2026, 12, 31))).isZero();
        assertThat(m.balance(alice)).isEqualTo(30);
        assertThat(m.expire(LocalDate.of(2027, 1, 2))).isEqualTo(30);
        assertThat(m.balance(alice)).isZero();
        assertThat(m.ledger(alice, 1).get(0).kind()).isEqualTo(PointKind.EXPIRED);
        assertThat(m.expire(LocalDate.of(2027, 6, 1))).isZero();
    }

    @Test
    void expiryLeavesWhatIsNotDueYet() {
        m.settings().setExpiryMonths(12);
        m.recordPurchase(alice, at(2025, 12, 31), money("80"), null);
        m.recordPurchase(alice, at(2026, 1, 1), money("20"), null);
        assertThat(m.expire(LocalDate.of(2026, 12, 31))).isEqualTo(80);
        assertThat(m.balance(alice)).isEqualTo(20);
    }

    @Test
    void concurrentPurchasesAndRedemptionsLoseNothingAndNeverGoNegative() throws Exception {
        Reward r = m.saveReward(new Reward(null, "Sample", 30, true));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicInteger redeemed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            work.add(() -> {
                m.recordPurchase(alice, null, money("10"), null);
                return null;
            });
            work.add(() -> {
                try {
                    m.redeem(alice, r.id());
                    redeemed.incrementAndGet();
                } catch (UserException e) {
                    assertThat(e.key()).isEqualTo("membership.error.notEnoughPoints");
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(work)) {
            f.get();
        }
        pool.shutdown();
        assertThat(redeemed.get() + refused.get()).isEqualTo(40);
        assertThat(m.balance(alice)).isEqualTo(400 - 30 * redeemed.get()).isGreaterThanOrEqualTo(0);
        assertThat(m.purchases(alice, 100)).hasSize(40);
        assertThat(m.coupons(alice)).hasSize(redeemed.get());
        Integer remaining = context.database().dsl().fetchValue("SELECT CAST(SUM(remaining) AS INT) FROM point_entry WHERE customer_id = ?", alice) instanceof Number n ? n.intValue() : null;
        assertThat(remaining).isEqualTo(m.balance(alice));
        Integer negatives = context.database().dsl().fetchValue("SELECT COUNT(*) FROM point_entry WHERE remaining < 0") instanceof Number n ? n.intValue() : null;
        assertThat(negatives).isZero();
    }

    @Test
    void couponsByHandForBirthdaysOnceAndRedeemedOnce() {
        long bday = context.customers().save(Customer.builder().name("曾晓燕").birthday(Birthday.solar(LocalDate.of(1992, 11, 27)))
                .consent(new Consent(true, LocalDate.of(2025, 3, 1), Set.of())).build()).id();
        context.customers().save(Customer.builder().name("No consent").birthday(Birthday.solar(LocalDate.of(1990, 11, 25))).build());
        assertThat(m.issueBirthdayCoupons(TestStores.TODAY)).isEqualTo(1);
        assertThat(m.issueBirthdayCoupons(TestStores.TODAY)).isZero();
        Coupon c = m.coupons(bday).get(0);
        assertThat(c.kind()).isEqualTo(CouponKind.BIRTHDAY);
        assertThat(c.validUntil()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThatThrownBy(() -> m.issueCoupon(alice, money("5"), money("10"), TestStores.TODAY, TestStores.TODAY, null))
                .hasMessage("membership.error.couponValue");
        Coupon manual = m.issueCoupon(alice, null, money("10"), TestStores.TODAY, TestStores.TODAY.plusDays(30), "welcome");
        assertThat(m.redeemCoupon(manual.code()).redeemedAt()).isNotNull();
        assertThatThrownBy(() -> m.redeemCoupon(manual.code())).hasMessage("membership.error.couponUsed");
    }

    @Test
    void startOfDayExpiresDuePointsAndIssuesBirthdayCouponsOnce() {
        m.settings().setExpiryMonths(12);
        m.recordPurchase(alice, at(2025, 11, 20), money("300"), null); // expires 2026-11-20: due
        m.recordPurchase(alice, at(2026, 1, 5), money("50"), null);    // expires 2027-01-05
        long bday = context.customers().save(Customer.builder().name("曾晓燕").birthday(Birthday.solar(LocalDate.of(1992, 11, 27)))
                .consent(new Consent(true, LocalDate.of(2025, 3, 1), Set.of())).build()).id();
        assertThat(m.startOfDay()).isEqualTo(new MembershipService.DayStart(300, 1));
        assertThat(m.balance(alice)).isEqualTo(50);
        assertThat(m.ledger(alice, 10).get(0).kind()).isEqualTo(PointKind.EXPIRED);
        assertThat(m.coupons(bday)).hasSize(1);
        assertThat(m.startOfDay()).isEqualTo(new MembershipService.DayStart(0, 0));
        m.settings().setBirthdayCouponsAutomatic(false);
        context.customers().save(Customer.builder().name("Late").birthday(Birthday.solar(LocalDate.of(1990, 11, 28)))
                .consent(new Consent(true, LocalDate.of(2025, 3, 1), Set.of())).build());
        assertThat(m.startOfDay().birthdayCoupons()).isZero();
    }

    @Test
    void snapshotGivesTierBalanceSpendAndLastPurchases() {
        for (int i = 1; i <= 7; i++) {
            m.recordPurchase(alice, at(2026, 11, i), money("200"), "visit " + i);
        }
        MembershipSnapshot s = m.snapshot(alice);
        assertThat(s.tier().name()).isEqualTo("Silver");
        assertThat(s.pointsBalance()).isEqualTo(1400);
        assertThat(s.spend12Months()).isEqualByComparingTo("1400.00");
        assertThat(s.lastPurchases()).hasSize(MembershipService.LAST_PURCHASES).first().extracting(Purchase::note).isEqualTo("visit 7");
    }
}
