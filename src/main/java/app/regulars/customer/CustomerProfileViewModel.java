package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** One customer's profile as shown read-only, with archive and restore. */
public final class CustomerProfileViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerProfileViewModel.class);
    private final CustomerService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final BirthdayFormat birthdays;
    private final ReadOnlyObjectWrapper<Customer> customer = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Customer> duplicates = FXCollections.observableArrayList();
    private final ObservableList<ProfileFact> summary = FXCollections.observableArrayList();
    private final ObservableList<ConsentText.Line> consentHistory = FXCollections.observableArrayList();
    /** The custom fields that have a value, in field order: name and value as read (decision 0027). */
    private final ObservableList<ProfileFact> customValues = FXCollections.observableArrayList();
    private final ObservableList<String> mergedIn = FXCollections.observableArrayList();
    /** Where the customers merged into this one come from; null: not shown. */
    private MergeService merges;
    private final ConsentText consentText;
    private final List<ProfileSummary> summaries;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    /** Whose merges {@code mergedIn} holds. */
    private Customer mergedFor;
    /** Whose facts {@code summary} holds, and each contributor's part of them. */
    private Long shownSummaryFor;
    private List<List<ProfileFact>> shownParts = List.of();
    /** The latest summary asked for: answers to older ones are dropped. */
    private long summaryRequest;

    public CustomerProfileViewModel(CustomerService service, TaskRunner runner, Messages messages) {
        this(service, runner, messages, List.of());
    }

    /** With what other features add to the summary row ({@link ProfileSummary}), in order. */
    public CustomerProfileViewModel(CustomerService service, TaskRunner runner, Messages messages, List<ProfileSummary> summaries) {
        this.summaries = List.copyOf(summaries);
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.birthdays = new BirthdayFormat(messages);
        this.consentText = new ConsentText(messages);
    }

    public void load(long id) {
        error.set("");
        runner.run(() -> service.get(id).orElseThrow(() -> new app.regulars.i18n.UserException("customer.error.gone")),
                this::show, e -> error.set(messages.describe(e)));
    }

    /** Shows a profile already at hand (just saved), then looks for duplicates. */
    public void show(Customer c) {
        Customer was = customer.get();
        if (was == null || c == null || !java.util.Objects.equals(was.id(), c.id())) {
            consentHistory.clear();
        }
        customer.set(c);
        duplicates.clear();
        runner.run(() -> service.duplicatesOf(c), duplicates::setAll, e -> duplicates.clear());
        loadSummary(c);
        loadConsentHistory(c);
        loadCustomValues(c);
        loadMergedIn(c);
    }

    /** Shows, on each profile, the customers merged into it (decision 0025). */
    public void showMerges(MergeService merges) {
        this.merges = merges;
    }

    /** The customers merged into this one, a line each: card number, name, when, from where; oldest first. */
    private void loadMergedIn(Customer c) {
        Customer was = mergedFor;
        if (was == null || c == null || !java.util.Objects.equals(was.id(), c.id())) {
            mergedIn.clear();
        }
        mergedFor = c;
        if (merges == null || c == null || c.id() == null) {
            return;
        }
        long id = c.id();
        app.regulars.i18n.Formats formats = new app.regulars.i18n.Formats(messages);
        runner.run(() -> merges.mergedInto(id).stream().map(r -> r.name() == null
                ? messages.get("customer.profile.mergedLineNoName", r.code(), formats.date(r.at().toLocalDate()), messages.get(r.source().key()))
                : messages.get("customer.profile.mergedLine", r.code(), r.name(), formats.date(r.at().toLocalDate()),
                        messages.get(r.source().key()))).toList(), lines -> {
            Customer now = customer.get();
            if (now != null && now.id() != null && now.id() == id) {
                mergedIn.setAll(lines);
            }
        }, e -> LOG.warn("The merges failed", e));
    }

    private void loadCustomValues(Customer c) {
        if (c == null || c.fields() == null || c.fields().isEmpty()) {
            customValues.clear();
            return;
        }
        runner.run(service::customFields, defined -> {
            if (customer.get() != c) {
                return;
            }
            FieldValueFormat format = new FieldValueFormat(messages);
            List<ProfileFact> shown = new java.util.ArrayList<>();
            for (CustomField f : defined.all()) {
                FieldValue v = c.fields().get(f.id());
                if (v != null) {
                    shown.add(ProfileFact.of(f.name(), format.text(v)));
                }
            }
            customValues.setAll(shown);
        }, e -> error.set(messages.describe(e)));
    }

    /** The consent history, newest first; another customer's never stays under this one's name. */
    private void loadConsentHistory(Customer c) {
        if (c == null || c.id() == null) {
            consentHistory.clear();
            return;
        }
        long id = c.id();
        runner.run(() -> consentText.history(service.consentHistory(id)), lines -> {
            Customer now = customer.get();
            if (now != null && now.id() != null && now.id() == id) {
                consentHistory.setAll(lines);
            }
        }, e -> LOG.warn("The consent history failed", e));
    }

    /**
     * The summary row's facts, from every contributor in turn; one that fails leaves out only its
     * own. The quick ones (tier, points) come from the workers, the slow ones (the insights, which
     * can take seconds the first time of a day) from the background lane ({@link ProfileSummary#slow}).
     */
    private void loadSummary(Customer c) {
        if (c == null || c.id() == null) {
            summary.clear();
            return;
        }
        if (summaries.isEmpty()) {
            return;
        }
        long id = c.id();
        if (shownSummaryFor == null || shownSummaryFor != id) {
            summary.clear(); // another customer's facts never stand under this one's name
            shownParts = new ArrayList<>(java.util.Collections.nCopies(summaries.size(), List.of()));
        }
        long mine = ++summaryRequest;
        List<Integer> quick = new ArrayList<>();
        List<Integer> slow = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            (summaries.get(i).slow() ? slow : quick).add(i);
        }
        if (!quick.isEmpty()) {
            runner.run(() -> facts(id, quick), parts -> showSummary(id, mine, parts), e -> LOG.warn("The profile summary failed", e));
        }
        if (!slow.isEmpty()) {
            runner.runInBackground(() -> facts(id, slow), parts -> showSummary(id, mine, parts),
                    e -> LOG.warn("The profile summary failed", e));
        }
    }

    /** The facts of the contributors at these positions, by position. */
    private java.util.Map<Integer, List<ProfileFact>> facts(long id, List<Integer> which) {
        java.util.Map<Integer, List<ProfileFact>> parts = new java.util.HashMap<>();
        for (int i : which) {
            try {
                parts.put(i, List.copyOf(summaries.get(i).facts(id)));
            } catch (RuntimeException e) {
                LOG.warn("A profile summary failed for customer {}", id, e);
            }
        }
        return parts;
    }

    private void showSummary(long id, long request, java.util.Map<Integer, List<ProfileFact>> parts) {
        Customer now = customer.get();
        if (now == null || now.id() == null || now.id() != id || request != summaryRequest) {
            return;
        }
        if (shownSummaryFor == null || shownSummaryFor != id) {
            shownParts = new ArrayList<>(java.util.Collections.nCopies(summaries.size(), List.of()));
        }
        shownSummaryFor = id;
        parts.forEach(shownParts::set);
        summary.setAll(shownParts.stream().flatMap(List::stream).toList());
    }

    /** Reads the summary row again (a section changed the customer's purchases or points). */
    public void refreshSummary() {
        loadSummary(customer.get());
    }

    public void archive() {
        setArchived(true);
    }

    public void restore() {
        setArchived(false);
    }

    private void setArchived(boolean archived) {
        Customer c = customer.get();
        if (c == null) {
            return;
        }
        List<Long> ids = List.of(c.id());
        runner.run(() -> {
            if (archived) {
                service.archive(ids);
            } else {
                service.restore(ids);
            }
            return service.get(c.id()).orElseThrow();
        }, updated -> {
            customer.set(updated);
            status.set(messages.get(archived ? "customer.profile.archivedNow" : "customer.profile.restoredNow"));
        }, e -> error.set(messages.describe(e)));
    }

    public ReadOnlyObjectProperty<Customer> customerProperty() { return customer.getReadOnlyProperty(); }
    public ObservableList<Customer> duplicates() { return duplicates; }
    /** The facts of the row above the tabs (tier, points, last visit, segment, ...), in order. */
    public ObservableList<ProfileFact> summary() { return summary; }
    /** The consent history, newest first: when, what changed, from where. */
    public ObservableList<ConsentText.Line> consentHistory() { return consentHistory; }
    /** The customers merged into this one, a line each, oldest first; empty when none was. */
    public ObservableList<String> mergedIn() { return mergedIn; }

    /** The custom fields with a value, as name and value in the user's language. */
    public ObservableList<ProfileFact> customValues() { return customValues; }

    /** What a rep must know before a contact ("No calls · No SMS"), in the order shown; empty when nothing limits it. */
    public List<String> consentLimits(Customer c) {
        return consentText.limits(c.consent());
    }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** The customer's phone numbers as shown (the shop's region nationally, others internationally), one a line. */
    public String phonesText(Customer c) {
        PhoneNumbers phones = service.phones();
        return String.join("\n", c.phones().stream().map(phones::format).toList());
    }

    /** The birthday as the customer states it and when it comes next; empty without one. */
    public String birthdayText(Customer c) {
        if (c.birthday() == null) {
            return "";
        }
        return birthdays.format(c.birthday()) + "  ·  "
                + messages.get("customer.profile.nextBirthday", birthdays.next(c.birthday(), service.today()));
    }
}
