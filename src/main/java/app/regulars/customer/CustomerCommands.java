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

/** {@code import customers FILE [--sheet S]} and {@code export customers --out FILE [--format F] [--include-archived]}. */
public final class CustomerCommands {
    private CustomerCommands() {
    }

    @Command(name = "customers", description = "Import customers from a CSV file (UTF-8 or GBK, first line = column names), "
            + "an Excel workbook (.xlsx, first row = column names) or a vCard file (.vcf: the contacts of a phone or mail client). "
            + "All or nothing: if any row is wrong, nothing is imported and every wrong row is listed.")
    static final class ImportCustomers extends FeatureCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV, Excel (.xlsx) or vCard (.vcf) file.")
        Path file;

        @Option(names = "--sheet", paramLabel = "NAME|NUMBER", description = "The sheet of an Excel workbook to read, by name or number (1 = the first; default: the first sheet).")
        String sheet;

        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                ImportReport report = new CustomerCsvImporter(services.get(CustomerService.class), ConsentSource.COMMAND_LINE, messages)
                        .importFile(file, sheet, Progress.NONE, () -> false);
                if (!printReport(report, messages, err())) {
                    return FAILED;
                }
                out().println(messages.get("cli.import.done", report.imported()));
                out().flush();
                return OK;
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
