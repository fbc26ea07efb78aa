package app.regulars.insight;

import app.regulars.feature.CommandGroup;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;

/** {@code insights kpis|fit|customers|winback|report}: the insights without the window. */
public final class InsightCommands {
    private InsightCommands() {
    }

    @Command(name = "insights", description = "What the shop's history says: key figures, segments, lifetime value.",
            subcommands = {Kpis.class})
    static final class Insights extends CommandGroup {
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
