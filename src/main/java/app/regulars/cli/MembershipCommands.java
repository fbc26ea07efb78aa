package app.regulars.cli;

import app.regulars.exchange.ImportReport;
import app.regulars.exchange.PurchaseCsvImporter;
import app.regulars.exchange.Table;
import app.regulars.exchange.TableExport;
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
    static final class Tiers implements Callable<Integer> {
        @ParentCommand
        RegularsCommand root;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return picocli.CommandLine.ExitCode.USAGE;
        }
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
    static final class Points implements Callable<Integer> {
        @ParentCommand
        RegularsCommand root;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return picocli.CommandLine.ExitCode.USAGE;
        }
    }

    @Command(name = "expire", description = "Expire, first in first out, the points whose expiry date is on or before the given date.")
    static final class PointsExpire implements Callable<Integer> {
        @ParentCommand
        Points parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--as-of", paramLabel = "DATE", description = "YYYY-MM-DD; today when left out.")
        String asOf;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter err = spec.commandLine().getErr();
            LocalDate day;
            try {
                day = asOf(asOf);
            } catch (DateTimeParseException e) {
                err.println(messages.get("membership.cli.badDate", asOf));
                err.flush();
                return RegularsCommand.FAILED;
            }
            return root.withContext(err, ctx -> {
                LocalDate d = day == null ? ctx.membership().today() : day;
                long n = ctx.membership().expire(d);
                PrintWriter out = spec.commandLine().getOut();
                out.println(messages.get("membership.cli.expired", n, d.toString()));
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }

    /** The {@code --as-of} option: YYYY-MM-DD, or null (today) when left out. */
    private static LocalDate asOf(String text) {
        return text == null ? null : LocalDate.parse(text.strip());
    }

    @Command(name = "coupons", description = "Coupons.", subcommands = CouponsBirthday.class)
    static final class Coupons implements Callable<Integer> {
        @ParentCommand
        RegularsCommand root;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return picocli.CommandLine.ExitCode.USAGE;
        }
    }

    @Command(name = "birthday", description = "Issue the birthday coupons that are due: customers who agreed to marketing, "
            + "whose birthday (solar or lunar) is within the configured days, once a year each.")
    static final class CouponsBirthday implements Callable<Integer> {
        @ParentCommand
        Coupons parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--as-of", paramLabel = "DATE", description = "YYYY-MM-DD; today when left out.")
        String asOf;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter err = spec.commandLine().getErr();
            LocalDate day;
            try {
                day = asOf(asOf);
            } catch (DateTimeParseException e) {
                err.println(messages.get("membership.cli.badDate", asOf));
                err.flush();
                return RegularsCommand.FAILED;
            }
            return root.withContext(err, ctx -> {
                int n = ctx.membership().issueBirthdayCoupons(day == null ? ctx.membership().today() : day);
                PrintWriter out = spec.commandLine().getOut();
                out.println(messages.get("membership.cli.birthdayIssued", n));
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }
}
