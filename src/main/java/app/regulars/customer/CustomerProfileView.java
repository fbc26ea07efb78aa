package app.regulars.customer;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One customer's profile, read-only: contact data, birthday, consent, notes; Edit, Archive or Restore. */
public final class CustomerProfileView extends BorderPane {
    private final CustomerProfileViewModel vm;
    private final Messages messages;
    private final Formats formats;
    private final Label name = new Label();
    private final Label code = new Label();
    private final Label archivedBadge = new Label();
    private final FlowPane tags = new FlowPane(6, 6);
    private final FlowPane consentLimits = new FlowPane(6, 6);
    private final VBox consentHistory = new VBox(4);
    private final VBox mergedIn = new VBox(4);
    private final GridPane details = new GridPane();
    /** The custom fields with a value, under a heading of their own (decision 0027). */
    private final GridPane customDetails = new GridPane();
    private final Label warning = new Label();
    private final FlowPane summary = new FlowPane(10, 8);
    private final Button archive = new Button();
    private final Button editButton;
    private final javafx.scene.control.MenuButton privacy = new javafx.scene.control.MenuButton();
    private final Label privacyNote = new Label();
    private final Label privacyStatus = new Label();
    private final Label privacyError = new Label();
    private PrivacyViewModel privacyVm;
    /** Asks where to write an export, proposing a file name; null: cancelled (tests answer it themselves). */
    private java.util.function.Function<String, java.nio.file.Path> saveChooser = this::chooseFile;

    private final List<ProfileSection> sections;

    public CustomerProfileView(CustomerProfileViewModel vm, Messages messages, Runnable back, Consumer<Customer> edit) {
        this(vm, messages, back, edit, List.of());
    }

    public CustomerProfileView(CustomerProfileViewModel vm, Messages messages, Runnable back, Consumer<Customer> edit,
                               List<ProfileSection> sections) {
        this.sections = List.copyOf(sections);
        this.vm = vm;
        this.messages = messages;
        this.formats = new Formats(messages);
        getStyleClass().add("customer-profile");

        Button backButton = new Button(messages.get("common.back"), new FontIcon(MaterialDesignA.ARROW_LEFT));
        backButton.setId("profileBack");
        backButton.setOnAction(e -> back.run());
        editButton = new Button(messages.get("customer.profile.edit"), new FontIcon(MaterialDesignP.PENCIL));
        editButton.setId("profileEdit");
        editButton.getStyleClass().add("accent");
        editButton.setOnAction(e -> {
            if (vm.customerProperty().get() != null) {
                edit.accept(vm.customerProperty().get());
            }
        });
        archive.setId("profileArchive");
        archive.setOnAction(e -> {
            Customer c = vm.customerProperty().get();
            if (c != null && c.archived()) {
                vm.restore();
            } else {
                vm.archive();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label status = new Label();
        status.setId("profileStatus");
        status.getStyleClass().add("success-text");
        status.textProperty().bind(vm.statusProperty());
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        privacy.setId("profilePrivacy");
        privacy.setText(messages.get("customer.profile.privacy"));
        privacy.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignS.SHIELD_ACCOUNT_OUTLINE));
        privacy.setVisible(false);
        privacy.managedProperty().bind(privacy.visibleProperty());
        privacyStatus.setId("privacyStatus");
        privacyStatus.getStyleClass().add("success-text");
        privacyError.setId("privacyError");
        privacyError.getStyleClass().add("error-text");
        HBox toolbar = new HBox(8, backButton, spacer, status, error, privacyStatus, privacyError, privacy, archive, editButton);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("page-toolbar");
        setTop(toolbar);

        name.setId("profileName");
        name.getStyleClass().add("profile-name");
        code.getStyleClass().add("profile-code");
        archivedBadge.setText(messages.get("customer.profile.archivedBadge"));
        archivedBadge.getStyleClass().add("badge-archived");
        HBox heading = new HBox(12, name, code, archivedBadge);
        heading.setAlignment(Pos.BASELINE_LEFT);
        warning.setId("profileWarning");
        warning.getStyleClass().add("warning-banner");
        warning.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        warning.setWrapText(true);
        warning.managedProperty().bind(warning.visibleProperty());
        warning.setVisible(false);

        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        details.getColumnConstraints().setAll(labels, values);
        details.setHgap(16);
        details.setVgap(10);
        details.getStyleClass().add("profile-details");

        summary.setId("profileSummary");
        summary.getStyleClass().add("profile-summary");
        summary.managedProperty().bind(summary.visibleProperty());
        summary.setVisible(false);
        consentLimits.setId("profileConsentLimits");
        consentLimits.managedProperty().bind(consentLimits.visibleProperty());
        consentLimits.setVisible(false);
        privacyNote.setId("privacyNote");
        privacyNote.getStyleClass().add("warning-banner");
        privacyNote.setWrapText(true);
        privacyNote.setMinHeight(Region.USE_PREF_SIZE);
        privacyNote.setMaxWidth(Double.MAX_VALUE);
        privacyNote.managedProperty().bind(privacyNote.visibleProperty());
        privacyNote.setVisible(false);
        VBox header = new VBox(10, heading, consentLimits, tags, summary, warning, privacyNote);
        header.setPadding(new Insets(20, 24, 8, 24));
        header.setMaxWidth(880);
        consentHistory.setId("consentHistory");
        consentHistory.getStyleClass().add("consent-history");
        consentHistory.setPadding(new Insets(18, 0, 0, 0));
        ColumnConstraints customLabels = new ColumnConstraints();
        customLabels.setMinWidth(150);
        ColumnConstraints customValues = new ColumnConstraints();
        customValues.setHgrow(Priority.ALWAYS);
        customDetails.getColumnConstraints().setAll(customLabels, customValues);
        customDetails.setHgap(16);
        customDetails.setVgap(10);
        customDetails.setId("profileCustomFields");
        customDetails.getStyleClass().add("profile-details");
        customDetails.setPadding(new Insets(18, 0, 0, 0));
        customDetails.managedProperty().bind(customDetails.visibleProperty());
        customDetails.setVisible(false);
        vm.customValues().addListener((ListChangeListener<ProfileFact>) c -> showCustomValues());
        mergedIn.setId("profileMergedIn");
        mergedIn.setPadding(new Insets(18, 0, 0, 0));
        mergedIn.managedProperty().bind(mergedIn.visibleProperty());
        mergedIn.setVisible(false);
        VBox detailsBox = new VBox(details, customDetails, mergedIn, consentHistory);
        detailsBox.setPadding(new Insets(14, 24, 24, 24));
        detailsBox.setMaxWidth(880);
        ScrollPane scroll = new ScrollPane(detailsBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        if (this.sections.isEmpty()) {
            setCenter(new VBox(header, scroll));
            VBox.setVgrow(scroll, Priority.ALWAYS);
        } else {
            // The details first, then one tab per contributed section (Ctrl+Tab moves between them).
            TabPane tabs = new TabPane();
            tabs.setId("profileTabs");
            tabs.getStyleClass().add("profile-tabs");
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            Tab detailsTab = new Tab(messages.get("customer.profile.detailsTab"), scroll);
            detailsTab.setId("profileTabDetails");
            tabs.getTabs().add(detailsTab);
            for (ProfileSection section : this.sections) {
                tabs.getTabs().add(new Tab(section.title(), section.node()));
                section.whenChanged(vm::refreshSummary);
            }
            // From the keyboard: Alt+1, Alt+2 ... opens a tab (its tooltip says which), Ctrl+Tab and
            // Ctrl+Shift+Tab the next and the previous one, wherever the focus is in the profile.
            for (int i = 0; i < tabs.getTabs().size() && i < 9; i++) {
                tabs.getTabs().get(i).setTooltip(new javafx.scene.control.Tooltip(messages.get("customer.profile.tabKey", i + 1)));
            }
            addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                int count = tabs.getTabs().size();
                int at = tabs.getSelectionModel().getSelectedIndex();
                if (e.isAltDown() && !e.isShortcutDown() && e.getCode().isDigitKey()) {
                    int n = e.getCode().getCode() - javafx.scene.input.KeyCode.DIGIT1.getCode();
                    if (e.getCode().getName().startsWith("Numpad")) {
                        n = e.getCode().getCode() - javafx.scene.input.KeyCode.NUMPAD1.getCode();
                    }
                    if (n >= 0 && n < count) {
                        tabs.getSelectionModel().select(n);
                        e.consume();
                    }
                } else if (e.getCode() == javafx.scene.input.KeyCode.TAB && e.isControlDown()) {
                    tabs.getSelectionModel().select(Math.floorMod(at + (e.isShiftDown() ? -1 : 1), count));
                    e.consume();
                }
            });
            VBox.setVgrow(tabs, Priority.ALWAYS);
            setCenter(new VBox(header, tabs));
        }

        vm.customerProperty().addListener((obs, o, c) -> show(c));
        vm.duplicates().addListener((ListChangeListener<Customer>) c -> showDuplicates());
        vm.summary().addListener((ListChangeListener<ProfileFact>) c -> showSummary());
        vm.consentHistory().addListener((ListChangeListener<ConsentText.Line>) c -> showConsentHistory());
        vm.mergedIn().addListener((ListChangeListener<String>) c -> showMergedIn());
    }

    private void show(Customer c) {
        if (c == null) {
            return;
        }
        for (ProfileSection section : sections) {
            section.show(c);
        }
        name.setText(c.name());
        code.setText(messages.get("customer.profile.code", c.code()));
        archivedBadge.setVisible(c.archived());
        archivedBadge.setText(c.erased() ? messages.get("customer.profile.erasedBadge", formats.date(c.erasedAt().toLocalDate()))
                : messages.get("customer.profile.archivedBadge"));
        archive.setDisable(c.erased());
        editButton.setDisable(c.erased());
        privacy.setDisable(c.erased());
        if (privacyVm != null && (shownId == null || !shownId.equals(c.id()))) {
            privacyVm.clear();
        }
        shownId = c.id();
        archive.setText(messages.get(c.archived() ? "customer.profile.restore" : "customer.profile.archive"));
        archive.setGraphic(new FontIcon(c.archived() ? MaterialDesignA.ARCHIVE_ARROW_UP_OUTLINE : MaterialDesignA.ARCHIVE_OUTLINE));
        List<String> limits = vm.consentLimits(c);
        consentLimits.getChildren().setAll(limits.stream().map(t -> {
            Label chip = new Label(t);
            chip.getStyleClass().add("consent-limit");
            return (Node) chip;
        }).toList());
        consentLimits.setVisible(!limits.isEmpty() && !c.erased()); // an erased customer is nobody to contact
        consentHistory.setVisible(!c.erased());
        consentHistory.setManaged(!c.erased());
        showConsentHistory();
        tags.getChildren().setAll(c.tags().stream().map(t -> {
            Label chip = new Label(t);
            chip.getStyleClass().add("tag-chip");
            return (Node) chip;
        }).toList());

        details.getChildren().clear();
        int row = 0;
        row = add(row, "customer.field.phones", vm.phonesText(c));
        row = add(row, "customer.field.email", c.email());
        row = add(row, "customer.field.wechat", c.wechat());
        row = add(row, "customer.field.gender", c.gender() == null ? null : messages.get("customer.gender." + c.gender().name().toLowerCase(java.util.Locale.ROOT)));
        if (c.birthday() != null) {
            row = add(row, "customer.field.birthday", vm.birthdayText(c));
        }
        row = add(row, "customer.field.address", c.address());
        row = add(row, "customer.field.company", c.company());
        row = add(row, "customer.field.jobTitle", c.jobTitle());
        row = add(row, "customer.field.source", c.source());
        if (!c.erased()) {
            row = add(row, "customer.field.consent", consentText(c.consent()));
        }
        row = add(row, "customer.field.preferences", c.preferences());
        row = add(row, "customer.field.notes", c.notes());
        add(row, "customer.profile.since", messages.get("customer.profile.dates", formats.dateTime(c.createdAt()), formats.dateTime(c.updatedAt())));
    }

    /** The customer shown last: a request's message stays only under their name. */
    private Long shownId;

    /**
     * Adds the Privacy menu: export this customer's data, erase this customer (after a
     * confirmation), the log of requests. {@code afterErase} gets what is left of an erased customer.
     */
    public void enablePrivacy(PrivacyViewModel pvm, Consumer<Customer> afterErase) {
        this.privacyVm = pvm;
        javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem(messages.get("customer.profile.privacyExport"));
        export.setId("privacyExport");
        export.setOnAction(e -> {
            Customer c = vm.customerProperty().get();
            if (c != null) {
                java.nio.file.Path file = saveChooser.apply(pvm.fileName(c));
                if (file != null) {
                    pvm.export(c, file);
                }
            }
        });
        javafx.scene.control.MenuItem erase = new javafx.scene.control.MenuItem(messages.get("customer.profile.privacyErase"));
        erase.setId("privacyErase");
        erase.setVisible(pvm.owner()); // the owner's alone (decision 0033)
        erase.setOnAction(e -> {
            Customer c = vm.customerProperty().get();
            if (c != null) {
                pvm.prepareErase(c, text -> {
                    if (confirmErase(text)) {
                        pvm.erase(c, afterErase);
                    }
                });
            }
        });
        javafx.scene.control.MenuItem log = new javafx.scene.control.MenuItem(messages.get("customer.profile.privacyLog"));
        log.setId("privacyLog");
        log.setOnAction(e -> showLog(pvm));
        privacy.getItems().setAll(export, erase, new javafx.scene.control.SeparatorMenuItem(), log);
        privacy.setVisible(true);
        privacyStatus.textProperty().bind(pvm.statusProperty());
        privacyError.textProperty().bind(pvm.errorProperty());
        privacyNote.textProperty().bind(pvm.noteProperty());
        privacyNote.visibleProperty().bind(pvm.noteProperty().isNotEmpty());
    }

    /** Where an export goes, for tests: {@code chooser} gets the proposed file name and returns the file (null: cancelled). */
    public void setSaveChooser(java.util.function.Function<String, java.nio.file.Path> chooser) {
        this.saveChooser = chooser;
    }

    private java.nio.file.Path chooseFile(String proposed) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(messages.get("privacy.export.title"));
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("JSON + PDF", "*.json"));
        chooser.setInitialFileName(proposed);
        java.io.File file = chooser.showSaveDialog(app.regulars.fx.Windows.windowOf(this));
        return file == null ? null : file.toPath();
    }

    /** The confirmation: what erasing does and which backups still hold the customer; Cancel is the default. */
    private boolean confirmErase(String text) {
        javafx.scene.control.ButtonType eraseType = new javafx.scene.control.ButtonType(messages.get("privacy.erase.button"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType cancelType = new javafx.scene.control.ButtonType(messages.get("common.cancel"),
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING, text,
                eraseType, cancelType);
        alert.setTitle(messages.get("privacy.erase.title"));
        alert.setHeaderText(messages.get("privacy.erase.title"));
        alert.getDialogPane().setId("privacyEraseDialog");
        alert.getDialogPane().setMinWidth(560);
        Button eraseButton = (Button) alert.getDialogPane().lookupButton(eraseType);
        eraseButton.setId("privacyEraseConfirm");
        eraseButton.setDefaultButton(false);
        eraseButton.getStyleClass().add("danger");
        Button cancelButton = (Button) alert.getDialogPane().lookupButton(cancelType);
        cancelButton.setId("privacyEraseCancel");
        cancelButton.setDefaultButton(true);
        return app.regulars.fx.Windows.dialog(this, alert).showAndWait().filter(b -> b == eraseType).isPresent();
    }

    /** The log of privacy requests in a window of its own: when, what, card number, from where. */
    private void showLog(PrivacyViewModel pvm) {
        javafx.scene.control.TableView<PrivacyRequest> table = new javafx.scene.control.TableView<>(pvm.requests());
        table.setId("privacyLogTable");
        table.setPlaceholder(new Label(messages.get("privacy.cli.noRequests")));
        table.getColumns().add(column(messages.get("privacy.field.when"), r -> formats.dateTime(r.at()), 200));
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(messages.get("privacy.log.kind"), r -> messages.get(r.kind().key()), 110));
        table.getColumns().add(column(messages.get("customer.field.code"), PrivacyRequest::customerCode, 110));
        table.getColumns().add(column(messages.get("privacy.field.from"), r -> messages.get(r.source().key()), 130));
        Label about = new Label(messages.get("privacy.log.about"));
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.getStyleClass().add("muted");
        VBox root = new VBox(10, about, table);
        root.setPadding(new Insets(14));
        VBox.setVgrow(table, Priority.ALWAYS);
        pvm.loadRequests();
        app.regulars.fx.Windows.stage(app.regulars.fx.Windows.windowOf(this), messages.get("privacy.log.title"), root, 620, 420).show();
    }

    private static javafx.scene.control.TableColumn<PrivacyRequest, String> column(String title,
            java.util.function.Function<PrivacyRequest, String> text, double width) {
        javafx.scene.control.TableColumn<PrivacyRequest, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(cd -> new javafx.beans.property.SimpleStringProperty(text.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private String consentText(Consent consent) {
        if (!consent.marketing()) {
            return messages.get("customer.profile.noConsent");
        }
        String text = messages.get("customer.profile.consentSince", formats.date(consent.date()));
        if (!consent.optOuts().isEmpty()) {
            List<String> channels = new ArrayList<>();
            for (MarketingChannel ch : consent.optOuts()) {
                channels.add(messages.get("customer.channel." + ch.name().toLowerCase(java.util.Locale.ROOT)));
            }
            text += "\n" + messages.get("customer.profile.optedOut", String.join(messages.get("common.listSeparator"), channels));
        }
        return text;
    }

    /** The customers merged into this one, under the details (decision 0025). */
    private void showMergedIn() {
        Label heading = new Label(messages.get("customer.profile.mergedIn"));
        heading.getStyleClass().add("field-label");
        List<Node> rows = new ArrayList<>();
        rows.add(heading);
        for (String line : vm.mergedIn()) {
            Label l = new Label(line);
            l.setWrapText(true);
            l.getStyleClass().add("field-value");
            rows.add(l);
        }
        mergedIn.getChildren().setAll(rows);
        mergedIn.setVisible(!vm.mergedIn().isEmpty());
    }

    /** The consent history under the details: when, what changed, from where; newest first. */
    private void showConsentHistory() {
        Label heading = new Label(messages.get("customer.profile.consentHistory"));
        heading.getStyleClass().add("field-label");
        List<Node> rows = new ArrayList<>();
        rows.add(heading);
        if (vm.consentHistory().isEmpty()) {
            Label none = new Label(messages.get("customer.profile.noConsentHistory"));
            none.getStyleClass().add("muted");
            rows.add(none);
        }
        int i = 0;
        for (ConsentText.Line line : vm.consentHistory()) {
            Label when = new Label(line.when());
            when.getStyleClass().add("history-when");
            when.setMinWidth(150);
            Label what = new Label(line.what());
            what.setWrapText(true);
            what.getStyleClass().add("history-what");
            Label from = new Label(messages.get("customer.profile.consentFrom", line.from()));
            from.getStyleClass().add("history-from");
            HBox row = new HBox(16, when, what, from);
            row.setId("consentChange" + i++);
            row.setAlignment(Pos.BASELINE_LEFT);
            rows.add(row);
        }
        consentHistory.getChildren().setAll(rows);
    }

    /** The custom fields with a value: a heading, then a name and a value a row. */
    private void showCustomValues() {
        customDetails.getChildren().clear();
        List<ProfileFact> shown = vm.customValues();
        customDetails.setVisible(!shown.isEmpty());
        if (shown.isEmpty()) {
            return;
        }
        Label heading = new Label(messages.get("customer.custom.section"));
        heading.getStyleClass().add("section-title");
        customDetails.add(heading, 0, 0, 2, 1);
        int row = 1;
        for (ProfileFact fact : shown) {
            Label label = new Label(fact.label());
            label.getStyleClass().add("field-label");
            label.setWrapText(true);
            label.setMaxWidth(150);
            Label text = new Label(fact.value());
            text.setWrapText(true);
            text.getStyleClass().add("field-value");
            customDetails.addRow(row++, label, text);
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        }
    }

    private int add(int row, String labelKey, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label label = new Label(messages.get(labelKey));
        label.getStyleClass().add("field-label");
        Label text = new Label(value);
        text.setWrapText(true);
        text.getStyleClass().add("field-value");
        details.addRow(row, label, text);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        return row + 1;
    }

    /** One small card a fact, its label above its value: the row other features fill ({@link ProfileSummary}). */
    private void showSummary() {
        List<Node> cards = new ArrayList<>();
        int i = 0;
        for (ProfileFact f : vm.summary()) {
            Label label = new Label(f.label());
            label.getStyleClass().add("summary-label");
            Label value = new Label(f.value());
            value.getStyleClass().add("summary-value");
            value.setWrapText(true);
            value.setMaxWidth(420);
            VBox card = new VBox(2, label, value);
            card.setId("summaryFact" + i++);
            card.getStyleClass().add("summary-fact");
            if (f.warning()) {
                card.getStyleClass().add("summary-fact-warning");
            }
            cards.add(card);
        }
        summary.getChildren().setAll(cards);
        summary.setVisible(!cards.isEmpty());
    }

    private void showDuplicates() {
        if (vm.duplicates().isEmpty()) {
            warning.setVisible(false);
            return;
        }
        String names = String.join(messages.get("common.listSeparator"),
                vm.duplicates().stream().map(d -> d.name() + " (" + d.code() + ")").toList());
        warning.setText(messages.get("customer.profile.duplicates", names));
        warning.setVisible(true);
    }
}
