package app.regulars.followup;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
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
import java.util.List;

/**
 * A customer's contact history (newest first), the open follow-ups beside it, and the form
 * that adds or edits one contact. Knows no nodes.
 */
public final class ContactsViewModel {
    public static final int SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    private final FollowUpService service;
    private final TaskRunner runner;
    private final Messages messages;

    private final ObservableList<Contact> contacts = FXCollections.observableArrayList();
    private final ObservableList<FollowUp> open = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Long> customerId = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> editingId = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private Long editingFollowUp;

    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty time = new SimpleStringProperty("");
    private final ObjectProperty<Channel> channel = new SimpleObjectProperty<>(Channel.PHONE);
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty nextStep = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper archived = new ReadOnlyBooleanWrapper();

    public ContactsViewModel(FollowUpService service, TaskRunner runner, Messages messages) {
        this.service = service;
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

    public ObjectProperty<Channel> channelProperty() {
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

    public void show(long id, boolean isArchived) {
        customerId.set(id);
        archived.set(isArchived);
        startNew();
        reload();
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
        channel.set(Channel.PHONE);
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
        runner.run(() -> service.complete(f.id(), channel.get(), summary.get(), outcome.get(), nextStep.get()), next -> {
            startNew();
            reload();
        }, this::fail);
    }

    private void fail(Throwable t) {
        error.set(messages.describe(t));
    }
}
