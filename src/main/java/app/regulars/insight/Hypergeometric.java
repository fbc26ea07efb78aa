package app.regulars.insight;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for 0 &lt;= z &lt; 1
 * (Hipparchus has none). The BG/NBD conditional expectation needs it with z = t / (alpha + T + t).
 *
 * <p>The series sum over n of (a)_n (b)_n / (c)_n z^n / n! is summed term by term, each term
 * from the one before by the ratio (a+n)(b+n) / ((c+n)(n+1)) z. It stops once the terms are
 * falling and a geometric bound on everything after the current term is below a relative
 * 1e-15 of the sum; after {@value #MAX_TERMS} terms it gives up with an
 * {@link ArithmeticException} rather than return a wrong number (z very close to 1).
 */
final class Hypergeometric {
    static final int MAX_TERMS = 1_000_000;
    private static final double EPSILON = 1e-15;
    /** Rescale the log-form sum when it grows past this, so it never overflows. */
    private static final double RESCALE_ABOVE = 1e250;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) for 0 &lt;= z &lt; 1 and c not 0, -1, -2, ...
     *
     * @throws ArithmeticException when the series has not converged after {@value #MAX_TERMS} terms
     *                             or its sum overflows
     */
    static double f21(double a, double b, double c, double z) {
        checkArguments(a, b, c, z);
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0.0) {
                return sum; // a or b is 0, -1, -2, ...: a polynomial, exact
            }
            if (!Double.isFinite(sum)) {
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflows");
            }
            if (converged(term, sum, ratio, z)) {
                return sum;
            }
        }
        throw notConverged(a, b, c, z);
    }

    /**
     * ln 2F1(a, b; c; z) for a, b, c &gt; 0 and 0 &lt;= z &lt; 1, where every term is positive:
     * the sum is kept scaled so it never overflows, however large the function is.
     *
     * @throws ArithmeticException when the series has not converged after {@value #MAX_TERMS} terms
     */
    static double logF21(double a, double b, double c, double z) {
        checkArguments(a, b, c, z);
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("logF21 needs a, b, c > 0: " + a + ", " + b + ", " + c);
        }
        double logScale = 0.0;
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0.0 || converged(term, sum, ratio, z)) {
                return logScale + Math.log(sum);
            }
            if (sum > RESCALE_ABOVE) {
                sum /= RESCALE_ABOVE;
                term /= RESCALE_ABOVE;
                logScale += Math.log(RESCALE_ABOVE);
            }
        }
        throw notConverged(a, b, c, z);
    }

    /**
     * Whether the terms after this one can be neglected. Far out the ratio of successive terms
     * tends to z, from above or below; when it is below 1, the larger of the current ratio and
     * z bounds the next ratios and the tail by a geometric series.
     */
    private static boolean converged(double term, double sum, double ratio, double z) {
        double rho = Math.max(Math.abs(ratio), z);
        if (rho >= 1.0) {
            return false;
        }
        double tail = Math.abs(term) * rho / (1.0 - rho);
        return tail <= EPSILON * Math.abs(sum);
    }

    private static void checkArguments(double a, double b, double c, double z) {
        if (!(z >= 0.0 && z < 1.0) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("2F1 needs finite a, b, c and 0 <= z < 1: " + a + ", " + b + ", " + c + ", " + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 is undefined for c = " + c);
        }
    }

    private static ArithmeticException notConverged(double a, double b, double c, double z) {
        return new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + MAX_TERMS + " terms");
    }
}
