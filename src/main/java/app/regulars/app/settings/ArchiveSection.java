package app.regulars.app.settings;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.store.ArchiveManifest;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Settings › Everything in one file: Export everything… (a ZIP of CSV files, decision 0026) and
 * Import everything… (into empty data, after a preview of what the export holds), each with its
 * progress and a Cancel in the section.
 */
public final class ArchiveSection extends VBox {
    private final ArchiveViewModel vm;
    private final Messages messages;
    private Function<String, Path> saveChooser = this::chooseSave;
    private Supplier<Path> openChooser = this::chooseOpen;

    public ArchiveSection(ArchiveViewModel vm, Messages messages) {
        super(10);
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("settings-archive");
        Label section = new Label(messages.get("settings.archive"));
        section.getStyleClass().add("section-title");
        Label intro = new Label(messages.get("settings.archive.intro"));
        intro.setWrapText(true);

        Button export = new Button(messages.get("settings.archive.export"));
        export.setId("archiveExport");
        export.disableProperty().bind(vm.busyProperty());
        export.setOnAction(e -> {
            Path file = saveChooser.apply(vm.proposedName());
            if (file != null) {
                vm.export(file);
            }
        });
        Button importAll = new Button(messages.get("settings.archive.import"));
        importAll.setId("archiveImport");
        importAll.disableProperty().bind(vm.busyProperty());
        importAll.setOnAction(e -> {
            Path file = openChooser.get();
            if (file != null) {
                vm.check(file, manifest -> {
                    if (confirm(file, manifest)) {
                        vm.importFrom(file);
                    }
                });
            }
        });
        ProgressBar bar = new ProgressBar();
        bar.setId("archiveProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        Button cancel = new Button(messages.get("settings.archive.cancel"));
        cancel.setId("archiveCancel");
        cancel.setOnAction(e -> vm.cancel());
        for (javafx.scene.Node n : new javafx.scene.Node[]{bar, cancel}) {
            n.visibleProperty().bind(vm.busyProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        HBox actions = new HBox(8, export, importAll, bar, cancel);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("archiveStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.failedProperty().addListener((o, was, is) -> {
            status.getStyleClass().remove("danger");
            if (is) {
                status.getStyleClass().add("danger");
            }
        });
        getChildren().setAll(section, intro, actions, status);
    }

    /** Where an export goes, for tests: {@code chooser} gets the proposed file name and returns the file (null: cancelled). */
    public void setSaveChooser(Function<String, Path> chooser) {
        this.saveChooser = chooser;
    }

    /** Which export an import reads, for tests: null is cancelled. */
    public void setOpenChooser(Supplier<Path> chooser) {
        this.openChooser = chooser;
    }

    private Path chooseSave(String proposed) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("settings.archive.export"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(messages.get("settings.archive.zipFiles"), "*.zip"));
        chooser.setInitialFileName(proposed);
        File file = chooser.showSaveDialog(Windows.windowOf(this));
        return file == null ? null : file.toPath();
    }

    private Path chooseOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("settings.archive.import"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(messages.get("settings.archive.zipFiles"), "*.zip"));
        File file = chooser.showOpenDialog(Windows.windowOf(this));
        return file == null ? null : file.toPath();
    }

    /** The preview: what the export holds and what the import does; Import goes on, Cancel does nothing. */
    private boolean confirm(Path file, ArchiveManifest manifest) {
        ButtonType go = new ButtonType(messages.get("settings.archive.import.button"), ButtonBar.ButtonData.OK_DONE);
        ButtonType stop = new ButtonType(messages.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = Windows.dialog(Windows.windowOf(this), new Alert(Alert.AlertType.CONFIRMATION, vm.confirmText(file, manifest), go, stop));
        alert.setHeaderText(messages.get("settings.archive.confirmTitle"));
        alert.getDialogPane().setId("archiveImportPreview");
        alert.getDialogPane().setMinWidth(560);
        ((Button) alert.getDialogPane().lookupButton(go)).setId("archiveImportConfirm");
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == go;
    }
}
