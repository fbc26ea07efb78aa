package app.regulars.followup;

import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;

import app.regulars.tables.TableLayout;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code brief CODE --out FILE.pdf}: a customer's one-page visit brief. */
@Command(name = "brief", description = "Write a customer's one-page visit brief as PDF.")
public final class BriefCommand extends FeatureCommand {
    @Parameters(index = "0", paramLabel = "CODE", description = "The customer's code (card number).")
    String code;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The PDF to write (replaced if it exists).")
    Path out;

    @Option(names = "--paper", paramLabel = "A4|LETTER", description = "Paper size (default: by the system's country).")
    String paper;

    @Override
    public Integer call() {
        Messages messages = messages();
        PrintWriter err = spec.commandLine().getErr();
        TableLayout.Paper p = paper(paper);
        if (p == null) {
            return FAILED;
        }
        return withServices(services -> {
            FollowUpReports reports = FollowUpFeature.reports(services, messages);
            FollowUpReports.Brief brief = reports.briefByCode(code.strip());
            reports.writeBriefs(List.of(brief), p, out);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(messages.get("cli.followups.brief", brief.customer().name(), out.toAbsolutePath().toString()));
            stdout.flush();
            return OK;
        });
    }
}
