package app.regulars.insight;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gamma-gamma fit on the CDNOW sample reproduces Fader, Hardie &amp; Lee (2005, iso-value
 * curves): p = 6.25, q = 3.74, gamma = 15.44. The mean repeat spend is the mean over the
 * repeat purchase days of the day's total (lifetimes sums the amounts of one day, then averages
 * the days after the first); the 946 repeat customers all spent something.
 */
class GammaGammaCdnowTest {
    private static List<RepeatHistory> histories;
    private static GammaGamma fit;

    @BeforeAll
    static void fitOnce() {
        histories = Cdnow.calibration();
        fit = GammaGamma.fit(histories);
    }

    @Test
    void fitReproducesThePublishedParameters() {
        assertThat(fit.p()).isCloseTo(6.25, within(0.02));
        assertThat(fit.q()).isCloseTo(3.74, within(0.02));
        assertThat(fit.gamma()).isCloseTo(15.44, within(0.05));
    }

    @Test
    void likelihoodIsTheSumOverRepeatCustomers() {
        double sum = histories.stream().filter(GammaGamma::usable).mapToDouble(fit::logLikelihood).sum();
        assertThat(sum).isCloseTo(fit.logLikelihood(), within(1e-6));
    }

    @Test
    void expectedSpendLiesBetweenPopulationMeanAndOwnMean() {
        double population = fit.populationMeanSpend();
        assertThat(fit.expectedSpend(0, 0)).isEqualTo(population);
        double own = 100;
        assertThat(fit.expectedSpend(3, own)).isBetween(population, own);
        assertThat(fit.expectedSpend(30, own)).isGreaterThan(fit.expectedSpend(3, own));
    }
}
