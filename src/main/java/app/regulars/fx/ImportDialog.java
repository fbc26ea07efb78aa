package app.regulars.fx;

import app.regulars.i18n.Messages;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.MappedImport;
import app.regulars.tables.RowFile;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The import window (customers, purchases or survey answers, from the Customers page and the
 * window's Import menu): choose a file; its first rows in a table, a field chooser over each
 * column ("Ignored" shown grey), the cells the importer would reject in red with the reason as
 * their tooltip; Import, with progress and Cancel; the result, and the rejected rows saved as a
 * CSV file with a reason column. The state is {@link ImportViewModel}'s.
 */
public final class ImportDialog extends BorderPane {
    /** How the window asks for files: the system's file choosers, or a test's answers. */
    public interface Files {
        Path open(Window owner, String title, List<FileChooser.ExtensionFilter> filters);

        Path save(Window owner, String title, String suggestedName);
    }

    /** The system's file choosers. */
    public static final Files CHOOSERS = new Files() {
        @Override
        public Path open(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().setAll(filters);
            File f = chooser.showOpenDialog(owner);
            return f == null ? null : f.toPath();
        }

        @Override
        public Path save(Window owner, String title, String suggestedName) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = chooser.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        }
    };

    /** "Ignored": the chooser's first entry. */
    private static final MappedImport.Field IGNORED = new MappedImport.Field(null, "");

    private final ImportViewModel vm;
    private final Messages messages;
    private final Files files;
    private final TableView<ImportViewModel.PreviewRow> table = new TableView<>();
    private final List<ComboBox<MappedImport.Field>> choosers = new ArrayList<>();
    /** Set while the choosers are filled from the mapping, so that filling them maps nothing. */
    private boolean filling;
    private Runnable onClose = () -> { };

    /** Opens the import window for {@code kind} over {@code owner}. */
    public static Stage open(Window owner, MappedImport kind, TaskRunner runner, Messages messages, Runnable dataChanged) {
        ImportDialog pane = new ImportDialog(new ImportViewModel(kind, runner, messages, dataChanged), messages, CHOOSERS);
        Stage stage = Windows.stage(owner, messages.get("import.title", kind.title()), pane, 1120, 720);
        pane.onClose = stage::close;
        stage.show();
        return stage;
    }

    public ImportDialog(ImportViewModel vm, Messages messages, Files files) {
        this.vm = vm;
        this.messages = messages;
        this.files = files;
        getStyleClass().add("import-dialog");
        setPadding(new Insets(16));
        MappedImport kind = vm.kind();

        Label title = new Label(messages.get("import.title", kind.title()));
        title.getStyleClass().add("title-3");
        Button choose = new Button(messages.get("import.choose"), new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        choose.setId("importChoose");
        choose.setOnAction(e -> chooseFile());
        Label file = new Label();
        file.setId("importFile");
        file.textProperty().bind(vm.fileNameProperty());
        file.getStyleClass().add("text-bold");
        Label encoding = new Label();
        encoding.setId("importEncoding");
        encoding.getStyleClass().add("muted");
        encoding.textProperty().bind(vm.encodingProperty());
        HBox fileRow = new HBox(12, choose, file, encoding);
        fileRow.setAlignment(Pos.CENTER_LEFT);

        if (kind.choiceLabel() != null) {
            ComboBox<MappedImport.Choice> choice = new ComboBox<>(vm.choices());
            choice.setId("importChoice");
            choice.setConverter(converter(MappedImport.Choice::label));
            choice.valueProperty().addListener((o, a, b) -> vm.choose(b));
            vm.choiceProperty().addListener((o, a, b) -> choice.setValue(b));
            Label label = new Label(kind.choiceLabel());
            label.setMinWidth(Region.USE_PREF_SIZE);
            HBox box = new HBox(8, label, choice);
            box.setAlignment(Pos.CENTER_LEFT);
            fileRow.getChildren().add(1, box);
        }
        ComboBox<String> sheet = new ComboBox<>(vm.sheets());
        sheet.setId("importSheet");
        vm.sheetProperty().addListener((o, a, b) -> sheet.getSelectionModel().select(b.intValue()));
        vm.sheets().addListener((ListChangeListener<String>) c -> sheet.getSelectionModel().select(vm.sheetProperty().get()));
        sheet.setOnAction(e -> vm.chooseSheet(sheet.getSelectionModel().getSelectedIndex()));
        Label sheetLabel = new Label(messages.get("import.sheet"));
        sheetLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox sheetBox = new HBox(8, sheetLabel, sheet);
        sheetBox.setAlignment(Pos.CENTER_LEFT);
        sheetBox.visibleProperty().bind(javafx.beans.binding.Bindings.size(vm.sheets()).greaterThan(1));
        sheetBox.managedProperty().bind(sheetBox.visibleProperty());
        fileRow.getChildren().add(sheetBox);

        Label hint = new Label(messages.get("import.noFile"));
        hint.setId("importHint");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        hint.visibleProperty().bind(vm.stepProperty().isEqualTo(ImportViewModel.Step.NO_FILE));
        hint.managedProperty().bind(hint.visibleProperty());
        Label blocker = new Label();
        blocker.setId("importBlocker");
        blocker.setWrapText(true);
        blocker.getStyleClass().add("error-text");
        blocker.textProperty().bind(vm.blockerProperty());
        blocker.visibleProperty().bind(vm.blockerProperty().isNotEmpty());
        blocker.managedProperty().bind(blocker.visibleProperty());
        VBox top = new VBox(10, title, fileRow, hint, blocker);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        table.setId("importTable");
        table.setPlaceholder(new Label(""));
        table.setItems(vm.rows());
        table.getStyleClass().add("import-table");
        vm.header().addListener((ListChangeListener<String>) c -> columns());
        vm.fields().addListener((ListChangeListener<MappedImport.Field>) c -> columns());
        vm.mappingProperty().addListener((o, a, b) -> showMapping(b));
        vm.problemsProperty().addListener((o, a, b) -> table.refresh());

        VBox result = result();
        StackPane center = new StackPane(table, result);
        table.visibleProperty().bind(vm.stepProperty().isNotEqualTo(ImportViewModel.Step.DONE));
        result.visibleProperty().bind(vm.stepProperty().isEqualTo(ImportViewModel.Step.DONE));
        setCenter(center);

        Label summary = new Label();
        summary.setId("importSummary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.visibleProperty().bind(vm.stepProperty().isEqualTo(ImportViewModel.Step.MAPPING));
        // What rows that are customers already here do (skip, fill in, overwrite, add), above Import.
        HBox options = new HBox(8);
        options.setId("importOptions");
        options.setAlignment(Pos.CENTER_LEFT);
        if (!vm.duplicateRules().isEmpty()) {
            ComboBox<MappedImport.Field> rule = new ComboBox<>(vm.duplicateRules());
            rule.setId("importOnDuplicate");
            rule.setConverter(converter(MappedImport.Field::label));
            rule.setValue(vm.duplicateRuleProperty().get());
            rule.valueProperty().addListener((o, a, b) -> vm.chooseDuplicateRule(b));
            Label label = new Label(messages.get("import.duplicates"));
            label.setMinWidth(Region.USE_PREF_SIZE);
            label.setLabelFor(rule);
            options.getChildren().setAll(label, rule);
        }
        options.visibleProperty().bind(vm.stepProperty().isEqualTo(ImportViewModel.Step.MAPPING));
        options.managedProperty().bind(options.visibleProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("importProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        Button cancel = new Button(messages.get("common.cancel"));
        cancel.setId("importCancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox running = new HBox(8, bar, cancel);
        running.setAlignment(Pos.CENTER_LEFT);
        running.visibleProperty().bind(vm.stepProperty().isEqualTo(ImportViewModel.Step.IMPORTING));
        running.managedProperty().bind(running.visibleProperty());
        Label status = new Label();
        status.setId("importStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.stepProperty().isNotEqualTo(ImportViewModel.Step.DONE));
        status.managedProperty().bind(status.visibleProperty());
        Button start = new Button(messages.get("import.start"), new FontIcon(MaterialDesignT.TABLE_ARROW_LEFT));
        start.setId("importStart");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.canImportProperty().not());
        start.setOnAction(e -> vm.importNow());
        start.visibleProperty().bind(vm.stepProperty().isNotEqualTo(ImportViewModel.Step.DONE));
        start.managedProperty().bind(start.visibleProperty());
        Button close = new Button(messages.get("import.close"));
        close.setId("importClose");
        close.setCancelButton(true);
        close.disableProperty().bind(vm.stepProperty().isEqualTo(ImportViewModel.Step.IMPORTING));
        close.setOnAction(e -> onClose.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(12, summary, grow, running, status, start, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(8, options, buttons);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        setBottom(bottom);
        vm.start();
    }

    private VBox result() {
        Label status = new Label();
        status.setId("importResultStatus");
        status.setWrapText(true);
        status.getStyleClass().add("title-4");
        status.textProperty().bind(vm.statusProperty());
        Label rejectedTitle = new Label(messages.get("import.rejectedList"));
        rejectedTitle.getStyleClass().add("text-bold");
        ListView<String> rejected = new ListView<>(vm.rejectedLines());
        rejected.setId("importRejected");
        VBox.setVgrow(rejected, Priority.ALWAYS);
        VBox rejectedBox = new VBox(6, rejectedTitle, rejected);
        VBox.setVgrow(rejectedBox, Priority.ALWAYS);
        rejectedBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.rejectedLines()));
        rejectedBox.managedProperty().bind(rejectedBox.visibleProperty());
        Label warningTitle = new Label(messages.get("import.warningList"));
        warningTitle.getStyleClass().add("text-bold");
        ListView<String> warnings = new ListView<>(vm.warningLines());
        warnings.setId("importWarnings");
        warnings.setPrefHeight(160);
        VBox.setVgrow(warnings, Priority.SOMETIMES);
        VBox warningBox = new VBox(6, warningTitle, warnings);
        warningBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.warningLines()));
        warningBox.managedProperty().bind(warningBox.visibleProperty());
        Label ignored = new Label();
        ignored.setId("importIgnored");
        ignored.setWrapText(true);
        ignored.getStyleClass().add("muted");
        ReadOnlyStringWrapper ignoredText = new ReadOnlyStringWrapper("");
        vm.reportProperty().addListener((o, a, b) -> ignoredText.set(b == null || b.ignoredColumns().isEmpty() ? ""
                : messages.get("import.ignoredColumns", String.join(messages.get("common.listSeparator"), b.ignoredColumns()))));
        ignored.textProperty().bind(ignoredText);
        ignored.visibleProperty().bind(ignoredText.isNotEmpty());
        ignored.managedProperty().bind(ignored.visibleProperty());

        Button save = new Button(messages.get("import.saveRejected"), new FontIcon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.setId("importSaveRejected");
        save.visibleProperty().bind(rejectedBox.visibleProperty());
        save.managedProperty().bind(save.visibleProperty());
        save.setOnAction(e -> {
            Path out = files.save(Windows.windowOf(this), messages.get("import.saveTitle"), vm.rejectedFileName());
            if (out != null) {
                vm.saveRejected(out, n -> { });
            }
        });
        Button back = new Button(messages.get("import.back"));
        back.setId("importBack");
        back.visibleProperty().bind(rejectedBox.visibleProperty());
        back.managedProperty().bind(back.visibleProperty());
        back.setOnAction(e -> vm.back());
        Button again = new Button(messages.get("import.again"), new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        again.setId("importAgain");
        again.setOnAction(e -> chooseFile());
        Button undo = new Button(messages.get("import.undo.button"), new FontIcon(MaterialDesignU.UNDO));
        undo.setId("importUndo");
        undo.visibleProperty().bind(vm.canUndoProperty());
        undo.managedProperty().bind(undo.visibleProperty());
        undo.disableProperty().bind(vm.undoingProperty());
        undo.setOnAction(e -> vm.undo());
        HBox actions = new HBox(8, save, back, undo, again);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(12, status, actions, ignored, rejectedBox, warningBox);
        box.setId("importResult");
        return box;
    }

    private void chooseFile() {
        boolean customers = vm.kind().formats().contains(RowFile.Format.VCARD);
        List<FileChooser.ExtensionFilter> filters = customers
                ? List.of(new FileChooser.ExtensionFilter(messages.get("import.files"), "*.csv", "*.txt", "*.xlsx", "*.vcf"),
                new FileChooser.ExtensionFilter(messages.get("onboarding.csvFiles"), "*.csv", "*.txt"),
                new FileChooser.ExtensionFilter("Excel", "*.xlsx"), new FileChooser.ExtensionFilter("vCard", "*.vcf"))
                : List.of(new FileChooser.ExtensionFilter(messages.get("import.tableFiles"), "*.csv", "*.txt", "*.xlsx"),
                new FileChooser.ExtensionFilter(messages.get("onboarding.csvFiles"), "*.csv", "*.txt"),
                new FileChooser.ExtensionFilter("Excel", "*.xlsx"));
        Path file = files.open(Windows.windowOf(this), messages.get("import.chooseTitle"), filters);
        if (file != null) {
            vm.open(file);
        }
    }

    /** The table's columns: the place in the file, then one per column of the file with its field chooser over it. */
    private void columns() {
        List<TableColumn<ImportViewModel.PreviewRow, ?>> made = new ArrayList<>();
        choosers.clear();
        TableColumn<ImportViewModel.PreviewRow, String> place = new TableColumn<>();
        place.setId("importPlace");
        place.setSortable(false);
        place.setReorderable(false);
        place.setPrefWidth(messages.isChinese() ? 90 : 80);
        place.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().place()));
        place.setCellFactory(c -> new ProblemCell(-1));
        made.add(place);
        List<MappedImport.Field> options = new ArrayList<>();
        options.add(IGNORED);
        options.addAll(vm.fields());
        for (int i = 0; i < vm.header().size(); i++) {
            int column = i;
            TableColumn<ImportViewModel.PreviewRow, String> col = new TableColumn<>();
            col.setSortable(false);
            col.setReorderable(false);
            col.setPrefWidth(170);
            col.setCellValueFactory(c -> new ReadOnlyStringWrapper(column < c.getValue().cells().size() ? c.getValue().cells().get(column) : ""));
            col.setCellFactory(c -> new ProblemCell(column));
            ComboBox<MappedImport.Field> chooser = new ComboBox<>();
            chooser.setId("importMap" + i);
            chooser.getItems().setAll(options);
            chooser.setConverter(converter(f -> f.key() == null ? messages.get("import.ignored") : f.label()));
            chooser.setButtonCell(fieldCell());
            chooser.setCellFactory(l -> fieldCell());
            chooser.setMaxWidth(Double.MAX_VALUE);
            chooser.valueProperty().addListener((o, a, b) -> {
                chooser.pseudoClassStateChanged(IGNORED_STATE, b == null || b.key() == null);
                if (!filling && b != null) {
                    vm.map(column, b.key());
                }
            });
            Label name = new Label(vm.header().get(i) == null ? "" : vm.header().get(i).strip());
            name.getStyleClass().add("import-header");
            name.setMaxWidth(Double.MAX_VALUE);
            VBox graphic = new VBox(4, name, chooser);
            graphic.setFillWidth(true);
            col.setGraphic(graphic);
            choosers.add(chooser);
            made.add(col);
        }
        table.getColumns().setAll(made);
        showMapping(vm.mappingProperty().get());
    }

    private static final javafx.css.PseudoClass IGNORED_STATE = javafx.css.PseudoClass.getPseudoClass("ignored");

    private void showMapping(ColumnMapping mapping) {
        filling = true;
        try {
            for (int i = 0; i < choosers.size(); i++) {
                String key = mapping.field(i);
                ComboBox<MappedImport.Field> chooser = choosers.get(i);
                chooser.setValue(chooser.getItems().stream().filter(f -> Objects.equals(f.key(), key)).findFirst().orElse(IGNORED));
                chooser.pseudoClassStateChanged(IGNORED_STATE, key == null);
            }
        } finally {
            filling = false;
        }
        table.refresh();
    }

    private ListCell<MappedImport.Field> fieldCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(MappedImport.Field item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.key() == null ? messages.get("import.ignored") : item.label());
                pseudoClassStateChanged(IGNORED_STATE, !empty && item != null && item.key() == null);
            }
        };
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** A cell of the preview: red with the reason as its tooltip when the importer rejects it, amber for a warning, grey when its column is ignored. */
    private final class ProblemCell extends TableCell<ImportViewModel.PreviewRow, String> {
        private final int column;

        ProblemCell(int column) {
            this.column = column;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("import-error", "import-warning", "import-ignored");
            setTooltip(null);
            if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                setText(null);
                return;
            }
            setText(item);
            var at = getTableRow().getItem().at();
            ImportViewModel.Problems problems = vm.problemsProperty().get();
            String error = problems.error(at, column);
            String warning = problems.warning(at, column);
            if (error != null) {
                getStyleClass().add("import-error");
                setTooltip(new Tooltip(error));
            } else if (warning != null) {
                getStyleClass().add("import-warning");
                setTooltip(new Tooltip(warning));
            } else if (column >= 0 && vm.mappingProperty().get().field(column) == null) {
                getStyleClass().add("import-ignored");
            }
        }
    }
}
