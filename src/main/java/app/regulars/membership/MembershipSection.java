package app.regulars.membership;

import app.regulars.customer.Customer;
import app.regulars.customer.ProfileSection;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.fx.DateFields;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Currency;
import java.util.function.Function;

/**
 * The "Purchases & points" tab of a customer's profile: tier, balance and totals at the top,
 * a purchase form (Enter records) with the coupons valid today (Alt+O), the tier's discount
 * and what is left to pay, then purchases, the points ledger, tier history and coupons. Edit
 * and void by keyboard: select a purchase, Alt+E / Delete; editing changes what was paid.
 */
public final class MembershipSection implements ProfileSection {
    private final MembershipSectionViewModel vm;
    private final Messages messages;
    private final Formats formats;
    private final VBox root = new VBox(10);
    private final Label tierBadge = new Label();
    private final Label balance = new Label();
    private final Label spend = new Label();
    private final Label error = new Label();
    private final Label status = new Label();
    private final TextField amount = new TextField();
    private final DatePicker date = new DatePicker();
    private final TextField note = new TextField();
    private final Button record = new Button();
    private final Button cancelEdit = new Button();
    private final TableView<Purchase> purchaseTable = new TableView<>();
    private final Label purchaseTotals = new Label();
    private final VBox discounts = new VBox(6);
    private final javafx.beans.property.BooleanProperty editingProperty = new javafx.beans.property.SimpleBooleanProperty(false);
    private Purchase editing;

    public MembershipSection(MembershipService service, TaskRunner runner, Messages messages) {
        this.vm = new MembershipSectionViewModel(service, runner, messages);
        this.messages = messages;
        this.formats = new Formats(messages);
        DateFields.configure(date, messages);
        build();
    }

    public MembershipSectionViewModel viewModel() {
        return vm;
    }

    private Currency currency() {
        return vm.currency();
    }

    private void build() {
        root.setId("membershipSection");
        root.setPadding(new Insets(12));
        tierBadge.setId("membershipTier");
        tierBadge.getStyleClass().add("tier-badge");
        balance.setId("membershipBalance");
        balance.getStyleClass().add("membership-figure");
        spend.setId("membershipSpend");
        spend.getStyleClass().add("muted");
        HBox summary = new HBox(16, tierBadge, balance, spend);
        summary.setAlignment(Pos.CENTER_LEFT);

        amount.setId("membershipAmount");
        amount.setPromptText(messages.get("membership.profile.amountPrompt"));
        amount.setPrefColumnCount(8);
        amount.textProperty().bindBidirectional(vm.price().amountTextProperty());
        PriceEntryControls price = new PriceEntryControls(vm.price(), messages, "membership");
        price.coupon.setPrefWidth(460);
        price.coupon.setMinWidth(Region.USE_PREF_SIZE);
        price.member.setMinWidth(Region.USE_PREF_SIZE);
        price.couponLabel.setMinWidth(Region.USE_PREF_SIZE);
        price.toPay.setMaxWidth(Double.MAX_VALUE);
        HBox choices = new HBox(8, price.couponLabel, price.coupon, price.member);
        choices.setAlignment(Pos.CENTER_LEFT);
        discounts.getChildren().setAll(choices, price.toPay);
        discounts.setId("membershipDiscounts");
        // shown while recording (not editing) for a customer with a tier discount or a coupon to offer
        discounts.visibleProperty().bind(editingProperty.not()
                .and(vm.price().memberAvailableProperty().or(vm.price().couponsAvailableProperty())));
        discounts.managedProperty().bind(discounts.visibleProperty());
        date.setId("membershipDate");
        date.setValue(vm.today());
        date.setPrefWidth(150);
        note.setId("membershipNote");
        note.setPromptText(messages.get("membership.profile.notePrompt"));
        HBox.setHgrow(note, Priority.ALWAYS);
        record.setId("membershipRecord");
        record.getStyleClass().add("accent");
        record.setMnemonicParsing(true);
        record.setOnAction(e -> submit());
        cancelEdit.setText(messages.get("common.cancel"));
        cancelEdit.setId("membershipCancelEdit");
        cancelEdit.setOnAction(e -> stopEditing());
        amount.setOnAction(e -> submit());
        note.setOnAction(e -> submit());
        amount.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && editing != null) {
                stopEditing();
            }
        });
        Label amountLabel = new Label(messages.get("membership.profile.amount"));
        amountLabel.setLabelFor(amount);
        amountLabel.setMnemonicParsing(true);
        HBox form = new HBox(8, amountLabel, amount, date, note, record, cancelEdit);
        form.setAlignment(Pos.CENTER_LEFT);
        form.getStyleClass().add("purchase-form");
        error.setId("membershipError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        status.setId("membershipStatus");
        status.getStyleClass().add("success-text");
        status.textProperty().bind(vm.statusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        stopEditing();

        TabPane tabs = new TabPane(new Tab(messages.get("membership.profile.purchases"), purchasesPane()),
                new Tab(messages.get("membership.profile.points"), ledgerPane()),
                new Tab(messages.get("membership.profile.tierHistory"), historyPane()),
                new Tab(messages.get("membership.profile.coupons"), couponsPane()));
        tabs.setId("membershipTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().addAll(summary, form, discounts, error, status, tabs);

        vm.dataProperty().addListener((obs, o, d) -> showData(d));
    }

    private void showData(MembershipSectionViewModel.Data d) {
        if (d == null) {
            return;
        }
        tierBadge.setText(d.tier().displayName(messages));
        tierBadge.setStyle("-fx-background-color: " + d.tier().colour() + ";");
        balance.setText(messages.get("membership.profile.balance", d.balance())
                + (d.expiring30() > 0 ? "  " + messages.get("membership.profile.expiring", d.expiring30()) : ""));
        spend.setText(messages.get("membership.profile.spend12", formats.money(d.totals().last12Months(), currency())));
        purchaseTotals.setText(messages.get("membership.profile.totals", d.totals().count(), formats.money(d.totals().total(), currency())));
    }

    private void submit() {
        if (vm.archived()) {
            vm.errorProperty().set(messages.get("membership.error.customerArchived"));
            return;
        }
        if (editing == null) {
            vm.record(amount.getText(), date.getValue(), note.getText(), this::clearForm);
        } else {
            vm.edit(editing, amount.getText(), date.getValue(), note.getText(), this::stopEditing);
        }
    }

    private void clearForm() {
        amount.clear();
        note.clear();
        date.setValue(vm.today());
        amount.requestFocus();
    }

    private void startEditing(Purchase p) {
        if (p == null || p.voided()) {
            return;
        }
        editing = p;
        amount.setText(p.amount().toPlainString());
        date.setValue(p.purchasedAt().toLocalDate());
        note.setText(p.note() == null ? "" : p.note());
        record.setText(messages.get("membership.profile.saveEdit"));
        cancelEdit.setVisible(true);
        cancelEdit.setManaged(true);
        editingProperty.set(true);
        amount.requestFocus();
        amount.selectAll();
    }

    private void stopEditing() {
        editing = null;
        record.setText(messages.get("membership.profile.record"));
        cancelEdit.setVisible(false);
        cancelEdit.setManaged(false);
        editingProperty.set(false);
        amount.clear();
        note.clear();
        date.setValue(vm.today());
    }

    private Node purchasesPane() {
        purchaseTable.setId("purchaseTable");
        purchaseTable.setItems(vm.purchases());
        purchaseTable.getColumns().add(column(messages.get("membership.column.date"), p -> formats.dateTime(p.purchasedAt()), 195));
        TableColumn<Purchase, String> amountCol = MembersPage.numeric(column(messages.get("membership.column.amount"), p -> formats.money(p.amount(), currency()), 110));
        purchaseTable.getColumns().add(amountCol);
        purchaseTable.getColumns().add(MembersPage.numeric(column(messages.get("membership.column.before"),
                p -> p.amountBefore() == null ? "" : formats.money(p.amountBefore(), currency()), 150)));
        purchaseTable.getColumns().add(MembersPage.numeric(column(messages.get("membership.column.points"), p -> formats.integer(p.points()), 70)));
        purchaseTable.getColumns().add(column(messages.get("membership.column.note"), p -> p.note() == null ? "" : p.note(), 240));
        purchaseTable.getColumns().add(column(messages.get("membership.column.status"),
                p -> p.voided() ? messages.get("membership.profile.voidedBecause", p.voidReason()) : "", 200));
        purchaseTable.setPlaceholder(new Label(messages.get("membership.profile.noPurchases")));
        purchaseTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Purchase p, boolean empty) {
                super.updateItem(p, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("voided"), !empty && p != null && p.voided());
                setTooltip(empty || p == null ? null : new javafx.scene.control.Tooltip(vm.purchaseDetails(p, formats)));
            }
        });
        Button edit = new Button(messages.get("membership.profile.edit"));
        edit.setId("purchaseEdit");
        edit.setOnAction(e -> startEditing(purchaseTable.getSelectionModel().getSelectedItem()));
        Button voidButton = new Button(messages.get("membership.profile.void"));
        voidButton.setId("purchaseVoid");
        voidButton.setOnAction(e -> askVoid(purchaseTable.getSelectionModel().getSelectedItem()));
        edit.disableProperty().bind(purchaseTable.getSelectionModel().selectedItemProperty().isNull());
        voidButton.disableProperty().bind(purchaseTable.getSelectionModel().selectedItemProperty().isNull());
        purchaseTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                askVoid(purchaseTable.getSelectionModel().getSelectedItem());
            } else if (e.getCode() == KeyCode.ENTER) {
                startEditing(purchaseTable.getSelectionModel().getSelectedItem());
            }
        });
        purchaseTotals.setId("purchaseTotals");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, purchaseTotals, grow, edit, voidButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, purchaseTable, bar);
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(purchaseTable, Priority.ALWAYS);
        return box;
    }

    private void askVoid(Purchase p) {
        if (p == null || p.voided()) {
            return;
        }
        Windows.dialog(root, new VoidPurchaseDialog(messages, formats, currency(), p)).showAndWait()
                .ifPresent(reason -> vm.voidPurchase(p, reason));
    }

    private Node ledgerPane() {
        TableView<PointEntry> t = new TableView<>(vm.ledger());
        t.setId("ledgerTable");
        t.getColumns().add(column(messages.get("membership.column.date"), e -> formats.dateTime(e.at()), 195));
        t.getColumns().add(column(messages.get("membership.column.kind"), e -> messages.get("membership.kind." + e.kind().name()), 110));
        t.getColumns().add(MembersPage.numeric(column(messages.get("membership.column.points"), e -> (e.points() > 0 ? "+" : "") + formats.integer(e.points()), 80)));
        t.getColumns().add(column(messages.get("membership.column.expires"),
                e -> e.points() > 0 && e.remaining() > 0 ? formats.date(e.expiresOn()) : "", 110));
        t.getColumns().add(column(messages.get("membership.column.reason"), e -> e.reason() == null ? "" : e.reason(), 240));
        t.setPlaceholder(new Label(messages.get("membership.profile.noPoints")));
        Button adjust = new Button(messages.get("membership.profile.adjust"));
        adjust.setId("pointsAdjust");
        adjust.setOnAction(e -> askAdjust());
        Button redeem = new Button(messages.get("membership.profile.redeem"));
        redeem.setId("pointsRedeem");
        redeem.setOnAction(e -> vm.rewards(this::askRedeem));
        VBox box = new VBox(6, t, new HBox(8, adjust, redeem));
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(t, Priority.ALWAYS);
        return box;
    }

    private void askAdjust() {
        Windows.dialog(root, new AdjustPointsDialog(messages)).ask().ifPresent(a -> vm.adjust(a.points(), a.reason()));
    }

    private void askRedeem(java.util.List<Reward> rewards) {
        if (rewards.isEmpty()) {
            vm.errorProperty().set(messages.get("membership.profile.noRewards"));
            return;
        }
        Windows.dialog(root, new RedeemRewardDialog(messages, rewards)).showAndWait().ifPresent(vm::redeem);
    }

    private Node historyPane() {
        TableView<TierChange> t = new TableView<>(vm.history());
        t.setId("tierHistoryTable");
        t.getColumns().add(column(messages.get("membership.column.date"), c -> formats.dateTime(c.at()), 195));
        t.getColumns().add(column(messages.get("membership.column.change"),
                c -> messages.get(c.upgrade() ? "membership.history.up" : "membership.history.down",
                        c.fromName() == null ? "" : tierName(c.fromName()), tierName(c.toName())), 240));
        t.getColumns().add(column(messages.get("membership.column.reason"), c -> messages.get("membership.reason." + c.reason().name()), 200));
        t.getColumns().add(MembersPage.numeric(column(messages.get("membership.column.basis"), c -> vm.basisText(c.basis(), formats), 120)));
        t.setPlaceholder(new Label(messages.get("membership.profile.noHistory")));
        VBox box = new VBox(t);
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(t, Priority.ALWAYS);
        return box;
    }

    /** A built-in tier's stored English name shown in the user's language. */
    private String tierName(String stored) {
        String key = "membership.tier." + stored.toLowerCase(java.util.Locale.ROOT);
        return messages.has(key) ? messages.get(key) : stored;
    }

    private Node couponsPane() {
        TableView<Coupon> t = new TableView<>(vm.coupons());
        t.setId("couponTable");
        t.getColumns().add(column(messages.get("membership.column.code"), c -> c.code(), 110));
        t.getColumns().add(column(messages.get("membership.column.kind"), c -> messages.get("membership.coupon." + c.kind().name()), 100));
        t.getColumns().add(MembersPage.numeric(column(messages.get("membership.column.value"), c -> CouponText.value(c, formats, currency()), 120)));
        t.getColumns().add(column(messages.get("membership.column.valid"), c -> formats.date(c.validFrom()) + " – " + formats.date(c.validUntil()), 220));
        t.getColumns().add(column(messages.get("membership.column.redeemed"), c -> formats.dateTime(c.redeemedAt()), 175));
        t.getColumns().add(column(messages.get("membership.column.status"), vm::couponStatus, 170));
        t.setPlaceholder(new Label(messages.get("membership.profile.noCoupons")));
        Button issue = new Button(messages.get("membership.profile.issueCoupon"));
        issue.setId("couponIssue");
        issue.setOnAction(e -> askCoupon());
        VBox box = new VBox(6, t, new HBox(8, issue));
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(t, Priority.ALWAYS);
        return box;
    }

    /** The consent of the customer shown: a coupon issued by hand is handed over within it. */
    private app.regulars.customer.Consent shownConsent;

    private void askCoupon() {
        String limits = shownConsent == null ? "" : new app.regulars.customer.ConsentText(messages).line(shownConsent);
        Windows.dialog(root, new IssueCouponDialog(messages, vm.today().plusDays(30), limits)).ask()
                .ifPresent(c -> vm.issueCoupon(c.value(), c.percent(), c.until(), c.note()));
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> text, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new SimpleStringProperty(text.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    @Override
    public String title() {
        return messages.get("membership.profile.tab");
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void show(Customer customer) {
        if (editing != null) {
            stopEditing();
        }
        shownConsent = customer.consent();
        vm.show(customer.id(), customer.archived());
    }

    @Override
    public void whenChanged(Runnable changed) {
        vm.whenChanged(changed);
    }
}
