package app.regulars.followup;

import app.regulars.fx.TablePrinter;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.tables.TableLayout;
import javafx.scene.Node;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the calendar sends out: the shown list on paper or as PDF, Excel or CSV, and the
 * visit briefs of a day as one PDF. The work runs in the background; {@code say} gets the
 * outcome, a line for the page's status.
 */
final class CalendarExports {
    private final CalendarViewModel vm;
    private final Messages messages;
    private final FollowUpReports reports;
    private final TaskRunner runner;
    private final Node owner;
    private final Consumer<String> say;

    CalendarExports(CalendarViewModel vm, Messages messages, FollowUpReports reports, TaskRunner runner, Node owner, Consumer<String> say) {
        this.vm = vm;
        this.messages = messages;
        this.reports = reports;
        this.runner = runner;
        this.owner = owner;
        this.say = say;
    }

    /** The list of what the view shows (whole period, current filter). */
    Table table() {
        return reports.list(vm.start(), vm.end().minusDays(1), vm.filter());
    }

    void print() {
        runner.run(this::table, t -> new TablePrinter(messages).print(t, Windows.windowOf(owner), runner, say),
                e -> say.accept(messages.describe(e)));
    }

    /** Asks where, then exports the shown list there. */
    void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("followup.calendar.export").replace("_", ""));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("PDF", "*.pdf"),
                new FileChooser.ExtensionFilter("Excel", "*.xlsx"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName(messages.get("followup.list.heading") + "-" + vm.start() + ".pdf");
        File file = chooser.showSaveDialog(Windows.windowOf(owner));
        if (file != null) {
            exportTo(file.toPath());
        }
    }

    /** Exports the shown list to {@code file}, the format by its extension (pdf when none). */
    void exportTo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        runner.run(() -> {
            TableExport.Format f = TableExport.Format.parse(dot < 0 ? "pdf" : name.substring(dot + 1));
            new TableExport(messages).write(table(), f, file);
            return file;
        }, this::saved, e -> say.accept(messages.describe(e)));
    }

    /** Asks where, then writes the visit briefs of the shown day. */
    void exportBriefs() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        chooser.setInitialFileName(messages.get("followup.brief.heading") + "-" + vm.getAnchor() + ".pdf");
        File file = chooser.showSaveDialog(Windows.windowOf(owner));
        if (file != null) {
            exportBriefsTo(vm.getAnchor(), file.toPath());
        }
    }

    /** Writes the visit briefs of {@code day}'s planned visits as one PDF. */
    void exportBriefsTo(LocalDate day, Path file) {
        runner.run(() -> {
            List<FollowUpReports.Brief> briefs = reports.visitsOn(day).stream().map(reports::brief).toList();
            reports.writeBriefs(briefs, TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry()), file);
            return file;
        }, this::saved, e -> say.accept(messages.describe(e)));
    }

    private void saved(Path file) {
        say.accept(messages.get("followup.calendar.exported", file.toString()));
    }
}
