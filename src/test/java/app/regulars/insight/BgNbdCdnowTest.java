package app.regulars.insight;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The BG/NBD fit on the CDNOW sample reproduces Fader, Hardie &amp; Lee (2005), table/fig. on
 * the 39-week calibration period: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
 *
 * <p>How the summary is built, so the numbers match: each customer's clock starts on their
 * own first purchase day (T = weeks from it to 1997-09-30, for customer 1 from 1997-01-01:
 * 272 days = 38.86 weeks); several purchases on one day are one purchase (lifetimes groups
 * the transactions by customer and day before counting; 946 customers then repeat, as the
 * papers report); times are days / 7.
 */
class BgNbdCdnowTest {
    private static List<RepeatHistory> histories;
    private static BgNbd fit;

    @BeforeAll
    static void fitOnce() {
        histories = Cdnow.calibration();
        fit = BgNbd.fit(histories);
    }

    @Test
    void summaryMatchesThePublishedCalibrationData() {
        assertThat(histories).hasSize(2357);
        assertThat(histories.stream().filter(h -> h.x() > 0).count()).isEqualTo(946);
        RepeatHistory first = histories.get(0);
        assertThat(first.x()).isEqualTo(2);
        assertThat(first.tx()).isCloseTo(30.43, within(0.005));
        assertThat(first.T()).isCloseTo(38.86, within(0.005));
    }

    @Test
    void fitReproducesThePublishedParameters() {
        assertThat(fit.r()).isCloseTo(0.243, within(0.005));
        assertThat(fit.alpha()).isCloseTo(4.414, within(0.02));
        assertThat(fit.a()).isCloseTo(0.793, within(0.02));
        assertThat(fit.b()).isCloseTo(2.426, within(0.02));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.5));
    }

    @Test
    void groupedLikelihoodEqualsTheSumOverCustomers() {
        double sum = histories.stream().mapToDouble(fit::logLikelihood).sum();
        assertThat(sum).isCloseTo(fit.logLikelihood(), within(1e-6));
    }

    @Test
    void paperWorkedExampleExpectsAbout1point226PurchasesInThe39WeeksAhead() {
        BgNbd published = BgNbd.of(0.243, 4.414, 0.793, 2.426);
        assertThat(published.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
        assertThat(fit.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.005));
    }

    @Test
    void customerWhoRecentlyBoughtIsMoreLikelyAliveThanOneLongGone() {
        assertThat(fit.pAlive(2, 38, 38.86)).isGreaterThan(fit.pAlive(2, 5, 38.86));
        assertThat(fit.pAlive(0, 0, 38.86)).isEqualTo(1.0);
    }
}
