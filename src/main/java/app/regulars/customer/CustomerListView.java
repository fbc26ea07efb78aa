package app.regulars.customer;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Callback;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The customer list: search box, tag filter, active/archived switch, a virtualized table
 * (rows load a page at a time) with multiple selection, and bulk tag and archive actions.
 */
public final class CustomerListView extends BorderPane {
    private final CustomerListViewModel vm;
    private final Messages messages;
    private final TextField search;
    private final TableView<CustomerRow> table = new TableView<>();
    /** The custom fields' columns, by field id (decision 0027): made again when the fields change. */
    private final java.util.Map<Long, TableColumn<CustomerRow, String>> customColumns = new java.util.LinkedHashMap<>();
    private Runnable openCustomFields = () -> { };
    private Runnable openExport = () -> { };
    private final app.regulars.fx.FooterBar bottom;
    /** The footer's More menu: custom fields, and duplicates and merging when enabled. */
    private final javafx.scene.control.MenuButton more;

    public CustomerListView(CustomerListViewModel vm, Messages messages, Consumer<Long> open, Runnable createNew) {
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("customer-list");
        // What follows a page's rows (the start's first-rows moment, the search index, the other
        // columns) waits for the layout pass that makes their cells: the frame that draws them.
        vm.afterLayoutBy(this::whenLaidOut);

        CustomTextField searchField = (CustomTextField) TextFields.createClearableTextField();
        searchField.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
        searchField.setId("customerSearch");
        searchField.setPromptText(messages.get("customer.list.searchPrompt"));
        searchField.textProperty().bindBidirectional(vm.queryProperty());
        HBox.setHgrow(searchField, Priority.ALWAYS);
        // Wide enough for the whole prompt at 1280 pixels, whatever the filters hold.
        searchField.setMinWidth(340);
        searchField.setPrefWidth(380);
        searchField.setMaxWidth(520);
        searchField.setTooltip(new javafx.scene.control.Tooltip(messages.get("customer.list.searchTip")));
        search = searchField;

        ComboBox<String> tagFilter = new ComboBox<>();
        tagFilter.setId("tagFilter");
        tagFilter.setPromptText(messages.get("customer.list.allTags"));
        tagFilter.setPrefWidth(140);
        tagFilter.getItems().add(null);
        vm.tags().addListener((ListChangeListener<String>) c -> {
            String current = tagFilter.getValue();
            List<String> items = new ArrayList<>();
            items.add(null);
            items.addAll(vm.tags());
            tagFilter.getItems().setAll(items);
            tagFilter.setValue(current);
        });
        tagFilter.setButtonCell(tagCell());
        tagFilter.setCellFactory(l -> tagCell());
        tagFilter.valueProperty().addListener((obs, o, n) -> vm.tagFilterProperty().set(n));

        ComboBox<ListFilter> filter = filterBox();

        ToggleButton archived = new ToggleButton(messages.get("customer.list.showArchived"), new FontIcon(MaterialDesignA.ARCHIVE_OUTLINE));
        archived.setId("showArchived");
        archived.selectedProperty().bindBidirectional(vm.showArchivedProperty());

        Button add = new Button(messages.get("customer.list.new"), new FontIcon(MaterialDesignA.ACCOUNT_PLUS));
        add.setId("newCustomer");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> createNew.run());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, searchField, tagFilter, filter, archived, spacer, add);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("page-toolbar");
        setTop(toolbar);

        buildTable(open);
        setCenter(table);
        showCustomColumns();
        vm.customFields().addListener((ListChangeListener<CustomField>) c -> showCustomColumns());

        Button tag = new Button(messages.get("customer.list.tag"), new FontIcon(MaterialDesignT.TAG_OUTLINE));
        tag.setId("tagSelected");
        tag.setOnAction(e -> askTag("customer.list.tagTitle").ifPresent(t -> vm.addTag(selectedIds(), t)));
        Button untag = new Button(messages.get("customer.list.untag"), new FontIcon(MaterialDesignT.TAG_OFF_OUTLINE));
        untag.setId("untagSelected");
        untag.setOnAction(e -> askTag("customer.list.untagTitle").ifPresent(t -> vm.removeTag(selectedIds(), t)));
        Button archive = new Button();
        archive.setId("archiveSelected");
        archive.textProperty().bind(Bindings.when(vm.showArchivedProperty())
                .then(messages.get("customer.list.restore")).otherwise(messages.get("customer.list.archive")));
        archive.graphicProperty().bind(Bindings.when(vm.showArchivedProperty())
                .then(new FontIcon(MaterialDesignA.ARCHIVE_ARROW_UP_OUTLINE)).otherwise(new FontIcon(MaterialDesignA.ARCHIVE_OUTLINE)));
        archive.setOnAction(e -> {
            if (vm.showArchivedProperty().get()) {
                vm.restore(selectedIds());
            } else {
                vm.archive(selectedIds());
            }
        });
        var noneSelected = Bindings.isEmpty(table.getSelectionModel().getSelectedIndices());
        tag.disableProperty().bind(noneSelected);
        untag.disableProperty().bind(noneSelected);
        archive.disableProperty().bind(noneSelected);

        Label selection = new Label();
        selection.getStyleClass().add("muted");
        selection.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = table.getSelectionModel().getSelectedIndices().size();
            return n > 1 ? messages.get("customer.list.selected", n) : "";
        }, table.getSelectionModel().getSelectedIndices()));
        Label status = new Label();
        status.setId("listStatus");
        status.textProperty().bind(vm.statusProperty());
        Label error = new Label();
        error.setId("listError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        more = moreMenu();
        bottom = new app.regulars.fx.FooterBar(8, tag, untag, archive, selection, grow, error, status, more);
        bottom.iconsWhenShort(tag, untag, archive);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("page-footer");
        setBottom(bottom);
    }

    /** What the "Custom fields…" menu entry opens (the page's dialog). */
    public void setOnCustomFields(Runnable open) {
        openCustomFields = open;
    }

    /** What Export customers… in the More menu does: {@code open} shows the export of the selected customers, or of the list. */
    public void setOnExport(Runnable open) {
        openExport = open;
    }

    /**
     * The More menu at the right end of the footer (the toolbar has no room left at 1280 pixels):
     * the export of the selected customers (or of the list), the custom fields' dialog and a filter
     * on one of them; merging adds its entries after them.
     */
    private javafx.scene.control.MenuButton moreMenu() {
        javafx.scene.control.MenuItem fields = new javafx.scene.control.MenuItem(messages.get("customer.custom.menu"),
                new FontIcon(MaterialDesignF.FORM_TEXTBOX));
        fields.setId("customFieldsMenu");
        fields.setOnAction(e -> openCustomFields.run());
        javafx.scene.control.MenuItem filter = new javafx.scene.control.MenuItem(messages.get("customer.custom.filterMenu"));
        filter.setId("customFilterMenu");
        filter.disableProperty().bind(Bindings.isEmpty(vm.customFields()));
        filter.setOnAction(e -> FieldFilterDialog.ask(this, vm, messages).ifPresent(vm::applyFilter));
        javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem(messages.get("customer.export.menu"),
                new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignT.TABLE_ARROW_RIGHT));
        export.setId("exportCustomersMenu");
        export.setOnAction(e -> openExport.run());
        export.setVisible(vm.owner()); // staff: no export of the list, no field definitions (decision 0033)
        fields.setVisible(vm.owner());
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton(messages.get("customer.list.more"),
                new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignD.DOTS_VERTICAL), export,
                new javafx.scene.control.SeparatorMenuItem(), fields, filter);
        menu.setId("customerMore");
        menu.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        menu.setPopupSide(javafx.geometry.Side.TOP);
        return menu;
    }

    /**
     * A column per custom field after the others, shown at first when the field says so; the menu at
     * the right of the header shows and hides them like every column. A column the user already
     * had keeps its width and whether it was shown.
     */
    private void showCustomColumns() {
        java.util.Map<Long, TableColumn<CustomerRow, String>> before = new java.util.LinkedHashMap<>(customColumns);
        table.getColumns().removeAll(before.values());
        customColumns.clear();
        for (CustomField f : vm.customFields()) {
            long id = f.id();
            TableColumn<CustomerRow, String> c = before.get(id);
            if (c == null) {
                c = new TableColumn<>();
                c.setCellValueFactory(cell -> cell.getValue().customProperty(id));
                c.setPrefWidth(f.kind() == FieldKind.TEXT ? 140 : 110);
                c.setMinWidth(80);
                c.setSortable(false);
                c.setId("customColumn" + id);
                c.setVisible(f.inList());
            } else if (shownFields.containsKey(id) && shownFields.get(id).inList() != f.inList()) {
                c.setVisible(f.inList()); // just put in the list, or taken out, by the dialog
            }
            c.setText(f.name());
            c.setMinWidth(Math.max(80, headerWidth(f.name()))); // the whole name in the header
            customColumns.put(id, c);
        }
        table.getColumns().addAll(customColumns.values());
        shownFields.clear();
        vm.customFields().forEach(f -> shownFields.put(f.id(), f));
    }

    /** The width a column header needs to show {@code title} whole (bold, with the header's padding and sort arrow). */
    private static double headerWidth(String title) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(title);
        t.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, 14));
        return Math.ceil(t.getLayoutBounds().getWidth()) + 30;
    }

    /** The fields as the columns were last made for. */
    private final java.util.Map<Long, CustomField> shownFields = new java.util.HashMap<>();

    /** The filters other features offer ({@link ListFilter}), and "All customers"; hidden when there are none. */
    private ComboBox<ListFilter> filterBox() {
        ComboBox<ListFilter> box = new ComboBox<>();
        box.setId("listFilter");
        box.setPromptText(messages.get("customer.list.allCustomers"));
        box.setPrefWidth(240); // not as wide as the longest choice: the search box needs the room
        Runnable fill = () -> {
            List<ListFilter> items = new ArrayList<>();
            items.add(null);
            items.addAll(vm.filters());
            box.getItems().setAll(items);
            box.setValue(vm.filterProperty().get());
        };
        fill.run();
        vm.filters().addListener((ListChangeListener<ListFilter>) c -> fill.run());
        box.setButtonCell(filterCell());
        box.setCellFactory(l -> filterCell());
        box.valueProperty().bindBidirectional(vm.filterProperty());
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.filters()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private javafx.scene.control.ListCell<ListFilter> filterCell() {
        return new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ListFilter item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? messages.get("customer.list.allCustomers") : item.label());
            }
        };
    }

    private javafx.scene.control.ListCell<String> tagCell() {
        return new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? messages.get("customer.list.allTags") : item);
            }
        };
    }

    private void buildTable(Consumer<Long> open) {
        table.setId("customerTable");
        table.setItems(vm.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(messages.get("customer.list.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setTableMenuButtonVisible(true); // shows and hides columns, those other features add among them

        TableColumn<CustomerRow, String> code = column("customer.field.code", CustomerRow::codeProperty, 90);
        code.setId("codeColumn");
        TableColumn<CustomerRow, String> name = column("customer.field.name", CustomerRow::nameProperty, 160);
        name.setId("nameColumn");
        name.getStyleClass().add("name-column");
        TableColumn<CustomerRow, String> phone = column("customer.field.phone", CustomerRow::phoneProperty, 155);
        TableColumn<CustomerRow, String> email = column("customer.field.email", CustomerRow::emailProperty, 190);
        TableColumn<CustomerRow, String> company = column("customer.field.company", CustomerRow::companyProperty, 140);
        TableColumn<CustomerRow, String> tags = column("customer.field.tags", CustomerRow::tagsProperty, 150);
        TableColumn<CustomerRow, String> birthday = column("customer.field.nextBirthday", CustomerRow::birthdayProperty, 175);
        for (TableColumn<CustomerRow, String> c : List.of(phone, email, company, tags, birthday)) {
            c.setSortable(false);
        }
        List<TableColumn<CustomerRow, String>> all = new java.util.ArrayList<>(List.of(code, name));
        List<ListColumn> extras = vm.extraColumns();
        for (int i = 0; i < extras.size(); i++) {
            int index = i;
            TableColumn<CustomerRow, String> c = new TableColumn<>(extras.get(i).title());
            c.setCellValueFactory(f -> f.getValue().extraProperty(index));
            c.setPrefWidth(extras.get(i).width());
            c.setSortable(false);
            c.setId("listColumn" + i);
            c.setVisible(extras.get(i).visibleAtFirst());
            all.add(c);
        }
        if (!extras.isEmpty()) { // make room, so that the columns still fit a 1200-pixel window
            code.setPrefWidth(90);
            name.setPrefWidth(140);
            phone.setPrefWidth(145);
            email.setPrefWidth(140);
            company.setPrefWidth(95);
            tags.setPrefWidth(100);
            birthday.setPrefWidth(175);
        }
        // The card number's heading, a whole international number and the next birthday with its
        // countdown, even when the columns shrink (an email or a company may end in "…").
        code.setMinWidth(88);
        phone.setMinWidth(145);
        birthday.setMinWidth(175);
        company.setMinWidth(92);
        all.addAll(List.of(phone, email, company, tags, birthday));
        table.getColumns().setAll(all);
        name.setSortType(TableColumn.SortType.ASCENDING);
        table.getSortOrder().add(name);

        // Sorting happens in SQL: the table only reports what the user clicked.
        table.setSortPolicy(t -> {
            if (t.getSortOrder().isEmpty()) {
                vm.sortBy(CustomerSort.NAME, true);
            } else {
                TableColumn<CustomerRow, ?> first = t.getSortOrder().getFirst();
                boolean asc = first.getSortType() == TableColumn.SortType.ASCENDING;
                vm.sortBy(first == code ? CustomerSort.CODE : CustomerSort.NAME, asc);
            }
            return true;
        });

        table.setRowFactory(t -> {
            TableRow<CustomerRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem().id());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                CustomerRow row = table.getSelectionModel().getSelectedItem();
                if (row != null) {
                    open.accept(row.id());
                    e.consume();
                }
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !table.getItems().isEmpty()) {
                table.requestFocus();
                table.getSelectionModel().clearAndSelect(0);
                table.getFocusModel().focus(0);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && table.getItems().size() >= 1) {
                table.getSelectionModel().clearAndSelect(0);
                open.accept(vm.rows().idAt(0));
                e.consume();
            }
        });
    }

    private TableColumn<CustomerRow, String> column(String key, Function<CustomerRow, ObservableValue<String>> value, double width) {
        TableColumn<CustomerRow, String> c = new TableColumn<>(messages.get(key));
        Callback<TableColumn.CellDataFeatures<CustomerRow, String>, ObservableValue<String>> factory = f -> value.apply(f.getValue());
        c.setCellValueFactory(factory);
        c.setPrefWidth(width);
        return c;
    }

    private Optional<String> askTag(String titleKey) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(messages.get(titleKey));
        dialog.setHeaderText(messages.get(titleKey + "Header", table.getSelectionModel().getSelectedIndices().size()));
        dialog.setContentText(messages.get("customer.field.tag"));
        dialog.getEditor().setId("tagInput");
        TextFields.bindAutoCompletion(dialog.getEditor(), vm.tags());
        return Windows.dialog(this, dialog).showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * Adds duplicates and merging (decision 0025): under the list, Merge… for two or more selected
     * customers and, in the More menu at the right end, Find duplicates and Merge selected…. Not in the
     * toolbar: at 1,280 pixels it has no room left (the search box, the filters, New).
     */
    public void enableMerging(Runnable findDuplicates, Consumer<List<Long>> mergeSelected) {
        var twoOrMore = Bindings.size(table.getSelectionModel().getSelectedIndices()).lessThan(2);
        javafx.scene.control.MenuItem find = new javafx.scene.control.MenuItem(messages.get("customer.list.findDuplicates"),
                new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ACCOUNT_MULTIPLE_OUTLINE));
        find.setId("findDuplicates");
        find.setOnAction(e -> findDuplicates.run());
        javafx.scene.control.MenuItem mergeItem = new javafx.scene.control.MenuItem(messages.get("customer.list.mergeSelected"));
        mergeItem.setId("mergeSelectedItem");
        mergeItem.disableProperty().bind(twoOrMore);
        mergeItem.setOnAction(e -> mergeSelected.accept(selectedIds()));
        more.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), find, mergeItem);

        Button merge = new Button(messages.get("customer.list.merge"), new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignS.SET_MERGE));
        merge.setId("mergeSelected");
        merge.disableProperty().bind(twoOrMore);
        merge.setOnAction(e -> mergeSelected.accept(selectedIds()));
        bottom.getChildren().add(3, merge);
        bottom.iconsWhenShort(merge);
    }

    public List<Long> selectedIds() {
        List<Long> ids = new ArrayList<>();
        for (Integer i : table.getSelectionModel().getSelectedIndices()) {
            if (i != null && i >= 0 && i < vm.rows().size()) {
                ids.add(vm.rows().idAt(i));
            }
        }
        return ids;
    }

    /**
     * Adds "Import…" under the list, at its right end (before the More menu): {@code open} opens the
     * import window for customers. Not in the toolbar, which has no room left at 1,280 pixels.
     */
    void addImport(Runnable open) {
        Button importButton = new Button(messages.get("import.menu"), new FontIcon(MaterialDesignT.TABLE_ARROW_LEFT));
        importButton.setId("importCustomers");
        importButton.setTooltip(new javafx.scene.control.Tooltip(messages.get("import.menuTip")));
        importButton.setOnAction(e -> open.run());
        importButton.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE); // its label stays: the selection's buttons give way first
        int more = bottom.getChildren().indexOf(bottom.lookup("#customerMore"));
        bottom.getChildren().add(more < 0 ? bottom.getChildren().size() : more, importButton);
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Runs {@code action} once, after the next layout pass of the window's scene (at once when the list is in no window on screen). */
    private void whenLaidOut(Runnable action) {
        Windows.afterNextLayout(this, () -> {
            fixRowHeight();
            action.run();
        });
    }

    /**
     * Once rows are laid out, the rows' height is fixed ({@link TableView#setFixedCellSize}): the
     * table then lays out the cells on screen without asking every row how tall it is, and a
     * search's rows are laid out 4-8 ms sooner at 100,000 customers (decision 0046). The height is
     * that of the tallest row on screen, made room in for Chinese: a line holding Chinese
     * characters can be taller than a Latin one where they come from another font (the system's
     * fallback, as on Windows), and a Latin first screen must not cut the later rows' names.
     */
    private void fixRowHeight() {
        if (table.getFixedCellSize() > 0) {
            return;
        }
        double height = 0;
        for (javafx.scene.Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && !row.isEmpty() && row.getItem() != null && row.getHeight() > 0) {
                double taller = 0;
                for (javafx.scene.Node child : row.getChildrenUnmodifiable()) {
                    if (child instanceof javafx.scene.control.Labeled cell && cell.isVisible()) {
                        String text = cell.getText() == null ? "" : cell.getText();
                        taller = Math.max(taller, lineHeight(text + "王", cell.getFont()) - lineHeight(text, cell.getFont()));
                    }
                }
                height = Math.max(height, row.getHeight() + taller);
            }
        }
        if (height > 0) {
            table.setFixedCellSize(Math.ceil(height));
        }
    }

    private static double lineHeight(String text, javafx.scene.text.Font font) {
        javafx.scene.text.Text line = new javafx.scene.text.Text(text.isEmpty() ? "Ag" : text);
        line.setFont(font);
        return line.getLayoutBounds().getHeight();
    }

    public TableView<CustomerRow> table() {
        return table;
    }
}
