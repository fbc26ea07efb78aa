package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.tables.ImportReport;
import app.regulars.membership.PurchaseCsvImporter;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The membership commands: {@code import purchases}, {@code export purchases},
 * {@code tiers evaluate [--rebuild]}, {@code points expire}, {@code coupons birthday}.
 */
public final class MembershipCommands {
    private MembershipCommands() {
    }

    @Command(name = "purchases", description = "Import purchases from a CSV file (columns: customer code or phone, date, amount, note). "
            + "All or nothing: a row whose customer does not exist or is archived, or whose date or amount is wrong, is rejected "
            + "and then nothing is imported.")
    static final class ImportPurchases implements Callable<Integer> {
        @ParentCommand
        ImportCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8 or GBK, first line = column names).")
        Path file;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return root.withContext(err, ctx -> {
                ImportReport report = new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones()).importFile(file);
                if (!ImportCommand.printWarningsAndRejections(report, messages, err)) {
                    return RegularsCommand.FAILED;
                }
                out.println(messages.get("membership.cli.imported", report.imported()));
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }

    @Command(name = "purchases", description = "Export every purchase (voided ones marked) with its customer's code.")
    static final class ExportPurchases implements Callable<Integer> {
        @ParentCommand
        ExportCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (the default), xlsx or pdf.")
        String format;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path out;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter err = spec.commandLine().getErr();
            TableExport.Format f;
            try {
                f = TableExport.Format.parse(format);
            } catch (RuntimeException e) {
                err.println(messages.describe(e));
                return RegularsCommand.FAILED;
            }
            return root.withContext(err, ctx -> {
                List<List<Object>> rows = new ArrayList<>();
                ctx.membership().forEachPurchase(rows::add);
                Table table = new Table(messages.get("membership.export.title"), "",
                        List.of(Table.Column.text(messages.get("membership.export.code"), 1), Table.Column.text(messages.get("membership.export.name"), 2),
                                Table.Column.text(messages.get("membership.column.date"), 2), Table.Column.number(messages.get("membership.column.amount"), 1),
                                Table.Column.number(messages.get("membership.column.points"), 1), Table.Column.text(messages.get("membership.column.note"), 3),
                                Table.Column.text(messages.get("membership.export.voided"), 1), Table.Column.text(messages.get("membership.export.voidReason"), 2)),
                        rows, false);
                new TableExport(messages).write(table, f, out);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(messages.get("membership.cli.exported", rows.size(), out.toAbsolutePath().toString()));
                stdout.flush();
                return RegularsCommand.OK;
            });
        }
    }

    @Command(name = "tiers", description = "Member tiers.", subcommands = TiersEvaluate.class)
    static final class Tiers extends CommandGroup {
    }

    @Command(name = "evaluate", description = "Place every customer in the tier the rule gives today (points or spend in the last 12 months).")
    static final class TiersEvaluate implements Callable<Integer> {
        @ParentCommand
        Tiers parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--rebuild",
                description = "First recount every customer's 12-month totals from all purchases (after the data file was changed outside Regulars).")
        boolean rebuild;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            return root.withContext(spec.commandLine().getErr(), ctx -> {
                long t0 = System.nanoTime();
                int changed = rebuild ? ctx.membership().rebuildAndEvaluate() : ctx.membership().evaluateAll();
                PrintWriter out = spec.commandLine().getOut();
                out.println(root.messages().get("membership.cli.evaluated", changed, (System.nanoTime() - t0) / 1e9));
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }

    @Command(name = "points", description = "The points ledger.", subcommands = PointsExpire.class)
    static final class Points extends CommandGroup {
    }

    /**
     * A command that works on a day, {@code --as-of YYYY-MM-DD} or today: a wrong date is
     * refused before the data folder is opened; {@link #run} returns the line to print.
     */
    abstract static class AsOfCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--as-of", paramLabel = "DATE", description = "YYYY-MM-DD; today when left out.")
        String asOf;

        abstract RegularsCommand root();

        abstract String run(AppContext ctx, LocalDate day, Messages messages);

        @Override
        public Integer call() {
            RegularsCommand root = root();
            Messages messages = root.messages();
            PrintWriter err = spec.commandLine().getErr();
            LocalDate day;
            try {
                day = asOf == null ? null : LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                err.println(messages.get("membership.cli.badDate", asOf));
                err.flush();
                return RegularsCommand.FAILED;
            }
            return root.withContext(err, ctx -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println(run(ctx, day == null ? ctx.membership().today() : day, messages));
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }

    @Command(name = "expire", description = "Expire, first in first out, the points whose expiry date is on or before the given date.")
    static final class PointsExpire extends AsOfCommand {
        @ParentCommand
        Points parent;

        @Override
        RegularsCommand root() {
            return parent.root;
        }

        @Override
        String run(AppContext ctx, LocalDate day, Messages messages) {
            return messages.get("membership.cli.expired", ctx.membership().expire(day), day.toString());
        }
    }

    @Command(name = "coupons", description = "Coupons.", subcommands = CouponsBirthday.class)
    static final class Coupons extends CommandGroup {
    }

    @Command(name = "birthday", description = "Issue the birthday coupons that are due: customers who agreed to marketing, "
            + "whose birthday (solar or lunar) is within the configured days, once a year each.")
    static final class CouponsBirthday extends AsOfCommand {
        @ParentCommand
        Coupons parent;

        @Override
        RegularsCommand root() {
            return parent.root;
        }

        @Override
        String run(AppContext ctx, LocalDate day, Messages messages) {
            return messages.get("membership.cli.birthdayIssued", ctx.membership().issueBirthdayCoupons(day));
        }
    }
}
