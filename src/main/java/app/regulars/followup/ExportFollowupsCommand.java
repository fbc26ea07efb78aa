package app.regulars.followup;

import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;

import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.tables.TableLayout;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code export followups --from DATE --to DATE [--kind K] --format csv|xlsx|pdf --out FILE}. */
@Command(name = "followups", description = "Export the follow-ups due from --from to --to (both included) as CSV, Excel or PDF.")
public final class ExportFollowupsCommand extends FeatureCommand {
    @Option(names = "--from", paramLabel = "DATE", required = true, description = "First day, YYYY-MM-DD.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", required = true, description = "Last day, YYYY-MM-DD.")
    String to;

    @Option(names = "--kind", paramLabel = "K", description = "Only this kind: check-in, birthday, holiday, complaint, win-back, visit.")
    String kind;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "csv, xlsx or pdf.")
    String format;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
    Path out;

    @Option(names = "--paper", paramLabel = "A4|LETTER", description = "Paper size of a PDF (default: by the system's country).")
    String paper;

    @Override
    public Integer call() {
        Messages messages = messages();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            err.println(messages.get("cli.followups.badDate", from));
            return FAILED;
        }
        try {
            end = LocalDate.parse(to.strip());
        } catch (DateTimeParseException e) {
            err.println(messages.get("cli.followups.badDate", to));
            return FAILED;
        }
        FollowUpKind k = null;
        if (kind != null) {
            try {
                k = FollowUpKind.valueOf(kind.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                err.println(messages.get("cli.followups.badKind", kind));
                return FAILED;
            }
        }
        TableExport.Format f = TableExport.Format.parse(format);
        TableLayout.Paper p = paper(paper);
        if (p == null) {
            return FAILED;
        }
        FollowUpFilter filter = new FollowUpFilter(k, null, null, null);
        return withServices(services -> {
            Table table = FollowUpFeature.reports(services, messages).list(start, end, filter);
            new TableExport(messages, p).write(table, f, out);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(messages.get("cli.followups.exported", table.rows().size(), out.toAbsolutePath().toString()));
            stdout.flush();
            return OK;
        });
    }
}
