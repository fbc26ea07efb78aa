package app.regulars.bench;

import app.regulars.insight.BgNbd;
import app.regulars.insight.CustomerModel;
import app.regulars.insight.GammaGamma;
import app.regulars.insight.RepeatHistory;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The customer-base model's fit at scale: N synthetic customers made from the CDNOW sample
 * (2,357 customers from the test class path), copy k with every purchase moved k days
 * earlier and the as-of date kept at 1997-09-30, so the copies differ in T as real
 * customers who came first on different days do. Times {@link CustomerModel#fit} (BG/NBD
 * with its likelihood grouped by (x, tx, T), and gamma-gamma) next to a baseline in the same
 * run on the same data: the same optimizer (BOBYQA over the log-parameters, the same box,
 * start and radii as the model's own fit) on the plain sum of per-customer log-likelihoods,
 * {@link BgNbd#logLikelihood(RepeatHistory)} and {@link GammaGamma#logLikelihood(RepeatHistory)},
 * one term per customer. Run with {@code ./mvnw -Pbench verify -Dbench.model.customers=N} or
 * directly: {@code ModelBenchmark --customers N [--rounds R]}.
 */
public final class ModelBenchmark {
    private static final String CDNOW = "/datasets/CDNOW_sample.txt";
    private static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);

    private ModelBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int customers = 100_000;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
            }
        }
        List<NavigableMap<LocalDate, BigDecimal>> sample = readCdnow();
        List<RepeatHistory> histories = synthetic(sample, customers);
        long distinct = histories.stream().map(h -> List.of(h.x(), h.tx(), h.T())).distinct().count();
        long repeaters = histories.stream().filter(h -> h.x() > 0).count();
        System.out.printf(Locale.ROOT, "Model benchmark: %,d customers (%,d repeat), %,d distinct (x, tx, T), %d cores%n",
                histories.size(), repeaters, distinct, Runtime.getRuntime().availableProcessors());

        // warm-up on the sample itself
        CustomerModel.fit(histories.subList(0, Math.min(histories.size(), sample.size())));

        double best = Double.MAX_VALUE;
        CustomerModel model = null;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            CustomerModel.Outcome outcome = CustomerModel.fit(histories);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!(outcome instanceof CustomerModel.Fitted fitted)) {
                throw new IllegalStateException("no fit: " + outcome);
            }
            model = fitted.model();
            best = Math.min(best, seconds);
            System.out.printf(Locale.ROOT, "  fit, grouped (round %d): %.3f s%n", round + 1, seconds);
        }
        System.out.printf(Locale.ROOT, "  BG/NBD      r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.2f%n", model.purchases().r(),
                model.purchases().alpha(), model.purchases().a(), model.purchases().b(), model.purchases().logLikelihood());
        System.out.printf(Locale.ROOT, "  gamma-gamma p=%.4f q=%.4f gamma=%.4f LL=%.2f%n", model.spend().p(),
                model.spend().q(), model.spend().gamma(), model.spend().logLikelihood());

        long t0 = System.nanoTime();
        Baseline bgNbd = baselineBgNbd(histories);
        Baseline gammaGamma = baselineGammaGamma(histories);
        double baseline = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  baseline, one term per customer: %.3f s (BG/NBD %d evaluations, %.1f ms each;"
                        + " gamma-gamma %d evaluations, %.1f ms each)%n", baseline,
                bgNbd.evaluations, bgNbd.millisEach, gammaGamma.evaluations, gammaGamma.millisEach);
        System.out.printf(Locale.ROOT, "  baseline BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.2f%n",
                Math.exp(bgNbd.point[0]), Math.exp(bgNbd.point[1]), Math.exp(bgNbd.point[2]), Math.exp(bgNbd.point[3]),
                bgNbd.logLikelihood);
        System.out.printf(Locale.ROOT, "Fit of both models: %.3f s (best of %d), baseline %.3f s: %.1fx faster; limit 5 s: %s%n",
                best, rounds, baseline, baseline / best, best <= 5.0 ? "met" : "MISSED");
    }

    private record Baseline(double[] point, double logLikelihood, int evaluations, double millisEach) {
    }

    /** The BG/NBD fit without grouping: the model's own start, box and optimizer settings. */
    private static Baseline baselineBgNbd(List<RepeatHistory> histories) {
        double x = histories.stream().mapToDouble(RepeatHistory::x).sum();
        double t = histories.stream().mapToDouble(RepeatHistory::T).sum();
        double rate = x > 0 && t > 0 ? x / t : 1.0;
        double[] start = {0.0, Math.log(1.0 / rate), Math.log(0.5), Math.log(1.5)};
        return maximize(theta -> {
            BgNbd model = BgNbd.of(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
            double sum = 0;
            for (RepeatHistory h : histories) {
                sum += model.logLikelihood(h);
            }
            return sum;
        }, start);
    }

    /** The gamma-gamma fit as the model does it (ln p, ln(q - 1), ln gamma; spends scaled to mean 1), term by term. */
    private static Baseline baselineGammaGamma(List<RepeatHistory> histories) {
        List<RepeatHistory> spenders = histories.stream().filter(GammaGamma::usable).toList();
        double scale = spenders.stream().mapToDouble(RepeatHistory::meanRepeatSpend).average().orElse(1);
        List<RepeatHistory> scaled = spenders.stream()
                .map(h -> new RepeatHistory(h.x(), h.tx(), h.T(), h.meanRepeatSpend() / scale)).toList();
        return maximize(theta -> {
            GammaGamma model = GammaGamma.of(Math.exp(theta[0]), 1 + Math.exp(theta[1]), Math.exp(theta[2]));
            double sum = 0;
            for (RepeatHistory h : scaled) {
                sum += model.logLikelihood(h);
            }
            return sum;
        }, new double[] {0, 0, 0});
    }

    private static Baseline maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        int n = start.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, -12);
        Arrays.fill(upper, 12);
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 1.0, 1e-8);
        long t0 = System.nanoTime();
        PointValuePair best = optimizer.optimize(new MaxEval(20_000),
                new ObjectiveFunction(theta -> {
                    double ll = logLikelihood.applyAsDouble(theta);
                    return Double.isFinite(ll) ? -ll : 1e15;
                }),
                GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lower, upper));
        double millis = (System.nanoTime() - t0) / 1e6;
        return new Baseline(best.getPoint(), -best.getValue(), optimizer.getEvaluations(),
                millis / optimizer.getEvaluations());
    }

    /** Copies of the sample, copy k moved k days earlier, up to {@code n} customers. */
    private static List<RepeatHistory> synthetic(List<NavigableMap<LocalDate, BigDecimal>> sample, int n) {
        List<RepeatHistory> histories = new ArrayList<>(n);
        for (int k = 0; histories.size() < n; k++) {
            for (NavigableMap<LocalDate, BigDecimal> days : sample) {
                if (histories.size() == n) {
                    break;
                }
                NavigableMap<LocalDate, BigDecimal> moved = new TreeMap<>();
                for (Map.Entry<LocalDate, BigDecimal> day : days.entrySet()) {
                    moved.put(day.getKey().minusDays(k), day.getValue());
                }
                histories.add(RepeatHistory.ofDailySpend(moved, AS_OF));
            }
        }
        return histories;
    }

    /** Spend per customer and day, as the model's summary wants it. */
    private static List<NavigableMap<LocalDate, BigDecimal>> readCdnow() throws IOException {
        Map<String, NavigableMap<LocalDate, BigDecimal>> customers = new LinkedHashMap<>();
        try (InputStream in = ModelBenchmark.class.getResourceAsStream(CDNOW)) {
            if (in == null) {
                throw new IOException(CDNOW + " is not on the class path (it is a test resource)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 5) {
                    customers.computeIfAbsent(f[1], id -> new TreeMap<>())
                            .merge(LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4]), BigDecimal::add);
                }
            }
        }
        return new ArrayList<>(customers.values());
    }
}
