package app.regulars.customer;

import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Exporting customers from the list (issue 16, items 4, 5 and 9): the selected ones, or, with none
 * selected, every customer of the list as searched and filtered, to a CSV file or an Excel
 * workbook (every profile column and the custom fields, importable again) or a vCard file for
 * phones and mail clients; the format from the file's name. Written off the JavaFX thread with
 * progress and cancel; a cancelled export leaves no file.
 */
public final class CustomerExportDialog extends VBox {
    /** Asks where to save (the owner window, the suggested name); null: the user changed their mind. */
    public interface Chooser extends BiFunction<Window, String, Path> {
    }

    private final Label text = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Button save;
    private final Button cancel;
    private AtomicBoolean stop = new AtomicBoolean();
    private boolean running;

    CustomerExportDialog(CustomerListViewModel vm, List<Long> selected, TaskRunner runner, Messages messages, Chooser chooser,
                         Runnable close) {
        int count = selected.isEmpty() ? vm.countProperty().get() : selected.size();
        text.setId("customerExportText");
        text.setWrapText(true);
        text.setText(selected.isEmpty() ? messages.get("customer.export.shown", count) : messages.get("customer.export.selected", count));
        bar.setId("customerExportProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setVisible(false);
        save = new Button(messages.get("customer.export.choose"), new FontIcon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.setId("customerExportSave");
        save.setDefaultButton(true);
        save.setDisable(count == 0);
        cancel = new Button(messages.get("common.cancel"));
        cancel.setId("customerExportCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            if (running) {
                stop.set(true);
            } else {
                close.run();
            }
        });
        save.setOnAction(e -> {
            Path file = chooser.apply(Windows.windowOf(this), messages.get("customer.export.fileName"));
            if (file == null) {
                return;
            }
            AtomicBoolean flag = new AtomicBoolean();
            stop = flag;
            running = true;
            save.setDisable(true);
            bar.setVisible(true);
            bar.setProgress(-1);
            text.setText(messages.get("customer.export.running", file.getFileName()));
            CustomerCsvExporter.Format format = CustomerCsvExporter.Format.forFile(file);
            boolean archived = vm.showingArchived();
            runner.run(() -> new CustomerCsvExporter(vm.service()).export(file, format, vm.idsToExport(selected), archived,
                    (done, total) -> runner.onUiThread(() -> bar.setProgress(total <= 0 ? -1 : (double) done / total)), flag::get), n -> {
                running = false;
                bar.setProgress(1);
                text.setText(messages.get("customer.export.done", n, file.getFileName()));
                cancel.setText(messages.get("import.close"));
            }, error -> {
                running = false;
                bar.setVisible(false);
                save.setDisable(false);
                text.setText(messages.describe(error));
            });
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, grow, save, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().setAll(text, bar, buttons);
        setSpacing(14);
        setPadding(new Insets(20));
        setPrefWidth(520);
        setId("customerExport");
    }

    /** Opens the dialog over {@code owner} for the list {@code vm} shows and the customers selected in it. */
    public static Stage open(Window owner, CustomerListViewModel vm, List<Long> selected, TaskRunner runner, Messages messages,
                             Chooser chooser) {
        Stage[] stage = new Stage[1];
        CustomerExportDialog dialog = new CustomerExportDialog(vm, selected, runner, messages, chooser, () -> stage[0].close());
        stage[0] = Windows.stage(owner, messages.get("customer.export.title"), dialog, -1, -1);
        stage[0].setOnCloseRequest(e -> dialog.stop.set(true));
        stage[0].show();
        return stage[0];
    }

    /** The save dialog: CSV, Excel or vCard, the format from the name chosen. */
    public static Chooser fileChooser(Messages messages) {
        return (owner, name) -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(messages.get("customer.export.title"));
            fc.setInitialFileName(name);
            fc.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                    new FileChooser.ExtensionFilter("Excel", "*.xlsx"), new FileChooser.ExtensionFilter("vCard", "*.vcf"));
            java.io.File f = fc.showSaveDialog(owner);
            if (f == null) {
                return null;
            }
            String lower = f.getName().toLowerCase(java.util.Locale.ROOT);
            if (!lower.endsWith(".csv") && !lower.endsWith(".xlsx") && !lower.endsWith(".vcf") && fc.getSelectedExtensionFilter() != null) {
                // a name typed without its extension takes the one of the kind chosen
                return f.toPath().resolveSibling(f.getName() + fc.getSelectedExtensionFilter().getExtensions().getFirst().substring(1));
            }
            return f.toPath();
        };
    }
}
