package app.regulars.insight;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Maximises a log-likelihood over parameters in log space with Hipparchus' BOBYQA (Powell's
 * bound-constrained, derivative-free trust-region method). Working on the logarithms keeps the
 * positive parameters positive; the box keeps them finite when the data cannot pin them down
 * (everyone alike), so a fit always ends with finite numbers.
 */
final class MaximumLikelihood {
    /** Bounds on each log-parameter: parameters between e^-12 (6e-6) and e^12 (1.6e5). */
    static final double LOG_LOWER = -12.0;
    static final double LOG_UPPER = 12.0;
    static final int MAX_EVALUATIONS = 20_000;
    /** What the optimizer sees where the log-likelihood is not finite: far worse than any real value. */
    private static final double NOT_FINITE_PENALTY = 1e15;

    /** The log-parameters at the maximum, the log-likelihood there, and how many evaluations it took. */
    record Result(double[] logParameters, double logLikelihood, int evaluations) {
        Result {
            logParameters = logParameters.clone();
        }

        @Override
        public double[] logParameters() {
            return logParameters.clone();
        }

        double parameter(int i) {
            return Math.exp(logParameters[i]);
        }

        @Override
        public String toString() {
            return "Result" + Arrays.toString(logParameters) + " ll=" + logLikelihood + " evaluations=" + evaluations;
        }
    }

    private MaximumLikelihood() {
    }

    /**
     * @param logLikelihood of the log-parameters
     * @param start         starting log-parameters, clamped into the box
     * @throws MathIllegalStateException when the optimizer runs out of evaluations
     */
    static Result maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        int n = start.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] guess = new double[n];
        Arrays.fill(lower, LOG_LOWER);
        Arrays.fill(upper, LOG_UPPER);
        for (int i = 0; i < n; i++) {
            guess[i] = Math.min(LOG_UPPER - 1, Math.max(LOG_LOWER + 1, start[i]));
        }
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 1.0, 1e-8);
        PointValuePair best = optimizer.optimize(
                new MaxEval(MAX_EVALUATIONS),
                new ObjectiveFunction(theta -> {
                    double ll = logLikelihood.applyAsDouble(theta);
                    return Double.isFinite(ll) ? -ll : NOT_FINITE_PENALTY;
                }),
                GoalType.MINIMIZE,
                new InitialGuess(guess),
                new SimpleBounds(lower, upper));
        return new Result(best.getPoint(), -best.getValue(), optimizer.getEvaluations());
    }
}
