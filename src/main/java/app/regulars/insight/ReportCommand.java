package app.regulars.insight;

import app.regulars.feature.FeatureCommand;
import app.regulars.membership.MembershipService;
import app.regulars.store.Settings;
import app.regulars.tables.TableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** {@code insights report --period 2026-11|2026-Q4|2026 --out FILE.pdf}: the review report (复盘) as a PDF. */
@Command(name = "report", description = "Write the review report of a month, quarter or year as a PDF: key figures against "
        + "targets, charts, the top customers at risk, staff figures and how many customers moved between segments.")
final class ReportCommand extends FeatureCommand {
    @Option(names = "--period", paramLabel = "PERIOD", required = true, description = "A month (2026-11), a quarter (2026-Q4) or a year (2026).")
    String period;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The PDF file to write (replaced if it exists).")
    Path file;

    @Override
    public Integer call() {
        Period p;
        try {
            p = Period.parse(period);
        } catch (IllegalArgumentException e) {
            err().println(messages().get("insight.cli.badPeriod", period));
            err().flush();
            return FAILED;
        }
        return withServices(services -> {
            InsightService insights = services.get(InsightService.class);
            LocalDate today = insights.today();
            ReviewReport.Contents contents = ReviewReport.gather(insights, p, today, InsightSettings.load(services.get(Settings.class)),
                    services.get(MembershipService.class).settings().currency());
            ReviewReport report = new ReviewReport(messages(), TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry()));
            report.write(contents, file);
            out().println(messages().get("insight.cli.wroteReport", report.periodText(p), file.toAbsolutePath().toString()));
            out().flush();
            return OK;
        });
    }
}
