package app.regulars.insight;

import org.hipparchus.special.Gamma;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The gamma-gamma model of spend per purchase day (Fader, Hardie &amp; Lee 2005, "RFM and CLV:
 * using iso-value curves for customer base analysis", Journal of Marketing Research 42(4);
 * Fader &amp; Hardie 2013, "The gamma-gamma model of monetary value"), fitted.
 *
 * <p>A customer's spends are gamma(p, nu) around their own mean p/nu; nu is gamma(q, gamma)
 * over customers. Only customers with repeat purchase days and a positive mean repeat spend
 * carry information about spend; the fit uses them alone.
 *
 * @param p             shape of one customer's spend distribution
 * @param q             shape of the distribution of nu over customers (&gt; 1, so the mean spend exists)
 * @param gamma         scale of that distribution, in money
 * @param logLikelihood of the mean repeat spends the model was fitted to (NaN when built by hand)
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood) {

    public GammaGamma {
        if (!(p > 0 && p < Double.POSITIVE_INFINITY && q > 1 && q < Double.POSITIVE_INFINITY
                && gamma > 0 && gamma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gamma-gamma parameters must be finite, p, gamma > 0 and q > 1: p="
                    + p + ", q=" + q + ", gamma=" + gamma);
        }
    }

    /**
     * Fits the model by maximum likelihood on the histories with x &gt; 0 and a positive mean
     * repeat spend (BOBYQA over ln p, ln(q - 1), ln gamma). The fit is held to q &gt; 1 so that
     * the population's mean spend p gamma / (q - 1) exists; on CDNOW q = 3.74, far from it.
     * The spends are divided by their mean before the fit (gamma scales with the currency,
     * p and q do not), so yen and yuan fit alike.
     *
     * @throws IllegalArgumentException when no history has repeat purchases with a positive spend
     * @throws org.hipparchus.exception.MathIllegalStateException when the optimizer does not converge
     */
    public static GammaGamma fit(List<RepeatHistory> histories) {
        List<RepeatHistory> spenders = new ArrayList<>();
        double sum = 0;
        for (RepeatHistory h : histories) {
            if (usable(h)) {
                spenders.add(h);
                sum += h.meanRepeatSpend();
            }
        }
        if (spenders.isEmpty()) {
            throw new IllegalArgumentException("no customer with repeat purchases and a positive spend");
        }
        spenders.sort(Comparator.comparingInt(RepeatHistory::x)); // the log-gamma terms once per x
        double scale = sum / spenders.size();
        int n = spenders.size();
        int[] x = new int[n];
        double[] m = new double[n];
        double sumLogM = 0;      // sum of ln m
        double sumXLogM = 0;     // sum of x ln m
        double sumXLogX = 0;     // sum of x ln x
        for (int i = 0; i < n; i++) {
            RepeatHistory h = spenders.get(i);
            x[i] = h.x();
            m[i] = h.meanRepeatSpend() / scale;
            double logM = Math.log(m[i]);
            sumLogM += logM;
            sumXLogM += x[i] * logM;
            sumXLogX += x[i] * Math.log(x[i]);
        }
        double fixedLogM = sumLogM;
        double fixedXLogM = sumXLogM;
        double fixedXLogX = sumXLogX;
        // ln f(m | x) = lnG(px+q) - lnG(px) - lnG(q) + q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + m x)
        MaximumLikelihood.Result best = MaximumLikelihood.maximize(theta -> {
            double p = Math.exp(theta[0]);
            double q = 1 + Math.exp(theta[1]);
            double g = Math.exp(theta[2]);
            double total = n * (q * theta[2] - Gamma.logGamma(q)) + p * (fixedXLogM + fixedXLogX) - fixedLogM;
            int lastX = -1;
            double gammaTerms = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] != lastX) {
                    lastX = x[i];
                    gammaTerms = Gamma.logGamma(p * lastX + q) - Gamma.logGamma(p * lastX);
                }
                total += gammaTerms - (p * x[i] + q) * Math.log(g + m[i] * x[i]);
            }
            return total;
        }, new double[] {0.0, 0.0, 0.0});
        double q = 1 + Math.exp(best.logParameters()[1]);
        // The density of spends in money is that of the scaled spends divided by the scale.
        return new GammaGamma(best.parameter(0), q, best.parameter(2) * scale,
                best.logLikelihood() - n * Math.log(scale));
    }

    /** These parameters with no likelihood attached, as for a model read back from storage. */
    public static GammaGamma of(double p, double q, double gamma) {
        return new GammaGamma(p, q, gamma, Double.NaN);
    }

    /** Whether a history takes part in the fit: repeat purchase days with a positive mean spend. */
    public static boolean usable(RepeatHistory h) {
        return h.x() > 0 && h.meanRepeatSpend() > 0;
    }

    /**
     * Expected spend per purchase day of a customer with x repeat purchase days of mean spend
     * {@code meanRepeatSpend}: (gamma + m x) p / (p x + q - 1), a weighted mean of the
     * population's mean p gamma / (q - 1) and the customer's own mean. For x = 0 it is the
     * population's mean.
     */
    public double expectedSpend(int x, double meanRepeatSpend) {
        if (x < 0 || !(meanRepeatSpend >= 0 && meanRepeatSpend < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("need x >= 0 and a finite spend >= 0: " + x + ", " + meanRepeatSpend);
        }
        if (x == 0) {
            return populationMeanSpend();
        }
        return (gamma + meanRepeatSpend * x) * p / (p * x + q - 1);
    }

    /** {@link #expectedSpend(int, double)} of a history. */
    public double expectedSpend(RepeatHistory h) {
        return expectedSpend(h.x(), h.meanRepeatSpend());
    }

    /** The mean spend per purchase day over all customers, p gamma / (q - 1). */
    public double populationMeanSpend() {
        return p * gamma / (q - 1);
    }

    /** The log-density of one customer's mean repeat spend given x (only for {@link #usable} histories). */
    public double logLikelihood(RepeatHistory h) {
        if (!usable(h)) {
            throw new IllegalArgumentException("needs x > 0 and a positive spend: " + h);
        }
        int x = h.x();
        double m = h.meanRepeatSpend();
        return Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + m * x);
    }
}
