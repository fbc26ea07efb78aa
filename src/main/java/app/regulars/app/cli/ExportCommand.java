package app.regulars.app.cli;

import app.regulars.customer.CustomerCsvExporter;
import app.regulars.tables.Progress;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code export customers --format csv --out FILE}; later issues add other kinds of data and formats. */
@Command(name = "export", description = "Export data to a file.",
        subcommands = {ExportCommand.Customers.class, MembershipCommands.ExportPurchases.class, SurveyCommands.ExportResponses.class,
                ExportFollowupsCommand.class})
public final class ExportCommand extends CommandGroup {
    static final String CSV = "csv";

    @Command(name = "customers", description = "Export every active (not archived) customer. "
            + "The CSV file is UTF-8 and can be imported again with `import customers`.")
    static final class Customers implements Callable<Integer> {
        @ParentCommand
        ExportCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = CSV, description = "File format: csv (the default).")
        String format;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path out;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter err = spec.commandLine().getErr();
            if (!CSV.equals(format.strip().toLowerCase(Locale.ROOT))) {
                err.println(messages.get("cli.export.unknownFormat", format, CSV));
                return RegularsCommand.FAILED;
            }
            return root.withContext(err, ctx -> {
                int n = new CustomerCsvExporter(ctx.customers()).export(out, Progress.NONE, () -> false);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(messages.get("cli.export.done", n, out.toAbsolutePath().toString()));
                stdout.flush();
                return RegularsCommand.OK;
            });
        }
    }
}
