package app.regulars.app.settings;

import app.regulars.app.BackupJobs;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.store.Backups;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.Optional;

/**
 * The Settings page: its Password section when given ({@link SecuritySection}), then Backups (the list, where they go, Back up
 * now, Restore…), then, when given, Everything in one file ({@link ArchiveSection}).
 */
public final class BackupsPage extends BorderPane {
    private final BackupsViewModel vm;
    private final Messages messages;
    private final TableView<Backups.Backup> table = new TableView<>();

    public BackupsPage(BackupsViewModel vm, Messages messages) {
        this(vm, messages, null);
    }

    /** The page with {@code before} (the Password section) between its title and the backups. */
    public BackupsPage(BackupsViewModel vm, Messages messages, javafx.scene.Node before) {
        this(vm, messages, before, null);
    }

    /** The page with {@code before} (the Password section) before the backups, and {@code after} (Everything in one file) below their list. */
    public BackupsPage(BackupsViewModel vm, Messages messages, javafx.scene.Node before, javafx.scene.Node after) {
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("settings-page");
        setPadding(new Insets(16));

        Label title = new Label(messages.get("settings.title"));
        title.getStyleClass().add("page-title");
        Label section = new Label(messages.get("settings.backups"));
        section.getStyleClass().add("section-title");
        Label intro = new Label(messages.get("settings.backups.intro"));
        intro.setWrapText(true);
        Label folder = new Label();
        folder.setId("backupFolder");
        folder.setWrapText(true);
        folder.textProperty().bind(Bindings.createStringBinding(() -> messages.get("settings.backups.folder", vm.folderProperty().get()),
                vm.folderProperty()));
        Button choose = new Button(messages.get("settings.backups.chooseFolder"));
        choose.setId("backupChooseFolder");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(messages.get("settings.backups.chooseFolder"));
            File picked = chooser.showDialog(Windows.windowOf(this));
            if (picked != null) {
                vm.chooseFolder(picked.toPath());
            }
        });
        Button useDefault = new Button(messages.get("settings.backups.defaultFolder"));
        useDefault.setId("backupDefaultFolder");
        useDefault.setOnAction(e -> vm.chooseFolder(null));
        HBox folderRow = new HBox(8, folder, choose, useDefault);
        HBox.setHgrow(folder, Priority.ALWAYS);
        folder.setMaxWidth(Double.MAX_VALUE);

        Button now = new Button(messages.get("settings.backups.now"));
        now.setId("backupNow");
        now.getStyleClass().add("accent");
        now.disableProperty().bind(vm.busyProperty());
        now.setOnAction(e -> vm.backUpNow());
        Button restore = new Button(messages.get("settings.backups.restore"));
        restore.setId("backupRestore");
        restore.disableProperty().bind(vm.busyProperty().or(table.getSelectionModel().selectedItemProperty().isNull()));
        restore.setOnAction(e -> confirmRestore());
        Label status = new Label();
        status.setId("backupStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.failedProperty().addListener((o, was, is) -> {
            status.getStyleClass().remove("danger");
            if (is) {
                status.getStyleClass().add("danger");
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox actions = new HBox(8, now, restore, grow);

        table.setId("backupTable");
        table.setPlaceholder(new Label(messages.get("settings.backups.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(messages.locale());
        table.getColumns().add(column("settings.backups.date", b -> b.taken().format(when), 180));
        table.getColumns().add(column("settings.backups.kind", b -> messages.get("backup.kind." + b.kind().word()), 130));
        table.getColumns().add(column("settings.backups.size", b -> String.format(messages.locale(), "%.1f MB", b.bytes() / 1_000_000.0), 90));
        table.getColumns().add(column("settings.backups.customers", b -> String.format(messages.locale(), "%,d", b.rows(BackupJobs.CUSTOMERS)), 100));
        table.getColumns().add(column("settings.backups.purchases", b -> String.format(messages.locale(), "%,d", b.rows(BackupJobs.PURCHASES)), 100));
        table.getColumns().add(column("settings.backups.state", b -> messages.get("backup.status." + b.status().name()), 120));
        table.setItems(vm.backups());

        VBox top = new VBox(10, title, section, intro, folderRow, actions, status);
        if (vm.server().isPresent()) { // a shared store: the server's own backups (decision 0030), nothing to do here
            intro.setText(messages.get("store.server.notAFile", vm.server().get()));
            intro.setId("backupsOnServer");
            top.getChildren().setAll(title, section, intro);
        }
        if (before != null) {
            top.getChildren().add(1, before);
        }
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(vm.server().isPresent() ? null : table);
        if (after != null) {
            BorderPane.setMargin(after, new Insets(16, 0, 0, 0));
            setBottom(after);
        }
        vm.reload();
    }

    private TableColumn<Backups.Backup, String> column(String key, java.util.function.Function<Backups.Backup, String> text, double width) {
        TableColumn<Backups.Backup, String> c = new TableColumn<>(messages.get(key));
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** The preview: the backup's date and counts, and what a restore does; OK restores. */
    private void confirmRestore() {
        Backups.Backup b = table.getSelectionModel().getSelectedItem();
        if (b == null) {
            return;
        }
        Alert confirm = Windows.dialog(Windows.windowOf(this), new Alert(Alert.AlertType.CONFIRMATION,
                messages.get("settings.backups.confirm", Date.from(b.taken().atZone(ZoneId.systemDefault()).toInstant()),
                        b.rows(BackupJobs.CUSTOMERS), b.rows(BackupJobs.PURCHASES)), ButtonType.OK, ButtonType.CANCEL));
        confirm.setHeaderText(messages.get("settings.backups.confirmTitle"));
        confirm.getDialogPane().setId("restorePreview");
        Optional<ButtonType> answer = confirm.showAndWait();
        if (answer.isPresent() && answer.get() == ButtonType.OK) {
            vm.restore(b);
        }
    }

    public void reload() {
        vm.reload();
    }
}
