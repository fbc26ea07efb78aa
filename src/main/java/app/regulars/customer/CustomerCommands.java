package app.regulars.customer;

import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code import customers FILE [--on-duplicate skip|update|add [--overwrite]]}, {@code import undo} and {@code export customers --out FILE}. */
public final class CustomerCommands {
    static final String CSV = "csv";

    private CustomerCommands() {
    }

    @Command(name = "customers", description = "Import customers from a CSV file (UTF-8 or GBK, first line = column names). "
            + "All or nothing: if any row is wrong, nothing is imported and every wrong row is listed. "
            + "A row with the card number, a phone or the email (in any case) of a customer already there, or of an earlier row, "
            + "is a duplicate: skipped, used to update that customer, or added anyway (--on-duplicate). "
            + "Prints how many rows were added, updated, skipped and rejected; `import undo` takes the import back.")
    static final class ImportCustomers extends FeatureCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        Path file;

        @Option(names = "--on-duplicate", paramLabel = "skip|update|add", defaultValue = "skip",
                description = "What a duplicate row does: skip (the default) leaves the customer as they are; update fills the customer's "
                        + "empty fields from the row (and adds its new phones and tags); add adds it as another customer.")
        String onDuplicate;

        @Option(names = "--overwrite", description = "With --on-duplicate update: write every field the row has over the customer's "
                + "(an empty cell still leaves the field as it is).")
        boolean overwrite;

        @Override
        public Integer call() {
            Messages messages = messages();
            OnDuplicate rule = rule(onDuplicate, overwrite);
            if (rule == null) {
                err().println(overwrite && onDuplicateWord(onDuplicate) != null
                        ? messages.get("cli.import.overwriteAlone") : messages.get("cli.import.badOnDuplicate", onDuplicate));
                err().flush();
                return FAILED;
            }
            return withServices(services -> {
                ImportReport report = new CustomerCsvImporter(services.get(CustomerService.class), ConsentSource.COMMAND_LINE, rule)
                        .importFile(file, Progress.NONE, () -> false);
                if (!printReport(report, messages, err())) {
                    return FAILED;
                }
                out().println(messages.get("cli.import.summary", report.added(), report.updated(), report.skipped(), report.rejected().size()));
                out().flush();
                return OK;
            });
        }

        /** The rule {@code --on-duplicate WORD [--overwrite]} names; null when the words do not go together. */
        static OnDuplicate rule(String word, boolean overwrite) {
            OnDuplicate rule = onDuplicateWord(word);
            if (rule == null || (overwrite && rule != OnDuplicate.FILL)) {
                return null;
            }
            return overwrite ? OnDuplicate.OVERWRITE : rule;
        }

        private static OnDuplicate onDuplicateWord(String word) {
            return switch (word.strip().toLowerCase(Locale.ROOT)) {
                case "skip" -> OnDuplicate.SKIP;
                case "update" -> OnDuplicate.FILL;
                case "add" -> OnDuplicate.ADD;
                default -> null;
            };
        }
    }

    @Command(name = "undo", description = "Undo the last import: remove the customers it added and put back what it changed "
            + "(or remove the purchases it added). Refused, with the customer that changed, once anything else has touched "
            + "those customers since (an edit, a purchase, a contact, a follow-up, a survey answer, a merge).")
    static final class UndoImport extends FeatureCommand {
        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                ImportUndoService.Outcome outcome = services.get(ImportUndoService.class).undoLast();
                (outcome.done() ? out() : err()).println(outcome.describe(messages));
                out().flush();
                err().flush();
                return outcome.done() ? OK : FAILED;
            });
        }
    }

    @Command(name = "customers", description = "Export every active (not archived) customer. "
            + "The CSV file is UTF-8 and can be imported again with `import customers`.")
    static final class ExportCustomers extends FeatureCommand {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = CSV, description = "File format: csv (the default).")
        String format;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path out;

        @Override
        public Integer call() {
            Messages messages = messages();
            if (!CSV.equals(format.strip().toLowerCase(Locale.ROOT))) {
                err().println(messages.get("cli.export.unknownFormat", format, CSV));
                return FAILED;
            }
            return withServices(services -> {
                int n = new CustomerCsvExporter(services.get(CustomerService.class)).export(out, Progress.NONE, () -> false);
                PrintWriter stdout = out();
                stdout.println(messages.get("cli.export.done", n, out.toAbsolutePath().toString()));
                stdout.flush();
                return OK;
            });
        }
    }
}
