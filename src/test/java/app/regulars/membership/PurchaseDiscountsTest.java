package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static app.regulars.testing.TestStores.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Coupons used at the counter and the tier discount (issue 12, items 1 and 2). */
class PurchaseDiscountsTest {
    @TempDir
    Path dir;
    private AppContext context;
    private MembershipService m;
    private long alice;
    private long bob;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        m = context.membership();
        alice = context.customers().save(Customer.builder().name("Alice").phones("138 0000 0001").build()).id();
        bob = context.customers().save(Customer.builder().name("Bob").phones("138 0000 0002").build()).id();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    private Coupon amountCoupon(long customer, String amount) {
        return m.issueCoupon(customer, money(amount), null, TODAY, TODAY.plusDays(30), null);
    }

    private Coupon percentCoupon(long customer, String percent) {
        return m.issueCoupon(customer, null, money(percent), TODAY, TODAY.plusDays(30), null);
    }

    private Coupon coupon(long customer, long id) {
        return m.coupons(customer).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** The customer's stored running 12-month spend (V005's invariant: the sum of what was paid). */
    private BigDecimal spend12(long customer) {
        return context.database().dsl().fetchValue("SELECT spend_12m FROM customer_membership WHERE customer_id = ?", customer)
                instanceof BigDecimal b ? b : null;
    }

    /** Makes Alice a Gold member (10 % off) with a purchase of 5,000 two months ago. */
    private void makeAliceGold() {
        m.recordPurchase(alice, LocalDateTime.of(2026, 9, 1, 12, 0), money("5000"), null);
        assertThat(m.tierOf(alice).name()).isEqualTo("Gold");
        assertThat(m.tierOf(alice).discountPercent()).isEqualByComparingTo("10");
    }

    @Test
    void anAmountCouponIsTakenOffAndUsedWithThePurchase() {
        Coupon c = amountCoupon(alice, "20");
        Purchase p = m.recordPurchase(alice, null, money("200"), "tea", true, c.id());
        assertThat(p.amount()).isEqualByComparingTo("180.00");
        assertThat(p.amountBefore()).isEqualByComparingTo("200.00");
        assertThat(p.couponDiscount()).isEqualByComparingTo("20.00");
        assertThat(p.memberDiscount()).isNull(); // Bronze: no tier discount
        assertThat(p.couponCode()).isEqualTo(c.code());
        assertThat(p.points()).isEqualTo(180);
        Coupon used = coupon(alice, c.id());
        assertThat(used.redeemedAt()).isEqualTo(TODAY.atTime(10, 0));
        assertThat(used.purchaseId()).isEqualTo(p.id());
        assertThat(used.status(TODAY)).isEqualTo(Coupon.Status.USED);
        assertThat(m.usableCoupons(alice)).isEmpty();
        assertThat(m.purchases(alice, 5)).singleElement().extracting(Purchase::couponCode).isEqualTo(c.code());
    }

    @Test
    void theMemberDiscountComesFirstThenTheCouponOnWhatIsLeft() {
        makeAliceGold();
        Coupon twenty = amountCoupon(alice, "20");
        Purchase p = m.recordPurchase(alice, null, money("200"), null, true, twenty.id());
        assertThat(p.amount()).isEqualByComparingTo("160.00"); // 200 - 10 % = 180, - 20
        assertThat(p.memberDiscount()).isEqualByComparingTo("20.00");
        assertThat(p.couponDiscount()).isEqualByComparingTo("20.00");
        assertThat(p.amountBefore()).isEqualByComparingTo("200.00");

        Coupon tenPercent = percentCoupon(alice, "10");
        Purchase q = m.recordPurchase(alice, null, money("99.99"), null, true, tenPercent.id());
        // 99.99 - 10.00 (10 %, half up) = 89.99; - 9.00 (10 % of 89.99, half up) = 80.99
        assertThat(q.memberDiscount()).isEqualByComparingTo("10.00");
        assertThat(q.couponDiscount()).isEqualByComparingTo("9.00");
        assertThat(q.amount()).isEqualByComparingTo("80.99");
        assertThat(q.points()).isEqualTo(80);

        Purchase full = m.recordPurchase(alice, null, money("50"), null, false, null); // the member discount left off
        assertThat(full.amount()).isEqualByComparingTo("50.00");
        assertThat(full.amountBefore()).isNull();
        assertThat(full.memberDiscount()).isNull();
        assertThat(full.discounted()).isFalse();

        Purchase member = m.recordPurchase(alice, null, money("50"), null, true, null);
        assertThat(member.amount()).isEqualByComparingTo("45.00");
        assertThat(member.memberDiscount()).isEqualByComparingTo("5.00");
        assertThat(member.couponCode()).isNull();
    }

    @Test
    void pointsTiersAndTotalsCountWhatWasPaid() {
        Coupon c = amountCoupon(alice, "100");
        Purchase p = m.recordPurchase(alice, null, money("1050"), null, true, c.id()); // 1,050 listed would make Silver
        assertThat(p.amount()).isEqualByComparingTo("950.00");
        assertThat(m.balance(alice)).isEqualTo(950);
        assertThat(m.tierOf(alice).name()).isEqualTo("Bronze");
        assertThat(spend12(alice)).isEqualByComparingTo("950.00");
        assertThat(m.totals(alice).total()).isEqualByComparingTo("950.00");
        m.recordPurchase(alice, null, money("60"), null, true, null);
        assertThat(m.tierOf(alice).name()).isEqualTo("Silver");
        assertThat(spend12(alice)).isEqualByComparingTo("1010.00");
    }

    @Test
    void aCouponWorthMoreThanThePriceLeavesNothingToPayNeverLess() {
        makeAliceGold();
        Coupon c = amountCoupon(alice, "50");
        Purchase p = m.recordPurchase(alice, null, money("30"), null, true, c.id());
        assertThat(p.amount()).isEqualByComparingTo("0.00");
        assertThat(p.memberDiscount()).isEqualByComparingTo("3.00");
        assertThat(p.couponDiscount()).isEqualByComparingTo("27.00");
        assertThat(p.points()).isZero();
        assertThat(Price.of(money("30"), null, c).toPay()).isEqualByComparingTo("0.00");
    }

    @Test
    void aCouponIsUsedOnlyOnceAndAFailedPurchaseRecordsNothing() {
        Coupon c = amountCoupon(alice, "20");
        m.recordPurchase(alice, null, money("100"), null, true, c.id());
        int balance = m.balance(alice);
        assertThatThrownBy(() -> m.recordPurchase(alice, null, money("100"), null, true, c.id()))
                .isInstanceOf(UserException.class).hasMessage("membership.error.couponUsed");
        assertThat(m.purchases(alice, 10)).hasSize(1);
        assertThat(m.balance(alice)).isEqualTo(balance);
        assertThatThrownBy(() -> m.useCoupon(c.id(), null)).hasMessage("membership.error.couponUsed");

        Coupon bobs = amountCoupon(bob, "20");
        assertThatThrownBy(() -> m.recordPurchase(alice, null, money("100"), null, true, bobs.id()))
                .hasMessage("membership.error.couponNotTheirs");
        Coupon old = m.issueCoupon(alice, money("5"), null, TODAY.minusDays(30), TODAY.minusDays(1), null);
        assertThatThrownBy(() -> m.recordPurchase(alice, null, money("100"), null, true, old.id()))
                .hasMessage("membership.error.couponExpired");
        assertThat(old.status(TODAY)).isEqualTo(Coupon.Status.EXPIRED);
        assertThat(m.purchases(alice, 10)).hasSize(1);
        assertThat(coupon(bob, bobs.id()).redeemedAt()).isNull();
    }

    @Test
    void twoCountersUsingTheSameCouponAtOnceOnlyOneSucceeds() throws Exception {
        Coupon c = amountCoupon(alice, "20");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            work.add(() -> {
                go.await();
                try {
                    m.recordPurchase(alice, null, money("100"), null, true, c.id());
                    return true;
                } catch (UserException e) {
                    assertThat(e.key()).isEqualTo("membership.error.couponUsed");
                    return false;
                }
            });
        }
        List<Future<Boolean>> results = new ArrayList<>();
        for (Callable<Boolean> w : work) {
            results.add(pool.submit(w));
        }
        go.countDown();
        int succeeded = 0;
        for (Future<Boolean> f : results) {
            succeeded += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(1);
        assertThat(m.purchases(alice, 10)).hasSize(1);
    }

    @Test
    void voidingThePurchaseGivesTheCouponBack() {
        Coupon c = percentCoupon(alice, "15");
        Purchase p = m.recordPurchase(alice, null, money("200"), null, true, c.id());
        assertThat(p.amount()).isEqualByComparingTo("170.00");
        Purchase voided = m.voidPurchase(p.id(), "wrong customer");
        assertThat(voided.voided()).isTrue();
        assertThat(voided.couponCode()).isNull();
        assertThat(voided.couponDiscount()).isEqualByComparingTo("30.00"); // what it took off stays with the voided purchase
        Coupon back = coupon(alice, c.id());
        assertThat(back.redeemedAt()).isNull();
        assertThat(back.purchaseId()).isNull();
        assertThat(back.status(TODAY)).isEqualTo(Coupon.Status.UNUSED);
        assertThat(m.usableCoupons(alice)).extracting(Coupon::id).containsExactly(c.id());
        assertThat(spend12(alice)).isEqualByComparingTo("0.00");
        assertThat(m.recordPurchase(alice, null, money("100"), null, true, c.id()).amount()).isEqualByComparingTo("85.00");
    }

    @Test
    void editingADiscountedPurchaseChangesWhatWasPaidAndKeepsItsDiscounts() {
        makeAliceGold();
        Coupon c = amountCoupon(alice, "20");
        Purchase p = m.recordPurchase(alice, null, money("200"), null, true, c.id());
        Purchase edited = m.editPurchase(p.id(), null, money("170"), "two cups");
        assertThat(edited.amount()).isEqualByComparingTo("170.00");
        assertThat(edited.memberDiscount()).isEqualByComparingTo("20.00");
        assertThat(edited.couponDiscount()).isEqualByComparingTo("20.00");
        assertThat(edited.amountBefore()).isEqualByComparingTo("210.00");
        assertThat(edited.couponCode()).isEqualTo(c.code());
        assertThat(edited.points()).isEqualTo(170);
        assertThat(spend12(alice)).isEqualByComparingTo("5170.00");
    }

    @Test
    void useMarksACouponUsedWithAPurchaseOfTheSameCustomerOnly() {
        Purchase alices = m.recordPurchase(alice, null, money("80"), null);
        Purchase bobs = m.recordPurchase(bob, null, money("80"), null);
        Coupon c = amountCoupon(alice, "10");
        assertThatThrownBy(() -> m.useCoupon(c.id(), bobs.id())).hasMessage("membership.error.couponOtherCustomer");
        assertThatThrownBy(() -> m.useCoupon(c.id(), 9999L)).hasMessage("membership.error.purchaseIdUnknown");
        assertThatThrownBy(() -> m.useCoupon(9999L, null)).hasMessage("membership.error.couponIdUnknown");
        assertThat(coupon(alice, c.id()).redeemedAt()).isNull();
        Coupon used = m.useCoupon(c.id(), alices.id());
        assertThat(used.purchaseId()).isEqualTo(alices.id());
        assertThat(used.redeemedAt()).isNotNull();
        assertThat(m.purchases(alice, 1).getFirst().couponCode()).isEqualTo(c.code());
        assertThat(m.purchases(alice, 1).getFirst().amount()).isEqualByComparingTo("80.00"); // as recorded
        Coupon another = amountCoupon(alice, "10");
        assertThatThrownBy(() -> m.useCoupon(another.id(), alices.id())).hasMessage("membership.error.purchaseHasCoupon");
        m.voidPurchase(alices.id(), "returned");
        assertThat(coupon(alice, c.id()).status(TODAY)).isEqualTo(Coupon.Status.UNUSED);
        assertThat(m.useCoupon(c.id(), null).purchaseId()).isNull();
    }

    @Test
    void theExportKeepsItsColumnsAndAddsTheDiscountsAtTheEnd() {
        makeAliceGold();
        Coupon c = amountCoupon(alice, "20");
        Purchase p = m.recordPurchase(alice, LocalDateTime.of(2026, 11, 23, 9, 0), money("200"), "tea", true, c.id());
        List<List<Object>> rows = new ArrayList<>();
        m.forEachPurchase(rows::add);
        assertThat(rows).hasSize(2);
        List<Object> last = rows.getLast();
        assertThat(last).hasSize(13);
        assertThat(last.subList(3, 6)).containsExactly(money("160.00"), 160, "tea");
        assertThat(last.subList(8, 13)).containsExactly(money("200.00"), money("20.00"), c.code(), money("20.00"), p.id());
        assertThat(rows.getFirst().subList(8, 12)).containsOnlyNulls();
    }
}
