package app.regulars.insight;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of the BG/NBD predictions over many generated valid histories and parameter
 * sets. The generator is seeded, so a failure names a case that fails again; it leans towards
 * the edges (x = 0, tx = 0 or T, a first purchase today, large x, long horizons).
 */
class BgNbdPropertiesTest {
    private static final long SEED = 20_261_130L;
    private static final int MODELS = 40;
    private static final int HISTORIES_PER_MODEL = 250;
    private static final double[] HORIZONS = {0, 0.5, 1, 13, 52, 260};

    private record Case(BgNbd model, int x, double tx, double T) {
    }

    private static List<Case> cases() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Case> cases = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            BgNbd model = m == 0 ? BgNbd.of(0.243, 4.414, 0.793, 2.426) : BgNbd.of(
                    Math.exp(random.nextDouble(-3, 2)),   // r
                    Math.exp(random.nextDouble(-2, 4)),   // alpha, weeks
                    Math.exp(random.nextDouble(-3, 2)),   // a
                    Math.exp(random.nextDouble(-3, 3)));  // b
            for (int i = 0; i < HISTORIES_PER_MODEL; i++) {
                int tDays = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(8);          // new customers
                    case 1 -> random.nextInt(3 * 365);    // a few years
                    default -> random.nextInt(400);
                };
                int x = tDays == 0 ? 0 : switch (random.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1, Math.min(tDays, 500) + 1); // up to a purchase every day
                    default -> random.nextInt(1, Math.min(tDays, 6) + 1);
                };
                int txDays = x == 0 ? 0 : switch (random.nextInt(3)) {
                    case 0 -> tDays;
                    case 1 -> x;
                    default -> random.nextInt(x, tDays + 1);
                };
                cases.add(new Case(model, x, txDays / 7.0, tDays / 7.0));
            }
        }
        return cases;
    }

    @Test
    void pAliveIsAProbability() {
        for (Case c : cases()) {
            assertThat(c.model().pAlive(c.x(), c.tx(), c.T())).as("%s", c).isBetween(0.0, 1.0);
        }
    }

    @Test
    void expectedPurchasesAreFiniteNonNegativeAndGrowWithTheHorizon() {
        for (Case c : cases()) {
            double before = 0;
            for (double t : HORIZONS) {
                double expected = c.model().expectedPurchases(t, c.x(), c.tx(), c.T());
                assertThat(expected).as("%s, t = %s", c, t).isFinite().isGreaterThanOrEqualTo(0.0)
                        .isGreaterThanOrEqualTo(before - 1e-9 * Math.max(1, before));
                before = expected;
            }
        }
    }

    @Test
    void moreWeeksSinceTheLastPurchaseMeanLowerPAlive() {
        for (Case c : cases()) {
            double now = c.model().pAlive(c.x(), c.tx(), c.T());
            for (double later : new double[] {1.0 / 7, 1, 4, 52}) {
                double then = c.model().pAlive(c.x(), c.tx(), c.T() + later);
                assertThat(then).as("%s, %s weeks later", c, later).isLessThanOrEqualTo(now);
                now = then;
            }
        }
    }

    @Test
    void aLaterLastPurchaseMeansHigherPAlive() {
        for (Case c : cases()) {
            if (c.x() > 0 && c.tx() < c.T()) {
                double earlier = c.model().pAlive(c.x(), c.tx(), c.T());
                double later = c.model().pAlive(c.x(), c.T(), c.T());
                assertThat(later).as("%s", c).isGreaterThanOrEqualTo(earlier);
            }
        }
    }

    @Test
    void expectationIsContinuousWhereItsFormulaIsZeroOverZero() {
        // a = 1 makes (a+b+x-1)/(a-1) [1 - ...] 0/0; a + b = 1 with x = 0 makes 2F1's c = 0
        for (int x : new int[] {0, 1, 7}) {
            double at = BgNbd.of(0.5, 3, 1.0, 2).expectedPurchases(26, x, x == 0 ? 0 : 10, 20);
            double below = BgNbd.of(0.5, 3, 1.0 - 1e-4, 2).expectedPurchases(26, x, x == 0 ? 0 : 10, 20);
            double above = BgNbd.of(0.5, 3, 1.0 + 1e-4, 2).expectedPurchases(26, x, x == 0 ? 0 : 10, 20);
            assertThat(at).as("x = %d", x).isBetween(Math.min(below, above) - 1e-6, Math.max(below, above) + 1e-6);
        }
        double onC = BgNbd.of(0.5, 3, 0.25, 0.75).expectedPurchases(26, 0, 0, 20);
        double nearC = BgNbd.of(0.5, 3, 0.25, 0.75 + 1e-7).expectedPurchases(26, 0, 0, 20);
        assertThat(onC).isFinite().isCloseTo(nearC, within(1e-5));
    }

    @Test
    void likelihoodStaysFiniteForVeryLargeX() {
        // Gamma(r + x) and (alpha + T)^(r + x) overflow a double long before x = 5,000; their logs do not
        BgNbd model = BgNbd.of(0.243, 4.414, 0.793, 2.426);
        List<RepeatHistory> heavy = List.of(new RepeatHistory(5_000, 700, 720, 12.5),
                new RepeatHistory(5_000, 20, 720, 12.5), new RepeatHistory(1, 0.5, 720, 3));
        double sum = 0;
        for (RepeatHistory h : heavy) {
            double ll = model.logLikelihood(h);
            assertThat(ll).as("%s", h).isFinite();
            assertThat(model.pAlive(h)).isBetween(0.0, 1.0);
            assertThat(model.expectedPurchases(52, h)).isFinite().isNotNegative();
            sum += ll;
        }
        double[] theta = {Math.log(model.r()), Math.log(model.alpha()), Math.log(model.a()), Math.log(model.b())};
        assertThat(new BgNbd.Sample(heavy).logLikelihood(theta)).isCloseTo(sum, within(1e-6 * Math.abs(sum)));
    }
}
