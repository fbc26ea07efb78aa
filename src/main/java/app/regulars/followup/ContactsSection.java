package app.regulars.followup;

import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.ProfileSection;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.fx.DateFields;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.membership.MembershipService;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.print.Printer;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The "Contacts" tab of a profile: open follow-ups on top (Complete records the form as the
 * outcome), the contact history below, newest first, and the form to log or edit a contact.
 * Keyboard: Alt+N (or Insert) starts a new entry, Enter on an entry edits it, Delete
 * deletes it (after a question), Enter in the form saves, Esc clears it.
 */
public final class ContactsSection implements ProfileSection {
    private final ContactsViewModel vm;
    private final Messages messages;
    private final Formats formats;
    private final FollowUpReports reports;
    private final TaskRunner runner;
    private final VBox root = new VBox(10);
    private final ListView<Contact> list = new ListView<>();
    private final TextField summary = new TextField();
    private final Label briefStatus = new Label();

    public ContactsSection(FollowUpService service, CustomerService customers, MembershipService membership,
                           TaskRunner runner, Messages messages) {
        this(service, customers, membership, null, runner, messages);
    }

    /** {@code briefFacts}: what another feature adds to the visit brief's summary (null: nothing). */
    public ContactsSection(FollowUpService service, CustomerService customers, MembershipService membership,
                           BriefFacts briefFacts, TaskRunner runner, Messages messages) {
        this.runner = runner;
        this.messages = messages;
        this.formats = new Formats(messages);
        this.reports = new FollowUpReports(service, customers, membership, briefFacts, messages);
        this.vm = new ContactsViewModel(service, customers, reports, runner, messages);
        build();
    }

    public ContactsViewModel viewModel() {
        return vm;
    }

    @Override
    public String title() {
        return messages.get("followup.timeline.tab");
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void show(Customer customer) {
        vm.show(customer);
    }

    private void build() {
        root.setId("timelineSection");
        root.getStyleClass().add("timeline-section");
        root.setPadding(new Insets(12));

        Label openTitle = new Label(messages.get("followup.timeline.open"));
        openTitle.getStyleClass().add("section-title");
        ListView<FollowUp> open = new ListView<>(vm.openFollowUps());
        open.setId("timelineOpen");
        open.setPrefHeight(96);
        open.setMinHeight(72);
        open.setPlaceholder(new Label(messages.get("followup.timeline.noOpen")));
        open.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FollowUp f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("followup-late", "followup-overdue");
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                LocalDateTime now = vm.now();
                setText((f.allDay() ? formats.date(f.dueAt().toLocalDate()) : formats.dateTime(f.dueAt())) + "   "
                        + messages.get("followup.kind." + f.kind().name()) + " · " + FollowUpTitles.of(f, messages)
                        + (f.isLate(now) ? "   " + messages.get("followup.late") : ""));
                if (f.isLate(now)) {
                    getStyleClass().add("followup-late");
                } else if (f.isOverdue(now)) {
                    getStyleClass().add("followup-overdue");
                }
            }
        });
        Button complete = new Button(messages.get("followup.timeline.complete"));
        complete.setId("timelineComplete");
        complete.disableProperty().bind(open.getSelectionModel().selectedItemProperty().isNull());
        complete.setOnAction(e -> vm.complete(open.getSelectionModel().getSelectedItem()));
        Button plan = new Button(messages.get("followup.timeline.plan"));
        plan.setId("timelinePlan");
        plan.disableProperty().bind(vm.archivedProperty());
        plan.setOnAction(e -> planFollowUp());
        Button brief = new Button(messages.get("followup.timeline.brief"));
        brief.setId("timelineBrief");
        brief.setOnAction(e -> exportBrief());
        Button printBrief = new Button(messages.get("followup.timeline.printBrief"));
        printBrief.setId("timelinePrintBrief");
        printBrief.setOnAction(e -> printBrief());
        briefStatus.getStyleClass().add("muted");
        briefStatus.setId("timelineBriefStatus");
        briefStatus.textProperty().bind(vm.briefMessageProperty());
        HBox openButtons = new HBox(8, complete, plan, brief, printBrief, briefStatus);
        openButtons.setAlignment(Pos.CENTER_LEFT);

        Label historyTitle = new Label(messages.get("followup.timeline.title"));
        historyTitle.getStyleClass().add("section-title");
        list.setId("timelineList");
        list.setItems(vm.contacts());
        list.setPlaceholder(new Label(messages.get("followup.timeline.empty")));
        list.setCellFactory(l -> new ContactCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.startEdit(list.getSelectionModel().getSelectedItem());
                summary.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                confirmDelete(list.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.startEdit(list.getSelectionModel().getSelectedItem());
                summary.requestFocus();
            }
        });

        root.getChildren().addAll(openTitle, open, openButtons, historyTitle, list, form());
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.INSERT) {
                vm.startNew();
                summary.requestFocus();
                e.consume();
            }
        });
    }

    private Node form() {
        GridPane grid = new GridPane();
        grid.setId("timelineForm");
        grid.getStyleClass().add("timeline-form");
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(90);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);

        DatePicker date = DateFields.create(messages);
        date.setId("interactionDate");
        date.valueProperty().bindBidirectional(vm.dateProperty());
        date.setPrefWidth(140);
        TextField time = new TextField();
        time.setId("interactionTime");
        time.setPrefColumnCount(5);
        time.textProperty().bindBidirectional(vm.timeProperty());
        ComboBox<ContactChannel> channel = new ComboBox<>();
        channel.setId("interactionChannel");
        channel.getItems().setAll(ContactChannel.values());
        channel.setConverter(FollowUpEditorView.enumConverter(messages, "followup.channel."));
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        HBox when = new HBox(8, date, time, channel);
        when.setAlignment(Pos.CENTER_LEFT);
        summary.setId("interactionSummary");
        summary.textProperty().bindBidirectional(vm.summaryProperty());
        TextField outcome = new TextField();
        outcome.setId("interactionOutcome");
        outcome.textProperty().bindBidirectional(vm.outcomeProperty());
        TextField next = new TextField();
        next.setId("interactionNext");
        next.textProperty().bindBidirectional(vm.nextStepProperty());

        Label error = new Label();
        error.setId("timelineError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());

        Button save = new Button();
        save.setId("interactionSave");
        save.textProperty().bind(javafx.beans.binding.Bindings.when(vm.editingIdProperty().isNull())
                .then(messages.get("followup.timeline.add")).otherwise(messages.get("followup.timeline.saveEdit")));
        save.setOnAction(e -> {
            vm.save();
            summary.requestFocus();
        });
        Button clear = new Button(messages.get("followup.timeline.new"));
        clear.setId("interactionNew");
        clear.setMnemonicParsing(true);
        clear.setOnAction(e -> {
            vm.startNew();
            summary.requestFocus();
        });
        save.disableProperty().bind(vm.archivedProperty());
        HBox buttons = new HBox(8, save, clear);

        int r = 0;
        grid.addRow(r++, label("followup.timeline.when", date), when);
        grid.addRow(r++, label("followup.timeline.summary", summary), summary);
        grid.addRow(r++, label("followup.timeline.outcome", outcome), outcome);
        grid.addRow(r++, label("followup.timeline.nextStep", next), next);
        grid.add(error, 1, r++);
        grid.add(buttons, 1, r);
        // Enter in a field saves, Esc clears: the form works without the mouse.
        grid.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !(e.getTarget() instanceof DatePicker) && !(e.getTarget() instanceof ComboBox)) {
                vm.save();
                summary.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.startNew();
                e.consume();
            }
        });
        return grid;
    }

    private Label label(String key, Node target) {
        Label l = new Label(messages.get(key));
        l.setLabelFor(target);
        l.getStyleClass().add("field-label");
        return l;
    }

    private void confirmDelete(Contact i) {
        if (i == null) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, messages.get("followup.timeline.deleteQuestion", i.summary()),
                ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        alert.setTitle(messages.get("followup.timeline.delete"));
        Windows.dialog(root, alert);
        alert.resultProperty().addListener((obs, o, n) -> {
            if (n == ButtonType.OK) {
                vm.delete(i);
            }
        });
        alert.show();
    }

    /** What opens a survey entry from a follow-up's form. */
    public void setSurveyLauncher(SurveyLauncher launcher) {
        vm.setSurveyLauncher(launcher);
    }

    private void planFollowUp() {
        FollowUpEditorViewModel editor = vm.planFollowUp();
        if (editor != null) {
            FollowUpEditorView.open(Windows.windowOf(root), editor, messages, "followup.editor.newTitle", f -> vm.reload());
        }
    }

    private void exportBrief() {
        String name = vm.briefFileName();
        if (name == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        chooser.setInitialFileName(name);
        File file = chooser.showSaveDialog(Windows.windowOf(root));
        if (file != null) {
            exportBriefTo(file.toPath());
        }
    }

    /** Writes the shown customer's visit brief to {@code file}. */
    public void exportBriefTo(Path file) {
        vm.exportBrief(file);
    }

    private void printBrief() {
        vm.brief(b -> new BriefPrinter(messages, Printer::getDefaultPrinter)
                .print(List.of(b), reports, Windows.windowOf(root), runner, vm::briefPrinted));
    }

    private final class ContactCell extends ListCell<Contact> {
        @Override
        protected void updateItem(Contact i, boolean empty) {
            super.updateItem(i, empty);
            if (empty || i == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Text when = new Text(formats.dateTime(i.occurredAt()) + "   " + messages.get("followup.channel." + i.channel().name()) + "\n");
            when.getStyleClass().add("timeline-when");
            Text what = new Text(i.summary());
            what.getStyleClass().add("timeline-summary");
            TextFlow flow = new TextFlow(when, what);
            if (i.outcome() != null) {
                flow.getChildren().add(new Text("\n" + messages.get("followup.timeline.outcomeShort") + " " + i.outcome()));
            }
            if (i.nextStep() != null) {
                flow.getChildren().add(new Text("\n" + messages.get("followup.timeline.nextShort") + " " + i.nextStep()));
            }
            flow.setMaxWidth(Math.max(200, getListView().getWidth() - 40));
            setText(null);
            setGraphic(flow);
        }
    }
}
