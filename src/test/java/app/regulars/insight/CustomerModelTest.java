package app.regulars.insight;

import app.regulars.insight.CustomerModel.Fitted;
import app.regulars.insight.CustomerModel.NotEnoughHistory;
import app.regulars.insight.CustomerModel.Outcome;
import app.regulars.insight.CustomerModel.Shortfall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CustomerModelTest {
    private static List<RepeatHistory> cdnow;
    private static CustomerModel model;

    @BeforeAll
    static void fitCdnow() {
        cdnow = Cdnow.calibration();
        Outcome outcome = CustomerModel.fit(cdnow);
        assertThat(outcome).isInstanceOf(Fitted.class);
        model = ((Fitted) outcome).model();
    }

    @Test
    void noCustomersIsNotEnoughHistory() {
        assertThat(CustomerModel.fit(List.of()))
                .isEqualTo(new NotEnoughHistory(Shortfall.REPEAT_CUSTOMERS, 0, 50));
    }

    @Test
    void singleCustomerIsNotEnoughHistory() {
        assertThat(CustomerModel.fit(List.of(new RepeatHistory(3, 10, 20, 25.0))))
                .isEqualTo(new NotEnoughHistory(Shortfall.REPEAT_CUSTOMERS, 1, 50));
    }

    @Test
    void everyoneBuyingOnOneDayIsNotEnoughHistory() {
        List<RepeatHistory> oneDay = Collections.nCopies(5_000, new RepeatHistory(0, 0, 12, 0));
        assertThat(CustomerModel.fit(oneDay)).isEqualTo(new NotEnoughHistory(Shortfall.REPEAT_CUSTOMERS, 0, 50));
    }

    @Test
    void fortyNineRepeatCustomersAreOneTooFew() {
        List<RepeatHistory> few = new ArrayList<>(cdnow.stream().filter(h -> h.x() > 0).limit(49).toList());
        few.addAll(cdnow.stream().filter(h -> h.x() == 0).toList());
        assertThat(CustomerModel.fit(few)).isEqualTo(new NotEnoughHistory(Shortfall.REPEAT_CUSTOMERS, 49, 50));
    }

    @Test
    void repeatPurchasesOfZeroAmountsAreNotEnoughToValueSpend() {
        List<RepeatHistory> free = cdnow.stream()
                .map(h -> new RepeatHistory(h.x(), h.tx(), h.T(), 0.0))
                .toList();
        assertThat(CustomerModel.fit(free))
                .isEqualTo(new NotEnoughHistory(Shortfall.REPEAT_CUSTOMERS_WITH_SPEND, 0, 50));
    }

    @Test
    void identicalCustomersStillGiveAFiniteModel() {
        List<RepeatHistory> alike = new ArrayList<>(Collections.nCopies(60, new RepeatHistory(1, 1, 2, 10.0)));
        alike.addAll(Collections.nCopies(60, new RepeatHistory(0, 0, 2, 0)));
        Outcome outcome = CustomerModel.fit(alike);
        assertThat(outcome).isInstanceOf(Fitted.class);
        CustomerModel fitted = ((Fitted) outcome).model();
        for (RepeatHistory h : List.of(alike.get(0), alike.get(119))) {
            assertThat(fitted.pAlive(h)).isBetween(0.0, 1.0);
            assertThat(fitted.expectedPurchases(h, 52)).isFinite().isNotNegative();
            assertThat(fitted.expectedSpend(h)).isFinite().isPositive();
            assertThat(fitted.clv(h, 52, 0.3, 0.08)).isFinite().isNotNegative();
        }
    }

    @Test
    void everyoneOnOneDayFitsBgNbdToFiniteParameters() {
        BgNbd fit = BgNbd.fit(Collections.nCopies(100, new RepeatHistory(0, 0, 12, 0)));
        assertThat(DoubleStream.of(fit.r(), fit.alpha(), fit.a(), fit.b(), fit.logLikelihood()).allMatch(Double::isFinite)).isTrue();
        assertThat(fit.expectedPurchases(52, 0, 0, 12)).isFinite().isNotNegative();
    }

    @Test
    void identicalSpendsFitGammaGammaToFiniteParameters() {
        GammaGamma fit = GammaGamma.fit(Collections.nCopies(100, new RepeatHistory(2, 3, 5, 42.0)));
        assertThat(DoubleStream.of(fit.p(), fit.q(), fit.gamma(), fit.logLikelihood()).allMatch(Double::isFinite)).isTrue();
        assertThat(fit.expectedSpend(2, 42.0)).isCloseTo(42.0, within(1.0));
    }

    @Test
    void lifetimeValueIsExpectedPurchasesTimesSpendTimesMargin() {
        RepeatHistory customer1 = cdnow.get(0);
        double purchases = model.expectedPurchases(customer1, 39);
        double spend = model.expectedSpend(customer1);
        assertThat(model.clv(customer1, 39)).isCloseTo(purchases * spend, within(1e-9));
        assertThat(model.clv(customer1, 39, 0.25, 0)).isCloseTo(0.25 * purchases * spend, within(1e-9));
        assertThat(model.clv(customer1, 0)).isZero();
    }

    @Test
    void discountingLowersTheValueAndVanishesAsTheRateGoesToZero() {
        RepeatHistory customer1 = cdnow.get(0);
        double undiscounted = model.clv(customer1, 104);
        double discounted = model.clv(customer1, 104, 1.0, 0.10);
        assertThat(discounted).isLessThan(undiscounted).isGreaterThan(undiscounted / 1.21);
        assertThat(model.clv(customer1, 104, 1.0, 1e-9)).isCloseTo(undiscounted, within(1e-6));
        assertThat(model.clv(customer1, 10.5, 1.0, 1e-9)).isCloseTo(model.clv(customer1, 10.5), within(1e-6));
    }

    @Test
    void everyCdnowCustomerGetsFinitePredictions() {
        for (RepeatHistory h : cdnow) {
            assertThat(model.pAlive(h)).isBetween(0.0, 1.0);
            assertThat(model.clv(h, 52, 1.0, 0.1)).isFinite().isNotNegative();
        }
    }
}
