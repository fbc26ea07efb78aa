package app.regulars.membership;

import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;
import app.regulars.feature.CommandGroup;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.i18n.Formats;
import app.regulars.i18n.UserException;

import app.regulars.tables.ImportReport;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The membership commands: {@code import purchases}, {@code export purchases},
 * {@code tiers evaluate [--rebuild]}, {@code points expire}, {@code coupons birthday},
 * {@code coupons list CODE}, {@code coupons use COUPON_ID [--purchase ID]}.
 */
public final class MembershipCommands {
    private MembershipCommands() {
    }

    @Command(name = "purchases", description = "Import purchases from a CSV file or an Excel workbook (.xlsx) (columns: customer code or phone, date, amount, note). "
            + "All or nothing: a row whose customer does not exist or is archived, or whose date or amount is wrong, is rejected "
            + "and then nothing is imported.")
    static final class ImportPurchases extends FeatureCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8 or GBK) or Excel workbook (.xlsx); its first row names the columns.")
        Path file;

        @Option(names = "--sheet", paramLabel = "NAME|NUMBER", description = "The sheet of an Excel workbook to read, by name or number (1 = the first; default: the first sheet).")
        String sheet;

        @Override
        public Integer call() {
            Messages messages = messages();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return withServices(services -> {
                ImportReport report = new PurchaseCsvImporter(services.get(MembershipService.class), services.get(CustomerService.class).phones()).importFile(file, sheet);
                if (!printReport(report, messages, err)) {
                    return FAILED;
                }
                out.println(messages.get("membership.cli.imported", report.imported()));
                if (report.leftOut() > 0) {
                    out.println(messages.get("membership.cli.voidedLeftOut", report.leftOut()));
                }
                if (report.skipped() > 0) {
                    out.println(messages.get("membership.cli.alreadyHere", report.skipped()));
                }
                out.flush();
                return OK;
            });
        }
    }

    @Command(name = "purchases", description = "Export every purchase (voided ones marked) with its customer's code; "
            + "the amount is what was paid, the last columns what was taken off.")
    static final class ExportPurchases extends FeatureCommand {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (the default), xlsx or pdf.")
        String format;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path out;

        @Override
        public Integer call() {
            Messages messages = messages();
            PrintWriter err = spec.commandLine().getErr();
            TableExport.Format f;
            try {
                f = TableExport.Format.parse(format);
            } catch (RuntimeException e) {
                err.println(messages.describe(e));
                return FAILED;
            }
            return withServices(services -> {
                MembershipService membership = services.get(MembershipService.class);
                Table head = new Table(messages.get("membership.export.title"), "",
                        List.of(Table.Column.text(messages.get("membership.export.code"), 1), Table.Column.text(messages.get("membership.export.name"), 2),
                                Table.Column.text(messages.get("membership.column.date"), 2), Table.Column.number(messages.get("membership.column.amount"), 1),
                                Table.Column.number(messages.get("membership.column.points"), 1), Table.Column.text(messages.get("membership.column.note"), 3),
                                Table.Column.text(messages.get("membership.export.voided"), 1), Table.Column.text(messages.get("membership.export.voidReason"), 2),
                                Table.Column.number(messages.get("membership.export.before"), 1),
                                Table.Column.number(messages.get("membership.export.memberDiscount"), 1),
                                Table.Column.text(messages.get("membership.export.coupon"), 1),
                                Table.Column.number(messages.get("membership.export.couponDiscount"), 1),
                                Table.Column.text(messages.get("membership.export.id"), 1)),
                        List.of(), false);
                // Streamed: a million purchases are never held at once.
                long written = new TableExport(messages).write(head, membership::forEachPurchase, f, out);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(messages.get("membership.cli.exported", written, out.toAbsolutePath().toString()));
                stdout.flush();
                return OK;
            });
        }
    }

    @Command(name = "tiers", description = "Member tiers.", subcommands = TiersEvaluate.class)
    static final class Tiers extends CommandGroup {
    }

    @Command(name = "evaluate", description = "Place every customer in the tier the rule gives today (points or spend in the last 12 months).")
    static final class TiersEvaluate extends FeatureCommand {
        @Option(names = "--rebuild",
                description = "First recount every customer's 12-month totals from all purchases (after the data file was changed outside Regulars).")
        boolean rebuild;

        @Override
        public Integer call() {
            return withServices(services -> {
                long t0 = System.nanoTime();
                int changed = rebuild ? services.get(MembershipService.class).rebuildAndEvaluate() : services.get(MembershipService.class).evaluateAll();
                PrintWriter out = spec.commandLine().getOut();
                out.println(messages().get("membership.cli.evaluated", changed, (System.nanoTime() - t0) / 1e9));
                out.flush();
                return OK;
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
    abstract static class AsOfCommand extends FeatureCommand {
        @Option(names = "--as-of", paramLabel = "DATE", description = "YYYY-MM-DD; today when left out.")
        String asOf;

        abstract String run(Services services, LocalDate day, Messages messages);

        @Override
        public Integer call() {
            Messages messages = messages();
            PrintWriter err = spec.commandLine().getErr();
            LocalDate day;
            try {
                day = asOf == null ? null : LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                err.println(messages.get("membership.cli.badDate", asOf));
                err.flush();
                return FAILED;
            }
            return withServices(services -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println(run(services, day == null ? services.get(MembershipService.class).today() : day, messages));
                out.flush();
                return OK;
            });
        }
    }

    @Command(name = "expire", description = "Expire, first in first out, the points whose expiry date is on or before the given date.")
    static final class PointsExpire extends AsOfCommand {
        @Override
        String run(Services services, LocalDate day, Messages messages) {
            return messages.get("membership.cli.expired", services.get(MembershipService.class).expire(day), day.toString());
        }
    }

    @Command(name = "coupons", description = "Coupons.", subcommands = {CouponsBirthday.class, CouponsList.class, CouponsUse.class})
    static final class Coupons extends CommandGroup {
    }

    @Command(name = "list", description = "List a customer's coupons, one a line: id, code, kind, value, validity, "
            + "status (used, unused or expired).")
    static final class CouponsList extends FeatureCommand {
        @Parameters(index = "0", paramLabel = "CODE", description = "The customer's code (card number).")
        String code;

        @Override
        public Integer call() {
            Messages messages = messages();
            Formats formats = new Formats(messages);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String c = code.strip();
            return withServices(services -> {
                Customer customer = services.get(CustomerService.class).byCode(c)
                        .orElseThrow(() -> new UserException("membership.import.noSuchCode", c));
                MembershipService membership = services.get(MembershipService.class);
                java.util.Currency currency = membership.settings().currency();
                LocalDate today = membership.today();
                List<Coupon> coupons = membership.coupons(customer.id());
                for (Coupon coupon : coupons) {
                    out.println(messages.get("membership.cli.couponLine", coupon.id(), coupon.code(),
                            messages.get("membership.coupon." + coupon.kind().name()), CouponText.value(coupon, formats, currency),
                            formats.date(coupon.validFrom()), formats.date(coupon.validUntil()), CouponText.status(coupon, today, messages)));
                }
                out.flush();
                err.println(messages.get("membership.cli.couponCount", coupons.size(), customer.name(), customer.code()));
                err.flush();
                return OK;
            });
        }
    }

    @Command(name = "use", description = "Mark a coupon used, optionally with a purchase of the same customer "
            + "(its amount stays as recorded; voiding the purchase gives the coupon back).")
    static final class CouponsUse extends FeatureCommand {
        @Parameters(index = "0", paramLabel = "COUPON_ID", description = "The coupon's id, as `coupons list` shows it.")
        long couponId;

        @Option(names = "--purchase", paramLabel = "ID", description = "The purchase it was used with.")
        Long purchaseId;

        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                Coupon used = services.get(MembershipService.class).useCoupon(couponId, purchaseId);
                PrintWriter out = spec.commandLine().getOut();
                out.println(purchaseId == null ? messages.get("membership.cli.couponUsed", used.code())
                        : messages.get("membership.cli.couponUsedWith", used.code(), purchaseId));
                out.flush();
                return OK;
            });
        }
    }

    @Command(name = "birthday", description = "Issue the birthday coupons that are due: customers who agreed to marketing, "
            + "whose birthday (solar or lunar) is within the configured days, once a year each.")
    static final class CouponsBirthday extends AsOfCommand {
        @Override
        String run(Services services, LocalDate day, Messages messages) {
            return messages.get("membership.cli.birthdayIssued", services.get(MembershipService.class).issueBirthdayCoupons(day));
        }
    }
}
