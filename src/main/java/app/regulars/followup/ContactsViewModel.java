package app.regulars.followup;

import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSummary;
import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.tables.TableLayout;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A customer's contact history (newest first), the open follow-ups beside it, and the form
 * that adds or edits one contact; planning a follow-up for the customer and their visit
 * brief. Knows no nodes.
 */
public final class ContactsViewModel {
    public static final int SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    private final FollowUpService service;
    private final CustomerService customers;
    private final FollowUpReports reports;
    private final TaskRunner runner;
    private final Messages messages;
    private Customer shown;
    private SurveyLauncher surveyLauncher;

    private final ObservableList<Contact> contacts = FXCollections.observableArrayList();
    private final ObservableList<FollowUp> open = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Long> customerId = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> editingId = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper briefMessage = new ReadOnlyStringWrapper("");
    private Long editingFollowUp;

    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty time = new SimpleStringProperty("");
    private final ObjectProperty<ContactChannel> channel = new SimpleObjectProperty<>(ContactChannel.PHONE);
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty nextStep = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper archived = new ReadOnlyBooleanWrapper();

    public ContactsViewModel(FollowUpService service, CustomerService customers, FollowUpReports reports, TaskRunner runner,
                             Messages messages) {
        this.service = service;
        this.customers = customers;
        this.reports = reports;
        this.runner = runner;
        this.messages = messages;
    }

    /** The form: the day of the contact. */
    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    /** The form: its time, as typed ({@code H:mm}; blank: noon). */
    public StringProperty timeProperty() {
        return time;
    }

    public ObjectProperty<ContactChannel> channelProperty() {
        return channel;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public StringProperty nextStepProperty() {
        return nextStep;
    }

    /** True when the shown customer is archived: nothing can be logged or planned. */
    public ReadOnlyBooleanProperty archivedProperty() {
        return archived.getReadOnlyProperty();
    }

    public ObservableList<Contact> contacts() {
        return contacts;
    }

    public ObservableList<FollowUp> openFollowUps() {
        return open;
    }

    public ReadOnlyObjectProperty<Long> editingIdProperty() {
        return editingId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> customerIdProperty() {
        return customerId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public LocalDateTime now() {
        return service.now();
    }

    /** What the last brief export or print came to (saved where, or why not). */
    public ReadOnlyStringProperty briefMessageProperty() {
        return briefMessage.getReadOnlyProperty();
    }

    /** Shows {@code customer}'s contacts; one not saved yet keeps the list as it is and plans nothing. */
    public void show(Customer customer) {
        shown = customer;
        if (customer != null && customer.id() != null) {
            customerId.set(customer.id());
            archived.set(customer.archived());
            startNew();
            reload();
        }
    }

    private boolean hasCustomer() {
        return shown != null && shown.id() != null;
    }

    /** What opens a survey entry from a follow-up's form. */
    public void setSurveyLauncher(SurveyLauncher launcher) {
        this.surveyLauncher = launcher;
    }

    /** The form of a new follow-up for the shown customer, tomorrow at 10:00; null when no customer is shown. */
    public FollowUpEditorViewModel planFollowUp() {
        if (!hasCustomer()) {
            return null;
        }
        FollowUpEditorViewModel editor = new FollowUpEditorViewModel(service, customers, runner, messages);
        editor.setSurveyLauncher(surveyLauncher);
        editor.startNew(service.now().toLocalDate().plusDays(1).atTime(10, 0),
                new CustomerSummary(shown.id(), shown.code(), shown.name(), null, null, null, null, null, false));
        return editor;
    }

    /** The file name a brief is offered under: the customer's name and code; null when no customer is shown. */
    public String briefFileName() {
        return hasCustomer() ? shown.name() + "-" + shown.code() + ".pdf" : null;
    }

    /** Writes the shown customer's visit brief to {@code file}, on the paper of the machine's country. */
    public void exportBrief(Path file) {
        if (!hasCustomer()) {
            return;
        }
        long id = shown.id();
        runner.run(() -> {
            reports.writeBriefs(List.of(reports.brief(id)), TableLayout.Paper.forCountry(
                    Locale.getDefault(Locale.Category.FORMAT).getCountry()), file);
            return file;
        }, p -> briefMessage.set(messages.get("followup.calendar.exported", p.toString())),
                e -> briefMessage.set(messages.describe(e)));
    }

    /** What printing a brief came to: shown where the export's outcome is. */
    public void briefPrinted(String outcome) {
        briefMessage.set(outcome);
    }

    /** Reads the shown customer's visit brief in the background and hands it to {@code print}. */
    public void brief(Consumer<FollowUpReports.Brief> print) {
        if (!hasCustomer()) {
            return;
        }
        long id = shown.id();
        runner.run(() -> reports.brief(id), print, e -> briefMessage.set(messages.describe(e)));
    }

    public void reload() {
        Long id = customerId.get();
        if (id == null) {
            return;
        }
        runner.run(() -> new Loaded(service.contacts(id, SHOWN), service.openFor(id)), loaded -> {
            if (id.equals(customerId.get())) {
                contacts.setAll(loaded.contacts());
                open.setAll(loaded.open());
            }
        }, this::fail);
    }

    private record Loaded(List<Contact> contacts, List<FollowUp> open) {
    }

    /** Clears the form for a new contact, now, by phone. */
    public void startNew() {
        editingId.set(null);
        editingFollowUp = null;
        LocalDateTime now = service.now();
        date.set(now.toLocalDate());
        time.set(now.format(TIME));
        channel.set(ContactChannel.PHONE);
        summary.set("");
        outcome.set("");
        nextStep.set("");
        error.set("");
    }

    public void startEdit(Contact i) {
        if (i == null) {
            return;
        }
        editingId.set(i.id());
        editingFollowUp = i.followUpId();
        date.set(i.occurredAt().toLocalDate());
        time.set(i.occurredAt().format(TIME));
        channel.set(i.channel());
        summary.set(i.summary());
        outcome.set(i.outcome() == null ? "" : i.outcome());
        nextStep.set(i.nextStep() == null ? "" : i.nextStep());
        error.set("");
    }

    /** Saves the form (a new contact or the one being edited); false with {@code error} set when refused. */
    public boolean save() {
        Long id = customerId.get();
        if (id == null) {
            return false;
        }
        LocalTime t;
        try {
            t = time.get() == null || time.get().isBlank() ? LocalTime.NOON : LocalTime.parse(time.get().strip(), TIME);
        } catch (DateTimeParseException e) {
            error.set(messages.get("followup.error.time"));
            return false;
        }
        if (date.get() == null) {
            error.set(messages.get("followup.error.when"));
            return false;
        }
        Contact i = new Contact(editingId.get(), id, date.get().atTime(t), channel.get(), summary.get(),
                outcome.get(), nextStep.get(), editingFollowUp);
        runner.run(() -> i.id() == null ? service.logContact(i) : service.updateContact(i), saved -> {
            startNew();
            reload();
        }, this::fail);
        return true;
    }

    public void delete(Contact i) {
        if (i == null) {
            return;
        }
        runner.run(() -> {
            service.deleteContact(i.id());
            return null;
        }, ignored -> {
            if (i.id().equals(editingId.get())) {
                startNew();
            }
            reload();
        }, this::fail);
    }

    /** Completes an open follow-up with the form's channel and text as the outcome. */
    public void complete(FollowUp f) {
        if (f == null) {
            return;
        }
        String said = summary.get() == null || summary.get().isBlank() ? FollowUpTitles.of(f, messages) : summary.get();
        runner.run(() -> service.complete(f.id(), channel.get(), said, outcome.get(), nextStep.get()), next -> {
            startNew();
            reload();
        }, this::fail);
    }

    private void fail(Throwable t) {
        error.set(messages.describe(t));
    }
}
