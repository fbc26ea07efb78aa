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

/** {@code import customers FILE} and {@code export customers --out FILE}. */
public final class CustomerCommands {
    static final String CSV = "csv";

    private CustomerCommands() {
    }

    @Command(name = "customers", description = "Import customers from a CSV file (UTF-8 or GBK, first line = column names). "
            + "All or nothing: if any row is wrong, nothing is imported and every wrong row is listed.")
    static final class ImportCustomers extends FeatureCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        Path file;

        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                ImportReport report = new CustomerCsvImporter(services.get(CustomerService.class), ConsentSource.COMMAND_LINE).importFile(file, Progress.NONE, () -> false);
                if (!printReport(report, messages, err())) {
                    return FAILED;
                }
                out().println(messages.get("cli.import.done", report.imported()));
                out().flush();
                return OK;
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
