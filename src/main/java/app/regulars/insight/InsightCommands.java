package app.regulars.insight;

import app.regulars.feature.CommandGroup;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import app.regulars.tables.AtomicFile;
import app.regulars.tables.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** {@code insights kpis|fit|customers|winback|report}: the insights without the window. */
public final class InsightCommands {
    private InsightCommands() {
    }

    @Command(name = "insights", description = "What the shop's history says: key figures, segments, lifetime value.",
            subcommands = {Fit.class, Customers.class, Kpis.class, WinbackCommand.class, ReportCommand.class})
    static final class Insights extends CommandGroup {
    }

    /** Options of the commands that look at the history as of a day. */
    abstract static class AsOf extends FeatureCommand {
        @Option(names = "--as-of", paramLabel = "DATE", description = "YYYY-MM-DD; today when left out.")
        String asOf;

        /** The day, or null after a message when it is not one; {@code today} when none was given. */
        LocalDate day(LocalDate today) {
            return asOf == null ? today : date(asOf);
        }
    }

    @Command(name = "fit", description = "Fit the purchase model (BG/NBD and Gamma-Gamma, time in weeks) on the history up to "
            + "a day and print three lines: the customers and repeat customers, and each model's parameters and log-likelihood.")
    static final class Fit extends AsOf {
        @Override
        public Integer call() {
            if (asOf != null && date(asOf) == null) {
                return FAILED;
            }
            return withServices(services -> {
                InsightService insights = services.get(InsightService.class);
                LocalDate day = day(insights.today());
                InsightSnapshot s = insights.snapshot(day, InsightSettings.load(services.get(Settings.class)));
                if (!(s.model() instanceof CustomerModel.Fitted fitted)) {
                    err().println(ModelText.describe(s.model(), messages()));
                    return FAILED;
                }
                long repeaters = s.customers().stream().filter(c -> c.metrics().frequency() > 1).count();
                BgNbd b = fitted.model().purchases();
                GammaGamma g = fitted.model().spend();
                PrintWriter out = out();
                out.println("customers " + s.customers().size() + " repeaters " + repeaters);
                out.println(String.format(Locale.ROOT, "bgnbd r=%.4f alpha=%.4f a=%.4f b=%.4f loglik=%.4f",
                        b.r(), b.alpha(), b.a(), b.b(), b.logLikelihood()));
                out.println(String.format(Locale.ROOT, "gammagamma p=%.4f q=%.4f gamma=%.4f loglik=%.4f",
                        g.p(), g.q(), g.gamma(), g.logLikelihood()));
                out.flush();
                return OK;
            });
        }
    }

    @Command(name = "customers", description = "Write every customer's insights to a CSV file or an Excel workbook: metrics, RFM scores, segment, "
            + "lifecycle stage, value class and the model's predictions (empty where a customer has no purchase, or the "
            + "model cannot be fitted).")
    static final class Customers extends AsOf {
        @Option(names = "--horizon-weeks", paramLabel = "WEEKS", description = "Weeks that expected purchases and CLV count "
                + "(default: the setting, 52).")
        Integer horizonWeeks;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path file;

        @Option(names = "--format", paramLabel = "FORMAT", description = "csv or xlsx (default: from the file's extension, else csv).")
        String format;

        @Override
        public Integer call() {
            if (asOf != null && date(asOf) == null) {
                return FAILED;
            }
            if (horizonWeeks != null && (horizonWeeks < 1 || horizonWeeks > 520)) {
                err().println(messages().get("insight.cli.badHorizon", horizonWeeks));
                return FAILED;
            }
            TableExport.Format f;
            try {
                f = format != null ? TableExport.Format.parse(format)
                        : file.toString().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? TableExport.Format.XLSX : TableExport.Format.CSV;
            } catch (RuntimeException e) {
                err().println(messages().describe(e));
                return FAILED;
            }
            if (f == TableExport.Format.PDF) {
                err().println(messages().get("exchange.error.csvOrXlsx", format));
                return FAILED;
            }
            return withServices(services -> {
                InsightService insights = services.get(InsightService.class);
                InsightSettings settings = InsightSettings.load(services.get(Settings.class));
                if (horizonWeeks != null) {
                    settings = settings.withHorizonWeeks(horizonWeeks);
                }
                InsightSnapshot s = insights.snapshot(day(insights.today()), settings);
                boolean xlsx = f == TableExport.Format.XLSX;
                int n = AtomicFile.write(file, out -> xlsx ? CustomerInsightsCsv.writeXlsx(insights, s, out) : CustomerInsightsCsv.write(insights, s, out));
                if (!(s.model() instanceof CustomerModel.Fitted)) {
                    err().println(ModelText.describe(s.model(), messages()));
                }
                out().println(messages().get("insight.cli.wrote", n, file.toAbsolutePath().toString()));
                out().flush();
                return OK;
            });
        }
    }

    @Command(name = "kpis", description = "Print the key figures of a period, one a line: name, value, target "
            + "(tab-separated; '-' where a figure or a target does not apply). Default: this month so far.")
    static final class Kpis extends FeatureCommand {
        @Option(names = "--from", paramLabel = "DATE", description = "First day, YYYY-MM-DD (with --to).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last day, YYYY-MM-DD (with --from).")
        String to;

        @Override
        public Integer call() {
            Messages messages = messages();
            if ((from == null) != (to == null)) {
                err().println(messages.get("insight.cli.fromAndTo"));
                return FAILED;
            }
            LocalDate start = from == null ? null : date(from);
            LocalDate end = to == null ? null : date(to);
            if (from != null && (start == null || end == null)) {
                return FAILED;
            }
            if (start != null && end.isBefore(start)) {
                err().println(messages.get("insight.cli.fromAfterTo"));
                return FAILED;
            }
            return withServices(services -> {
                InsightService insights = services.get(InsightService.class);
                LocalDate today = insights.today();
                Period period = start == null ? Period.containing(Period.Kind.MONTH, today) : Period.days(start, end);
                KpiReport report = insights.kpis(period, today, InsightSettings.load(services.get(Settings.class)));
                PrintWriter out = out();
                for (Kpi kpi : Kpi.values()) {
                    out.println(kpi.code() + "\t" + number(report.current().get(kpi)) + "\t" + target(kpi, report.target(kpi)));
                }
                out.flush();
                return OK;
            });
        }

        static String target(Kpi kpi, Double target) {
            return target == null ? "-" : (kpi.higherIsBetter() ? ">=" : "<=") + number(target);
        }
    }

    /** A figure as scripts read it: up to two decimals, a point, no grouping; {@code -} for none. */
    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }
}
