package app.regulars.feature;

import app.regulars.i18n.Messages;
import app.regulars.tables.ImportReport;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.TableLayout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A command a feature adds: thin (parse, call a service, print). It reaches the root of the
 * command line ({@link CommandContext}) through picocli's model, so it needs no type from the
 * app above it.
 */
public abstract class FeatureCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;

    @Spec
    protected CommandSpec spec;

    protected CommandContext cli() {
        return (CommandContext) spec.root().userObject();
    }

    protected Messages messages() {
        return cli().messages();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Runs {@code work} on the opened store; see {@link CommandContext#withServices}. */
    protected int withServices(Function<Services, Integer> work) {
        return cli().withServices(err(), work);
    }

    /**
     * The date in {@code text} ({@code YYYY-MM-DD}); null (and a message on {@code err}) when it is
     * not one. Callers return {@link #FAILED} then.
     */
    protected LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            err().println(messages().get("cli.badDate", text));
            err().flush();
            return null;
        }
    }

    /**
     * The paper of {@code --paper A4|LETTER}: the machine's country's when {@code text} is null;
     * null (and a message on {@code err}) for another word. Callers return {@link #FAILED} then.
     */
    protected TableLayout.Paper paper(String text) {
        if (text == null) {
            return TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry());
        }
        try {
            return TableLayout.Paper.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err().println(messages().get("cli.badPaper", text));
            err().flush();
            return null;
        }
    }

    /**
     * Prints an all-or-nothing import's ignored columns, its warnings ({@code Warning: card N: ...})
     * and, when it was refused, every rejected row as {@code line N: reason} ({@code row N} of a
     * workbook, {@code card N} of a vCard file) and the count. Returns whether the import succeeded.
     */
    protected static boolean printReport(ImportReport report, Messages messages, PrintWriter err) {
        for (String column : report.ignoredColumns()) {
            err.println(messages.get("cli.import.ignoredColumn", messages.get("exchange.warning.unknownColumn", column)));
        }
        for (RejectedRow row : report.warnings()) {
            err.println(messages.get("cli.import.ignoredColumn", messages.get("cli.import.rejectedAt", row.place().text(messages), row.reason(messages))));
        }
        err.flush();
        if (report.succeeded()) {
            return true;
        }
        for (RejectedRow row : report.rejected()) {
            err.println(messages.get("cli.import.rejectedAt", row.place().text(messages), row.reason(messages)));
        }
        err.println(messages.get("cli.import.rejected", report.rejected().size(), report.rowsRead()));
        err.flush();
        return false;
    }
}
