package app.regulars.followup;

import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSort;
import app.regulars.customer.CustomerSummary;
import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
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
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The form of one follow-up, new or edited: customer (searched by name, phone or code when
 * new), kind, title, due date and time or all-day, owner, recurrence with its end, notes.
 */
public final class FollowUpEditorViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");
    private static final int MATCHES = 8;

    private final FollowUpService service;
    private final CustomerService customers;
    private final TaskRunner runner;
    private final Messages messages;
    private FollowUp editing;
    /** The title the edited follow-up was shown with: a generated one stays generated unless it is changed. */
    private String shownTitle;

    private final StringProperty customerQuery = new SimpleStringProperty("");
    private final ObjectProperty<CustomerSummary> customer = new SimpleObjectProperty<>();
    private final ObservableList<CustomerSummary> matches = FXCollections.observableArrayList();
    private final ObjectProperty<FollowUpKind> kind = new SimpleObjectProperty<>(FollowUpKind.CHECK_IN);
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty time = new SimpleStringProperty("10:00");
    private final BooleanProperty allDay = new SimpleBooleanProperty();
    private final StringProperty owner = new SimpleStringProperty("");
    /** The owners to choose from: the store's people, or the owners written before (decision 0033). */
    private final ObservableList<String> ownerChoices = FXCollections.observableArrayList();
    private final ObjectProperty<Recurrence> recurrence = new SimpleObjectProperty<>(Recurrence.NONE);
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>();
    private final StringProperty notes = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** The question after an edit refused by someone else's change; empty when there is none (decision 0031). */
    private final ReadOnlyStringWrapper conflict = new ReadOnlyStringWrapper("");
    /** The follow-up as the other person left it, while {@link #conflict} asks. */
    private FollowUp theirs;
    /** What the last save was to call once saved: a save over theirs calls it too. */
    private Consumer<FollowUp> afterSave = f -> { };
    private final ReadOnlyBooleanWrapper isNew = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper consentLimits = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper surveyAllowed = new ReadOnlyBooleanWrapper(false);
    private final app.regulars.customer.ConsentText consentText;

    public FollowUpEditorViewModel(FollowUpService service, CustomerService customers, TaskRunner runner, Messages messages) {
        this.service = service;
        this.customers = customers;
        this.runner = runner;
        this.messages = messages;
        this.consentText = new app.regulars.customer.ConsentText(messages);
        customerQuery.addListener((obs, o, n) -> search(n));
        customer.addListener((obs, o, n) -> loadConsent(n));
    }

    /** Reads the chosen customer's consent: what the form shows beside them, and whether a survey may be asked. */
    private void loadConsent(CustomerSummary c) {
        consentLimits.set("");
        surveyAllowed.set(false);
        if (c == null) {
            return;
        }
        long id = c.id();
        runner.run(() -> customers.consents(java.util.List.of(id)).getOrDefault(id, app.regulars.customer.Consent.NONE), consent -> {
            CustomerSummary now = customer.get();
            if (now != null && now.id() == id) {
                consentLimits.set(consentText.line(consent));
                surveyAllowed.set(consent.allowsMarketing());
            }
        }, t -> error.set(messages.describe(t)));
    }

    /** What the chosen customer's consent rules out ("No calls · No SMS"); empty when nothing, or no customer. */
    public ReadOnlyStringProperty consentLimitsProperty() {
        return consentLimits.getReadOnlyProperty();
    }

    /**
     * Whether the chosen customer may be invited to a survey: an invitation is marketing, so only
     * with consent and a channel not opted out of (decision 0021).
     */
    public ReadOnlyBooleanProperty surveyAllowedProperty() {
        return surveyAllowed.getReadOnlyProperty();
    }

    private SurveyLauncher surveyLauncher;

    /** Lets the form open a survey entry for its customer (none: the button stays hidden). */
    public void setSurveyLauncher(SurveyLauncher launcher) {
        this.surveyLauncher = launcher;
    }

    public boolean canAskSurvey() {
        return surveyLauncher != null;
    }

    /** Opens the survey entry for the chosen customer, after a visit or a call. */
    public void askSurvey() {
        CustomerSummary c = customer.get();
        if (surveyLauncher != null && c != null && surveyAllowed.get()) {
            surveyLauncher.open(c.id(), c.name());
        }
    }

    /** What is typed to find the customer (a new follow-up only). */
    public StringProperty customerQueryProperty() {
        return customerQuery;
    }

    /** The customer the follow-up is for: the first match, or the one picked. */
    public ObjectProperty<CustomerSummary> customerProperty() {
        return customer;
    }

    public ObjectProperty<FollowUpKind> kindProperty() {
        return kind;
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** The day it is due. */
    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    /** The time it is due, as typed ({@code H:mm}); ignored when all-day. */
    public StringProperty timeProperty() {
        return time;
    }

    public BooleanProperty allDayProperty() {
        return allDay;
    }

    public ObservableList<String> ownerChoices() {
        return ownerChoices;
    }

    /** Loads the owners to choose from; {@code orDefault}: a new follow-up's owner becomes the person signed in. */
    private void loadOwners(boolean orDefault) {
        runner.run(() -> new Owners(service.ownerChoices(), service.defaultOwner()), r -> {
            ownerChoices.setAll(r.names());
            if (orDefault && owner.get().isBlank()) {
                owner.set(r.byDefault());
            }
        }, e -> { });
    }

    private record Owners(java.util.List<String> names, String byDefault) {
    }

    /** Who takes care of it (blank: nobody in particular). */
    public StringProperty ownerProperty() {
        return owner;
    }

    public ObjectProperty<Recurrence> recurrenceProperty() {
        return recurrence;
    }

    /** The last day a repeating follow-up may fall on. */
    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    /** True for a new follow-up (the customer can be chosen), false while one is edited. */
    public ReadOnlyBooleanProperty newFollowUpProperty() {
        return isNew.getReadOnlyProperty();
    }

    public ObservableList<CustomerSummary> matches() {
        return matches;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A new follow-up due at {@code due} (all-day when it is midnight), for {@code forCustomer} if known. */
    public void startNew(LocalDateTime due, CustomerSummary forCustomer) {
        editing = null;
        shownTitle = null;
        isNew.set(true);
        customer.set(forCustomer);
        customerQuery.set(forCustomer == null ? "" : forCustomer.name());
        kind.set(FollowUpKind.CHECK_IN);
        title.set("");
        boolean day = due.toLocalTime().equals(LocalTime.MIDNIGHT);
        date.set(due.toLocalDate());
        time.set(day ? "" : due.format(TIME));
        allDay.set(day);
        owner.set("");
        loadOwners(true);
        recurrence.set(Recurrence.NONE);
        until.set(null);
        notes.set("");
        error.set("");
    }

    public void startEdit(FollowUp f) {
        editing = f;
        theirs = null;
        conflict.set("");
        isNew.set(false);
        customer.set(new CustomerSummary(f.customerId(), f.customerCode(), f.customerName(), null, null, null, null, null, false));
        customerQuery.set(f.customerName());
        kind.set(f.kind());
        shownTitle = FollowUpTitles.of(f, messages);
        title.set(shownTitle);
        date.set(f.dueAt().toLocalDate());
        time.set(f.allDay() ? "" : f.dueAt().format(TIME));
        allDay.set(f.allDay());
        owner.set(f.owner() == null ? "" : f.owner());
        loadOwners(false);
        recurrence.set(f.recurrence());
        until.set(f.recurUntil());
        notes.set(f.notes() == null ? "" : f.notes());
        error.set("");
    }

    private void search(String q) {
        if (!isNew.get() || q == null || q.isBlank() || (customer.get() != null && q.equals(customer.get().name()))) {
            return;
        }
        runner.run(() -> {
            long[] ids = customers.search(q, null, false, CustomerSort.NAME, true);
            return customers.summaries(Arrays.copyOf(ids, Math.min(ids.length, MATCHES)));
        }, found -> {
            if (q.equals(customerQuery.get())) {
                matches.setAll(found);
                if (!found.isEmpty()) {
                    customer.set(found.getFirst());
                }
            }
        }, t -> error.set(messages.describe(t)));
    }

    /**
     * Checks the form and saves it in the background; {@code saved} gets the stored follow-up.
     * Returns false (with {@code error} set) when the form itself is incomplete.
     */
    public boolean save(Consumer<FollowUp> saved) {
        if (customer.get() == null) {
            error.set(messages.get("followup.error.customer"));
            return false;
        }
        if (date.get() == null) {
            error.set(messages.get("followup.error.when"));
            return false;
        }
        LocalTime t = LocalTime.MIDNIGHT;
        if (!allDay.get()) {
            try {
                t = time.get() == null || time.get().isBlank() ? LocalTime.of(10, 0) : LocalTime.parse(time.get().strip(), TIME);
            } catch (DateTimeParseException e) {
                error.set(messages.get("followup.error.time"));
                return false;
            }
        }
        LocalDateTime due = date.get().atTime(t);
        FollowUp base = editing != null ? editing : FollowUp.planned(customer.get().id(), kind.get(), title.get(), due);
        // A new follow-up's title is typed; an edited generated one's becomes typed when it is changed.
        boolean typed = base.titleTyped() || title.get() == null || !title.get().strip().equals(shownTitle.strip());
        FollowUp f = new FollowUp(base.id(), base.customerId(), null, null, kind.get(), title.get(), notes.get(), owner.get(),
                due, allDay.get(), base.status(), recurrence.get(), until.get(), base.openedAt(), base.resolveBy(), base.completedAt(),
                base.generationKey(), typed);
        error.set("");
        conflict.set("");
        afterSave = saved;
        FollowUp asRead = editing;
        runner.run(() -> f.id() == null ? service.schedule(f) : service.update(f, asRead), stored -> {
            if (editing != null) {
                editing = stored; // a second save from the same form is checked against this one
            }
            saved.accept(stored);
        }, t2 -> {
            error.set(messages.describe(t2));
            Throwable c = t2;
            while (c != null && !(c instanceof FollowUpChangedException)) {
                c = c.getCause();
            }
            if (c instanceof FollowUpChangedException changed) {
                theirs = changed.current();
                conflict.set(messages.describe(changed));
            }
        });
        return true;
    }

    /** "Changed by someone else at 14:02 — reload or keep mine?" after a refused save; empty otherwise (decision 0031). */
    public ReadOnlyStringProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    /** After a refused save: the form shows the follow-up as the other person left it, this edit discarded. */
    public void reload() {
        if (theirs != null) {
            FollowUp t = theirs;
            theirs = null;
            conflict.set("");
            startEdit(t);
        }
    }

    /** After a refused save: saves the form as it is over the other person's change, knowingly. */
    public void keepMine() {
        if (theirs != null) {
            editing = theirs;
            theirs = null;
            conflict.set("");
            save(afterSave);
        }
    }
}
