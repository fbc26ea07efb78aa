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

/**
 * {@code import customers FILE [--sheet S] [--on-duplicate skip|update|add [--overwrite]]}, {@code import undo} and
 * {@code export customers --out FILE [--format F] [--include-archived]}.
 */
public final class CustomerCommands {
    private CustomerCommands() {
    }

    @Command(name = "customers", description = "Import customers from a CSV file (UTF-8 or GBK, first line = column names), "
            + "an Excel workbook (.xlsx, first row = column names) or a vCard file (.vcf: the contacts of a phone or mail client). "
            + "All or nothing: if any row is wrong, nothing is imported and every wrong row is listed. "
            + "A row with the card number, a phone or the email (in any case) of a customer already there, or of an earlier row, "
            + "is a duplicate: skipped, used to update that customer, or added anyway (--on-duplicate). "
            + "Prints how many rows were added, updated, skipped and rejected; `import undo` takes the import back.")
    static final class ImportCustomers extends FeatureCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV, Excel (.xlsx) or vCard (.vcf) file.")
        Path file;

        @Option(names = "--sheet", paramLabel = "NAME|NUMBER", description = "The sheet of an Excel workbook to read, by name or number (1 = the first; default: the first sheet).")
        String sheet;

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
                ImportReport report = new CustomerCsvImporter(services.get(CustomerService.class), ConsentSource.COMMAND_LINE, messages, rule)
                        .importFile(file, sheet, Progress.NONE, () -> false);
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

    @Command(name = "customers", description = "Export the customers with every column of their profile: the active ones, "
            + "and the archived ones too with --include-archived. CSV (UTF-8) and Excel files can be imported again with "
            + "`import customers`; a vCard file (3.0) is for phones and mail clients, and imports again too.")
    static final class ExportCustomers extends FeatureCommand {
        @Option(names = "--format", paramLabel = "FORMAT", description = "csv, xlsx or vcf (default: from the file's extension, else csv).")
        String format;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path out;

        @Option(names = "--include-archived", description = "Archived customers too, with a column that says which are.")
        boolean includeArchived;

        @Override
        public Integer call() {
            Messages messages = messages();
            CustomerCsvExporter.Format f;
            try {
                f = format == null ? CustomerCsvExporter.Format.forFile(out) : CustomerCsvExporter.Format.parse(format);
            } catch (RuntimeException e) {
                err().println(messages.describe(e));
                return FAILED;
            }
            return withServices(services -> {
                int n = new CustomerCsvExporter(services.get(CustomerService.class)).export(out, f, includeArchived, Progress.NONE, () -> false);
                PrintWriter stdout = out();
                stdout.println(messages.get("cli.export.done", n, out.toAbsolutePath().toString()));
                stdout.flush();
                return OK;
            });
        }
    }
}
