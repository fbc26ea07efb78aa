package app.regulars.insight;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting your customers
 * the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)), fitted.
 *
 * <p>While alive, a customer buys at a Poisson rate lambda, gamma(r, alpha) distributed over
 * customers; after each purchase they drop out with probability p, beta(a, b) distributed.
 * Time is in weeks, as in {@link RepeatHistory}.
 *
 * @param r             shape of the purchase-rate distribution
 * @param alpha         scale of the purchase-rate distribution, in weeks
 * @param a             first shape of the drop-out distribution
 * @param b             second shape of the drop-out distribution
 * @param logLikelihood of the data the model was fitted to (NaN when built by hand)
 */
public record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {

    /** Around a = 1 the expectation is 0/0; it is interpolated over a +- this. */
    private static final double NEAR_ONE = 1e-5;

    public BgNbd {
        if (!(positiveFinite(r) && positiveFinite(alpha) && positiveFinite(a) && positiveFinite(b))) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r
                    + ", alpha=" + alpha + ", a=" + a + ", b=" + b);
        }
    }

    /**
     * Fits the model by maximum likelihood (BOBYQA over the logarithms of the four
     * parameters, each kept within e^-12..e^12). Customers with the same (x, tx, T) share
     * one term of the likelihood, weighted by their number.
     *
     * @throws IllegalArgumentException when there are no histories
     * @throws org.hipparchus.exception.MathIllegalStateException when the optimizer does not converge
     */
    public static BgNbd fit(List<RepeatHistory> histories) {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no customers to fit");
        }
        Sample sample = new Sample(histories);
        // Start from r = 1 at the mean purchase rate (r / alpha = repeat days per week), a = 0.5, b = 1.5
        // (a = 1 is where the expectation is 0/0; the fit does not care, but keep away from it).
        double rate = sample.totalX > 0 && sample.totalT > 0 ? sample.totalX / sample.totalT : 1.0;
        double[] start = {0.0, Math.log(1.0 / rate), Math.log(0.5), Math.log(1.5)};
        MaximumLikelihood.Result best = MaximumLikelihood.maximize(sample::logLikelihood, start);
        return new BgNbd(best.parameter(0), best.parameter(1), best.parameter(2), best.parameter(3),
                best.logLikelihood());
    }

    /** These parameters with no likelihood attached, as for a model read back from storage. */
    public static BgNbd of(double r, double alpha, double a, double b) {
        return new BgNbd(r, alpha, a, b, Double.NaN);
    }

    /**
     * The log-likelihood of one customer's history under these parameters (FHL 2005, eq. 6,
     * in log form: the two terms of the sum are combined with log-sum-exp, so a large x does
     * not overflow).
     */
    public double logLikelihood(RepeatHistory h) {
        return logLikelihood(r, alpha, a, b, h.x(), h.tx(), h.T());
    }

    /**
     * Probability that a customer with this history is still alive (has not dropped out),
     * FHL 2005 eq. 12; 1 for x = 0, as the model says (one drops out only after a purchase).
     */
    public double pAlive(int x, double tx, double T) {
        checkHistory(x, tx, T);
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds)); // exp overflows to +Infinity: P = 0, never NaN
    }

    /** {@link #pAlive(int, double, double)} of a history. */
    public double pAlive(RepeatHistory h) {
        return pAlive(h.x(), h.tx(), h.T());
    }

    /**
     * Expected number of purchase days in the next {@code t} weeks for a customer with this
     * history, FHL 2005 eq. 10. The Gauss hypergeometric function in it is summed in its Euler
     * form, (1 - z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) = (1 - z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z),
     * whose terms fall quickly however large x is; where that series is slow (z near 1) the
     * original series is summed in log form instead.
     *
     * @param t weeks ahead, &gt;= 0
     * @return a finite number &gt;= 0
     * @throws ArithmeticException when neither series converges in time: z within about 1e-6
     *                             of 1, a horizon a million times longer than alpha + T
     */
    public double expectedPurchases(double t, int x, double tx, double T) {
        checkHistory(x, tx, T);
        if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("t must be finite and >= 0: " + t);
        }
        if (t == 0) {
            return 0.0;
        }
        double value;
        if (Math.abs(a - 1) < NEAR_ONE) {
            // (a+b+x-1)/(a-1) [1 - ...] is smooth through a = 1 but 0/0 there: interpolate.
            double below = unconditionalPart(1 - NEAR_ONE, t, x, T);
            double above = unconditionalPart(1 + NEAR_ONE, t, x, T);
            value = below + (above - below) * (a - (1 - NEAR_ONE)) / (2 * NEAR_ONE);
        } else {
            value = unconditionalPart(a, t, x, T);
        }
        double expected = value * pAlive(x, tx, T);
        return Double.isFinite(expected) ? Math.max(0.0, expected) : 0.0;
    }

    /** {@link #expectedPurchases(double, int, double, double)} of a history. */
    public double expectedPurchases(double t, RepeatHistory h) {
        return expectedPurchases(t, h.x(), h.tx(), h.T());
    }

    /** (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]. */
    private double unconditionalPart(double a, double t, int x, double T) {
        double z = t / (alpha + T + t);
        double logOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
        // c = 0 (x = 0 and a + b = 1 exactly) leaves 2F1 undefined but the product continuous: step beside it
        double b = a + this.b + x - 1 == 0.0 ? this.b * (1 + 1e-9) : this.b;
        double c = a + b + x - 1;
        double scaled; // (1-z)^(r+x) 2F1(r+x, b+x; c; z)
        try {
            scaled = Math.exp((a - 1) * logOneMinusZ) * Hypergeometric.f21(a + b - 1 - r, a - 1, c, z);
        } catch (ArithmeticException slow) {
            if (!(c > 0)) {
                throw slow; // the log form needs positive parameters
            }
            scaled = Math.exp((r + x) * logOneMinusZ + Hypergeometric.logF21(r + x, b + x, c, z));
        }
        return c / (a - 1) * (1 - scaled);
    }

    static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double T) {
        // ln[B(a, b+x) / B(a, b)] + ln[Gamma(r+x) alpha^r / Gamma(r)]; the second term of eq. 6 has
        // B(a+1, b+x-1) / B(a, b+x) = a / (b+x-1) more. Written with log-beta as in the paper; the
        // grouped Sample spells the same out in log-gamma, computed once per distinct x.
        double common = Beta.logBeta(a, b + x) - Beta.logBeta(a, b)
                + Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double stayed = -(r + x) * Math.log(alpha + T);
        if (x == 0) {
            return common + stayed;
        }
        double left = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return common + logSumExp(stayed, left);
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(-Math.abs(u - v)));
    }

    private static void checkHistory(int x, double tx, double T) {
        if (x < 0 || !(tx >= 0 && tx <= T && T < Double.POSITIVE_INFINITY) || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("not a valid history: x=" + x + ", tx=" + tx + ", T=" + T);
        }
    }

    private static boolean positiveFinite(double v) {
        return v > 0 && v < Double.POSITIVE_INFINITY;
    }

    /**
     * The histories grouped for the likelihood: one term per distinct (x, tx, T), weighted by
     * how many customers share it. Histories in days repeat a lot (every x = 0 customer who
     * came first on the same day is one term). On top of that, everything that depends on x
     * alone (the log-gamma terms) is computed once per distinct x, and ln(alpha + T) and
     * ln(alpha + tx) once per distinct T and tx, so an evaluation costs one exp and one log1p
     * per group.
     */
    static final class Sample {
        final int groups;
        final double totalX;
        final double totalT;
        private final int[] xIndex;
        private final int[] tIndex;
        private final int[] txIndex;
        private final double[] weight;
        private final int[] distinctX;
        private final double[] distinctT;
        private final double[] distinctTx;
        private final double[] weightPerX;

        private record Key(int x, double tx, double T) {
        }

        Sample(List<RepeatHistory> histories) {
            Map<Key, Integer> counts = new HashMap<>();
            double sumX = 0;
            double sumT = 0;
            for (RepeatHistory h : histories) {
                counts.merge(new Key(h.x(), h.tx(), h.T()), 1, Integer::sum);
                sumX += h.x();
                sumT += h.T();
            }
            totalX = sumX;
            totalT = sumT;
            groups = counts.size();
            Map<Integer, Integer> xs = new TreeMap<>();
            Map<Double, Integer> ts = new TreeMap<>();
            Map<Double, Integer> txs = new TreeMap<>();
            for (Key k : counts.keySet()) {
                xs.put(k.x(), 0);
                ts.put(k.T(), 0);
                txs.put(k.tx(), 0);
            }
            distinctX = xs.keySet().stream().mapToInt(Integer::intValue).toArray();
            distinctT = ts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            distinctTx = txs.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            number(xs);
            number(ts);
            number(txs);
            xIndex = new int[groups];
            tIndex = new int[groups];
            txIndex = new int[groups];
            weight = new double[groups];
            weightPerX = new double[distinctX.length];
            int i = 0;
            for (Map.Entry<Key, Integer> e : counts.entrySet()) {
                Key k = e.getKey();
                xIndex[i] = xs.get(k.x());
                tIndex[i] = ts.get(k.T());
                txIndex[i] = txs.get(k.tx());
                weight[i] = e.getValue();
                weightPerX[xIndex[i]] += e.getValue();
                i++;
            }
        }

        private static <K> void number(Map<K, Integer> m) {
            int i = 0;
            for (Map.Entry<K, Integer> e : m.entrySet()) {
                e.setValue(i++);
            }
        }

        /** The total log-likelihood at log-parameters (ln r, ln alpha, ln a, ln b). */
        double logLikelihood(double[] theta) {
            double r = Math.exp(theta[0]);
            double alpha = Math.exp(theta[1]);
            double a = Math.exp(theta[2]);
            double b = Math.exp(theta[3]);
            double logAlpha = theta[1];
            double logA = theta[2];
            double perCustomer = -Gamma.logGamma(r) + r * logAlpha + Gamma.logGamma(a + b) - Gamma.logGamma(b);
            double[] common = new double[distinctX.length]; // the terms of x alone, per customer
            double[] leftOdds = new double[distinctX.length]; // ln a - ln(b + x - 1)
            double total = 0;
            for (int j = 0; j < distinctX.length; j++) {
                int x = distinctX[j];
                common[j] = Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
                leftOdds[j] = x > 0 ? logA - Math.log(b + x - 1) : 0;
                total += weightPerX[j] * (perCustomer + common[j]);
            }
            double[] logAlphaT = new double[distinctT.length];
            for (int j = 0; j < distinctT.length; j++) {
                logAlphaT[j] = Math.log(alpha + distinctT[j]);
            }
            double[] logAlphaTx = new double[distinctTx.length];
            for (int j = 0; j < distinctTx.length; j++) {
                logAlphaTx[j] = Math.log(alpha + distinctTx[j]);
            }
            for (int i = 0; i < groups; i++) {
                int j = xIndex[i];
                int x = distinctX[j];
                double stayed = -(r + x) * logAlphaT[tIndex[i]];
                double term = x == 0 ? stayed
                        : logSumExp(stayed, leftOdds[j] - (r + x) * logAlphaTx[txIndex[i]]);
                total += weight[i] * term;
            }
            return total;
        }
    }
}
