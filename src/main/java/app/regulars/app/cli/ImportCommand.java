package app.regulars.app.cli;

import app.regulars.customer.CustomerCsvImporter;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code import customers FILE}; later issues add other kinds of data beside {@code customers}. */
@Command(name = "import", description = "Import data from a file.",
        subcommands = {ImportCommand.Customers.class, MembershipCommands.ImportPurchases.class, SurveyCommands.ImportResponses.class})
public final class ImportCommand extends CommandGroup {
    @Command(name = "customers", description = "Import customers from a CSV file (UTF-8 or GBK, first line = column names). "
            + "All or nothing: if any row is wrong, nothing is imported and every wrong row is listed.")
    static final class Customers implements Callable<Integer> {
        @ParentCommand
        ImportCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        Path file;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return root.withContext(err, ctx -> {
                ImportReport report = new CustomerCsvImporter(ctx.customers()).importFile(file, Progress.NONE, () -> false);
                if (!printWarningsAndRejections(report, messages, err)) {
                    return RegularsCommand.FAILED;
                }
                out.println(messages.get("cli.import.done", report.imported()));
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }

    /**
     * Prints an all-or-nothing import's ignored columns and, when it was refused, every
     * rejected row as {@code line N: reason} and the count. Returns whether the import succeeded.
     */
    static boolean printWarningsAndRejections(ImportReport report, Messages messages, PrintWriter err) {
        for (String column : report.ignoredColumns()) {
            err.println(messages.get("cli.import.ignoredColumn", messages.get("exchange.warning.unknownColumn", column)));
        }
        if (report.succeeded()) {
            return true;
        }
        for (RejectedRow row : report.rejected()) {
            err.println(messages.get("cli.import.rejectedRow", row.line(), row.reason(messages)));
        }
        err.println(messages.get("cli.import.rejected", report.rejected().size(), report.rowsRead()));
        err.flush();
        return false;
    }
}
