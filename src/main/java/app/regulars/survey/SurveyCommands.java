package app.regulars.survey;

import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;
import app.regulars.feature.CommandGroup;

import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The survey commands: {@code surveys list}, {@code survey results}, and the
 * {@code import responses} / {@code export responses} subcommands of import and export.
 */
public final class SurveyCommands {
    private SurveyCommands() {
    }

    static String kind(Messages m, SurveyKind k) {
        return m.get("survey.kind." + k.name().toLowerCase(Locale.ROOT));
    }

    @Command(name = "surveys", description = "Surveys.", subcommands = SurveysCommand.List.class)
    public static final class SurveysCommand extends CommandGroup {
        @Command(name = "list", description = "List the surveys: id, name, kind (NPS, CSAT or custom), responses.")
        static final class List extends FeatureCommand {
            @Override
            public Integer call() {
                Messages m = messages();
                PrintWriter out = spec.commandLine().getOut();
                return withServices(services -> {
                    for (SurveySummary s : services.get(SurveyService.class).list()) {
                        out.println(s.id() + "\t" + s.name(m.isChinese()) + "\t" + kind(m, s.kind()) + "\t" + s.responses());
                    }
                    out.flush();
                    return OK;
                });
            }
        }
    }

    @Command(name = "survey", description = "One survey's figures.", subcommands = SurveyCommand.Results.class)
    public static final class SurveyCommand extends CommandGroup {
        @Command(name = "results", description = "Print a survey's response count, NPS and CSAT figures, as the results page shows them.")
        static final class Results extends FeatureCommand {
            @Option(names = "--survey", paramLabel = "S", required = true, description = "The survey's id, name, short name or kind (NPS, CSAT).")
            String survey;

            @Option(names = "--from", paramLabel = "DATE", description = "First day (yyyy-mm-dd), included.")
            LocalDate from;

            @Option(names = "--to", paramLabel = "DATE", description = "Last day (yyyy-mm-dd), included.")
            LocalDate to;

            @Option(names = "--tag", paramLabel = "TAG", description = "Only customers with this tag.")
            String tag;

            @Option(names = "--tier", paramLabel = "TIER", description = "Only members of this tier (id or name).")
            String tier;

            @Override
            public Integer call() {
                Messages m = messages();
                PrintWriter out = spec.commandLine().getOut();
                return withServices(services -> {
                    Survey s = services.get(SurveyService.class).find(survey);
                    Long tierId = tier == null ? null : services.get(SurveyService.class).tier(tier).id();
                    SurveyResults r = services.get(SurveyService.class).results(s.id(), new ResultFilter(from, to, tag, tierId), false);
                    out.println(s.name(m.isChinese()) + " (" + kind(m, s.kind()) + ")");
                    out.println(m.get("survey.results.count", r.responses()));
                    if (r.scored() == 0) {
                        out.println(m.get("survey.results.noScores"));
                    } else if (s.kind() == SurveyKind.NPS) {
                        out.println(m.get("survey.results.npsLine", r.nps(), r.promoters(), r.passives(), r.detractors()));
                    } else {
                        out.println(m.get("survey.results.csatLine", r.csatAverage(), r.csatTopShare()));
                    }
                    out.flush();
                    return OK;
                });
            }
        }
    }

    @Command(name = "responses", description = "Import survey responses from a CSV file or an Excel workbook (.xlsx): columns code (blank for a walk-in), "
            + "date (yyyy-mm-dd), optional channel, then q1, q2, ... in question order (scores as numbers, choices as "
            + "their label or number, several separated by ;). The Excel file `export responses` writes is read too (its headers "
            + "in English or Chinese: Code, Date, Channel and the questions' texts). All or nothing: every wrong row is listed.")
    public static final class ImportResponses extends FeatureCommand {
        @Option(names = "--survey", paramLabel = "S", required = true, description = "The survey's id, name, short name or kind (NPS, CSAT).")
        String survey;

        @Option(names = "--sheet", paramLabel = "NAME|NUMBER", description = "The sheet of an Excel workbook to read, by name or number (1 = the first; default: the first sheet).")
        String sheet;

        @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8 or GBK) or Excel workbook (.xlsx).")
        Path file;

        @Override
        public Integer call() {
            Messages m = messages();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return withServices(services -> {
                Survey s = services.get(SurveyService.class).find(survey);
                ResponseFiles.ImportResult result = new ResponseFiles(services.get(SurveyService.class), m).importFile(s, file, sheet);
                if (!result.succeeded()) {
                    result.problems().forEach(p -> err.println(m.get("cli.import.rejectedAt", p.place(), p.reason())));
                    err.println(m.get("survey.import.rejected", result.problems().size()));
                    err.flush();
                    return FAILED;
                }
                out.println(m.get("survey.import.done", result.imported()));
                out.flush();
                return OK;
            });
        }
    }

    @Command(name = "responses", description = "Export a survey's responses. CSV (UTF-8) or xlsx (headed in the "
            + "user's language), both importable again with `import responses`; without --out, CSV goes to standard output.")
    public static final class ExportResponses extends FeatureCommand {
        @Option(names = "--survey", paramLabel = "S", required = true, description = "The survey's id, name, short name or kind (NPS, CSAT).")
        String survey;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (the default) or xlsx.")
        String format;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", description = "The file to write (replaced if it exists).")
        Path out;

        @Option(names = "--from", paramLabel = "DATE", description = "First day (yyyy-mm-dd), included.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last day (yyyy-mm-dd), included.")
        LocalDate to;

        @Override
        public Integer call() {
            Messages m = messages();
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ResponseFiles.Format f = ResponseFiles.format(format);
            if (out == null && f != ResponseFiles.Format.CSV) {
                err.println(m.get("survey.export.needsOut"));
                return FAILED;
            }
            return withServices(services -> {
                Survey s = services.get(SurveyService.class).find(survey);
                ResponseFiles files = new ResponseFiles(services.get(SurveyService.class), m);
                ResultFilter filter = new ResultFilter(from, to, null);
                if (out == null) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    try {
                        files.writeCsv(s, filter, buffer);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    stdout.print(text.startsWith("\uFEFF") ? text.substring(1) : text);
                    stdout.flush();
                    return OK;
                }
                int n = files.export(s, filter, f, out);
                stdout.println(m.get("survey.export.done", n, out.toAbsolutePath().toString()));
                stdout.flush();
                return OK;
            });
        }
    }
}
