package app.regulars.membership;

import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSummary;
import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The quick "new purchase" box (Ctrl+P from anywhere): type a name, pinyin or phone, Down
 * to pick among the matches, Tab to the amount, Enter records, Esc closes. The customer's
 * coupons valid today can be chosen (Alt+O) and the tier's discount left off; what is left to
 * pay shows under them before saving. After a purchase the box stays open and empty for the
 * next customer.
 */
public final class QuickPurchaseDialog {
    private final QuickPurchaseViewModel vm;
    private final Messages messages;
    private final Stage stage;
    private final TextField find = new TextField();
    private final ListView<CustomerSummary> list = new ListView<>();
    private final TextField amount = new TextField();
    private final TextField note = new TextField();

    public QuickPurchaseDialog(CustomerService customers, MembershipService membership, TaskRunner runner, Messages messages,
                               Window owner) {
        this.vm = new QuickPurchaseViewModel(customers, membership, runner, messages);
        this.messages = messages;
        find.setId("quickFind");
        find.setPromptText(messages.get("membership.quick.findPrompt"));
        find.textProperty().bindBidirectional(vm.queryProperty());
        list.setId("quickMatches");
        list.setItems(vm.matches());
        list.setPrefHeight(8 * 28 + 4);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(CustomerSummary c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : vm.describe(c));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.selectedProperty().set(n);
            }
        });
        vm.selectedProperty().addListener((obs, o, n) -> {
            if (n != null && list.getSelectionModel().getSelectedItem() != n) {
                list.getSelectionModel().select(n);
            }
        });
        find.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                amount.requestFocus();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                amount.requestFocus();
            }
        });
        amount.setId("quickAmount");
        amount.setPromptText(messages.get("membership.profile.amountPrompt"));
        amount.textProperty().bindBidirectional(vm.price().amountTextProperty());
        PriceEntryControls discounts = new PriceEntryControls(vm.price(), messages, "quick");
        note.setId("quickNote");
        note.setPromptText(messages.get("membership.profile.notePrompt"));
        amount.setOnAction(e -> record());
        note.setOnAction(e -> record());
        Button record = new Button(messages.get("membership.profile.record"));
        record.setId("quickRecord");
        record.getStyleClass().add("accent");
        record.setOnAction(e -> record());
        Button close = new Button(messages.get("membership.quick.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage().close());
        Label error = new Label();
        error.setId("quickError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        Label status = new Label();
        status.setId("quickStatus");
        status.getStyleClass().add("success-text");
        status.textProperty().bind(vm.statusProperty());
        Label selected = new Label();
        selected.setId("quickSelected");
        selected.getStyleClass().add("section-title");
        selected.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? messages.get("membership.quick.noneSelected")
                : messages.get("membership.quick.for", vm.selectedProperty().get().name(), vm.selectedProperty().get().code()), vm.selectedProperty()));
        GridPane form = new GridPane(8, 8);
        Label amountLabel = new Label(messages.get("membership.profile.amount"));
        amountLabel.setMnemonicParsing(true);
        amountLabel.setLabelFor(amount);
        form.addRow(0, amountLabel, amount);
        form.addRow(1, new Label(messages.get("membership.quick.note")), note);
        form.addRow(2, discounts.couponLabel, discounts.coupon);
        form.add(discounts.member, 1, 3);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        form.getColumnConstraints().add(labels);
        GridPane.setHgrow(note, javafx.scene.layout.Priority.ALWAYS);
        GridPane.setHgrow(discounts.coupon, javafx.scene.layout.Priority.ALWAYS);
        HBox buttons = new HBox(8, record, close);
        VBox root = new VBox(10, new Label(messages.get("membership.quick.find")), find, list, selected, form, discounts.toPay,
                error, status, buttons);
        root.setPadding(new Insets(16));
        root.setPrefWidth(620);
        stage = Windows.stage(owner, messages.get("membership.quick.title"), root, 0, 0);
    }

    private void record() {
        vm.record(amount.getText(), note.getText(), () -> {
            amount.clear();
            note.clear();
            find.clear();
            find.requestFocus();
        });
    }

    public QuickPurchaseViewModel viewModel() {
        return vm;
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
        find.requestFocus();
    }
}
