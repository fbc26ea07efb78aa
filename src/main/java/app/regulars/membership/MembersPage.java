package app.regulars.membership;

import app.regulars.tables.TableExport;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.fx.TablePrinter;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.function.Function;

/**
 * The "Members" page: members and spend per tier, three watch lists (close to the next
 * tier, about to drop, points expiring) each exportable to CSV/Excel/PDF and printable,
 * and the tier settings tab (rule, expiry, tiers: add, rename, reorder, remove).
 */
public final class MembersPage extends BorderPane {
    private final MembersViewModel vm;
    private final Messages messages;
    private final Formats formats;
    private final TaskRunner runner;
    private final GridPane tierGrid = new GridPane(8, 6);
    private final TabPane tabs = new TabPane();

    public MembersPage(MembershipService service, TaskRunner runner, Messages messages) {
        this.vm = new MembersViewModel(service, runner, messages);
        this.messages = messages;
        this.formats = new Formats(messages);
        this.runner = runner;
        getStyleClass().add("members-page");
        setId("membersPage");

        Label title = new Label(messages.get("membership.members.title"));
        title.getStyleClass().add("page-title");
        Button evaluate = new Button(messages.get("membership.members.evaluate"));
        evaluate.setId("membersEvaluate");
        evaluate.setOnAction(e -> vm.evaluate());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label status = new Label();
        status.getStyleClass().add("success-text");
        status.textProperty().bind(vm.statusProperty());
        status.setId("membersStatus");
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        error.setId("membersError");
        error.setWrapText(true);
        Button birthdays = new Button(messages.get("membership.members.birthdays"));
        birthdays.setId("membersBirthdays");
        birthdays.setOnAction(e -> vm.issueBirthdayCoupons());
        HBox top = new HBox(12, title, grow, status, birthdays, evaluate);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("page-toolbar");

        TableView<TierSummary> summary = new TableView<>(vm.summary());
        summary.setId("tierSummary");
        summary.getColumns().add(col(messages.get("membership.members.tier"), (TierSummary s) -> s.tier().displayName(messages), 160));
        summary.getColumns().add(numeric(col(messages.get("membership.members.count"), (TierSummary s) -> formats.integer(s.members()), 120)));
        summary.getColumns().add(numeric(col(messages.get("membership.members.spend"), (TierSummary s) -> vm.moneyText(s.spend12Months()), 220)));
        summary.getColumns().add(numeric(col(messages.get("membership.members.threshold"), (TierSummary s) -> vm.basisText(s.tier().threshold()), 120)));
        summary.setFixedCellSize(30);
        summary.setPrefHeight(30 * 5 + 40);
        summary.setMinHeight(30 * 5 + 40);

        tabs.setId("membersTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (MembersViewModel.Watch w : MembersViewModel.Watch.values()) {
            tabs.getTabs().add(new Tab(messages.get("membership.members.list." + w.name()), watchPane(w)));
        }
        tabs.getTabs().add(new Tab(messages.get("membership.rewards.tab"), rewardsPane()));
        Tab settings = new Tab(messages.get("membership.settings.tab"), settingsPane());
        settings.setId("tierSettingsTab");
        if (vm.owner()) { // the tiers and their rules are the owner's (decision 0033)
            tabs.getTabs().add(settings);
        }
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox center = new VBox(10, summary, error, tabs);
        center.setPadding(new Insets(12));
        setTop(top);
        setCenter(center);
        vm.editedTiers().addListener((javafx.collections.ListChangeListener<Tier>) c -> rebuildTierGrid());
    }

    public MembersViewModel viewModel() {
        return vm;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** Loads the figures; call when the page is shown. */
    public void refresh() {
        vm.load();
    }

    private Node watchPane(MembersViewModel.Watch w) {
        TableView<MemberRow> t = new TableView<>(vm.list(w));
        t.setId("watch" + w.name());
        t.getColumns().add(col(messages.get("membership.export.code"), (MemberRow r) -> r.code(), 100));
        t.getColumns().add(col(messages.get("membership.export.name"), (MemberRow r) -> r.name(), 200));
        t.getColumns().add(col(messages.get("membership.members.tier"), (MemberRow r) -> r.tier().displayName(messages), 120));
        if (w == MembersViewModel.Watch.EXPIRING) {
            t.getColumns().add(numeric(col(messages.get("membership.column.points"), (MemberRow r) -> formats.integer(r.points()), 120)));
            t.getColumns().add(col(messages.get("membership.members.from"), (MemberRow r) -> formats.date(r.date()), 160));
        } else {
            t.getColumns().add(numeric(col(messages.get("membership.members.basis"), (MemberRow r) -> vm.basisText(r.basis()), 140)));
            t.getColumns().add(numeric(col(messages.get("membership.members.threshold"), (MemberRow r) -> vm.basisText(r.threshold()), 140)));
        }
        t.setPlaceholder(new Label(messages.get("membership.members.empty")));
        Button csv = exportButton(w, TableExport.Format.CSV, "membership.members.exportCsv");
        Button xlsx = exportButton(w, TableExport.Format.XLSX, "membership.members.exportExcel");
        Button print = new Button(messages.get("membership.members.print"));
        print.setId("watchPrint" + w.name());
        print.setOnAction(e -> new TablePrinter(messages).print(vm.table(w), getScene().getWindow(), runner, vm.statusProperty()::set));
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(vm.list(w)).asString());
        HBox bar = new HBox(8, new Label(messages.get("membership.members.count") + ":"), count, spacer(), csv, xlsx, print);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, t, bar);
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(t, Priority.ALWAYS);
        return box;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private Button exportButton(MembersViewModel.Watch w, TableExport.Format format, String key) {
        Button b = new Button(messages.get(key));
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName(messages.get("membership.members.list." + w.name()) + "." + format.extension);
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                var table = vm.table(w);
                runner.run(() -> {
                    new TableExport(messages).write(table, format, f.toPath());
                    return f;
                }, x -> vm.statusProperty().set(messages.get("membership.members.exported", x.getName())),
                        t -> vm.errorProperty().set(messages.describe(t)));
            }
        });
        return b;
    }

    private Node settingsPane() {
        ComboBox<TierRule> rule = new ComboBox<>();
        rule.setId("tierRule");
        rule.getItems().setAll(TierRule.values());
        rule.valueProperty().bindBidirectional(vm.ruleProperty());
        rule.setButtonCell(ruleCell());
        rule.setCellFactory(v -> ruleCell());
        TextField expiry = new TextField();
        expiry.setId("expiryMonths");
        expiry.setPrefColumnCount(4);
        expiry.textProperty().bindBidirectional(vm.expiryMonthsProperty());
        TextField currencyField = new TextField();
        currencyField.setId("shopCurrency");
        currencyField.setPrefColumnCount(4);
        currencyField.textProperty().bindBidirectional(vm.currencyProperty());
        HBox ruleRow = new HBox(8, new Label(messages.get("membership.settings.rule")), rule,
                new Label(messages.get("membership.settings.expiry")), expiry,
                new Label(messages.get("membership.settings.currency")), currencyField);
        ruleRow.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.control.CheckBox birthdayAuto = new javafx.scene.control.CheckBox(messages.get("membership.settings.birthdayAuto"));
        birthdayAuto.setId("birthdayAuto");
        birthdayAuto.selectedProperty().bindBidirectional(vm.birthdayAutoProperty());
        TextField birthdayAmount = new TextField();
        birthdayAmount.setId("birthdayAmount");
        birthdayAmount.setPrefColumnCount(6);
        birthdayAmount.textProperty().bindBidirectional(vm.birthdayAmountProperty());
        TextField birthdayDays = new TextField();
        birthdayDays.setId("birthdayDays");
        birthdayDays.setPrefColumnCount(3);
        birthdayDays.textProperty().bindBidirectional(vm.birthdayDaysProperty());
        HBox birthdayRow = new HBox(8, new Label(messages.get("membership.settings.birthday")), birthdayAuto,
                new Label(messages.get("membership.settings.birthdayAmount")), birthdayAmount,
                new Label(messages.get("membership.settings.birthdayDays")), birthdayDays);
        birthdayRow.setAlignment(Pos.CENTER_LEFT);
        Button add = new Button(messages.get("membership.settings.add"));
        add.setId("tierAdd");
        add.setOnAction(e -> {
            if (readGrid()) {
                vm.addTier();
            }
        });
        Button save = new Button(messages.get("membership.settings.save"));
        save.setId("tierSave");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> {
            if (readGrid()) {
                vm.saveSettings(() -> { });
            }
        });
        HBox buttons = new HBox(8, add, spacer(), save);
        tierGrid.setId("tierGrid");
        VBox box = new VBox(10, ruleRow, birthdayRow, tierGrid, buttons);
        box.setPadding(new Insets(10, 0, 0, 0));
        return new javafx.scene.control.ScrollPane(box) {{ setFitToWidth(true); }};
    }

    private Node rewardsPane() {
        TableView<Reward> t = new TableView<>(vm.rewards());
        t.setId("rewardTable");
        t.getColumns().add(col(messages.get("membership.rewards.name"), (Reward r) -> r.name(), 240));
        t.getColumns().add(numeric(col(messages.get("membership.rewards.cost"), (Reward r) -> formats.integer(r.costPoints()), 120)));
        t.getColumns().add(col(messages.get("membership.rewards.active"),
                (Reward r) -> messages.get(r.active() ? "common.yes" : "common.no"), 100));
        t.setPlaceholder(new Label(messages.get("membership.rewards.empty")));
        TextField name = new TextField();
        name.setId("rewardName");
        name.setPromptText(messages.get("membership.rewards.name"));
        TextField cost = new TextField();
        cost.setId("rewardCost");
        cost.setPrefColumnCount(6);
        cost.setPromptText(messages.get("membership.rewards.cost"));
        Button add = new Button(messages.get("membership.rewards.add"));
        add.setId("rewardAdd");
        add.setOnAction(e -> {
            vm.addReward(name.getText(), cost.getText());
            name.clear();
            cost.clear();
        });
        cost.setOnAction(e -> add.fire());
        Button toggle = new Button(messages.get("membership.rewards.toggle"));
        toggle.disableProperty().bind(t.getSelectionModel().selectedItemProperty().isNull());
        toggle.setOnAction(e -> vm.toggleReward(t.getSelectionModel().getSelectedItem()));
        HBox bar = new HBox(8, name, cost, add, spacer(), toggle);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, t, bar);
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(t, Priority.ALWAYS);
        return box;
    }

    private ListCell<TierRule> ruleCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(TierRule r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : messages.get("membership.rule." + r.name()));
            }
        };
    }

    private void rebuildTierGrid() {
        tierGrid.getChildren().clear();
        String[] heads = {"membership.settings.name", "membership.settings.threshold", "membership.settings.rate",
                "membership.settings.discount", "membership.settings.colour", "membership.settings.benefits"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(messages.get(heads[i]));
            h.getStyleClass().add("field-label");
            tierGrid.add(h, i, 0);
        }
        for (int i = 0; i < vm.editedTiers().size(); i++) {
            Tier t = vm.editedTiers().get(i);
            int row = i + 1;
            TextField name = field(t.displayName(messages), 14, "tierName" + i);
            TextField threshold = field(t.threshold().stripTrailingZeros().toPlainString(), 8, "tierThreshold" + i);
            TextField rate = field(t.earnRate().stripTrailingZeros().toPlainString(), 5, "tierRate" + i);
            TextField discount = field(t.discountPercent().stripTrailingZeros().toPlainString(), 5, "tierDiscount" + i);
            ColorPicker colour = new ColorPicker(Color.web(t.colour()));
            colour.setPrefWidth(60);
            colour.getStyleClass().add("button");
            TextField benefits = field(t.benefits() == null ? "" : t.benefits(), 14, "tierBenefits" + i);
            int index = i;
            Button up = new Button("↑");
            up.setOnAction(e -> { if (readGrid()) { vm.move(index, -1); } });
            up.setDisable(i == 0);
            Button down = new Button("↓");
            down.setOnAction(e -> { if (readGrid()) { vm.move(index, 1); } });
            down.setDisable(i == vm.editedTiers().size() - 1);
            Button remove = new Button(messages.get("membership.settings.remove"));
            remove.setId("tierRemove" + i);
            remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            remove.setOnAction(e -> { if (readGrid()) { vm.removeTier(index); } });
            tierGrid.addRow(row, name, threshold, rate, discount, colour, benefits, new HBox(4, up, down, remove));
            tierGrid.getProperties().put("row" + i, new Object[]{name, threshold, rate, discount, colour, benefits});
        }
    }

    /** Copies what the user typed in the grid into the view model; false (and a message) on a bad number. */
    private boolean readGrid() {
        // Read every row first: each update replaces a tier, which rebuilds the grid.
        int n = vm.editedTiers().size();
        String[][] values = new String[n][];
        for (int i = 0; i < n; i++) {
            Object[] f = (Object[]) tierGrid.getProperties().get("row" + i);
            if (f == null) {
                continue;
            }
            Color c = ((ColorPicker) f[4]).getValue();
            String hex = String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
            values[i] = new String[]{((TextField) f[0]).getText(), ((TextField) f[1]).getText(), ((TextField) f[2]).getText(),
                    ((TextField) f[3]).getText(), hex, ((TextField) f[5]).getText()};
        }
        for (int i = 0; i < n; i++) {
            String[] v = values[i];
            if (v != null && !vm.update(i, v[0], v[1], v[2], v[3], v[4], v[5])) {
                return false;
            }
        }
        return true;
    }

    private static TextField field(String text, int columns, String id) {
        TextField f = new TextField(text);
        f.setPrefColumnCount(columns);
        f.setId(id);
        return f;
    }

    /** Numbers and money line up on the right (a column's style is passed on to its cells). */
    static <T> TableColumn<T, String> numeric(TableColumn<T, String> column) {
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private static <T> TableColumn<T, String> col(String title, Function<T, String> text, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new SimpleStringProperty(text.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
