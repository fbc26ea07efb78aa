package app.regulars.customer;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The merge dialog: two or more customers side by side in a fixed order, which one is kept, and
 * for each field where they differ whose value the merged profile takes (by default the kept
 * customer's, or another's where the kept one has none). Choosing another customer to keep starts
 * the choices again from the defaults. Phones, tags and emails are put together.
 */
public final class MergeViewModel {
    private final MergeService merges;
    private final CustomerService customers;
    private final TaskRunner runner;
    private final Messages messages;
    private final Formats formats;
    private final BirthdayFormat birthdays;
    private final ConsentText consentText;
    private final ReadOnlyObjectWrapper<MergePlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** The customers in the order they were given (the columns); the plan puts the kept one first. */
    private List<Customer> columns = List.of();

    public MergeViewModel(MergeService merges, CustomerService customers, TaskRunner runner, Messages messages) {
        this.merges = merges;
        this.customers = customers;
        this.runner = runner;
        this.messages = messages;
        this.formats = new Formats(messages);
        this.birthdays = new BirthdayFormat(messages);
        this.consentText = new ConsentText(messages);
    }

    /** Loads the customers (the first is kept at first) and what would move. */
    public void load(List<Long> ids) {
        if (ids.size() < 2) {
            error.set(messages.get("merge.error.same"));
            return;
        }
        plan(ids.getFirst(), ids.subList(1, ids.size()), true);
    }

    /** Keeps another of the customers: the choices start again from the defaults. */
    public void keep(long id) {
        MergePlan p = plan.get();
        if (p == null || p.kept().id() == id) {
            return;
        }
        List<Long> others = new ArrayList<>();
        for (Customer c : columns) {
            if (c.id() != id) {
                others.add(c.id());
            }
        }
        plan(id, others, false);
    }

    private void plan(long kept, List<Long> others, boolean first) {
        running.set(true);
        error.set("");
        runner.run(() -> merges.plan(kept, others), p -> {
            running.set(false);
            if (first) {
                columns = p.all();
            }
            plan.set(p);
        }, e -> {
            running.set(false);
            error.set(messages.describe(e));
        });
    }

    /** The customers side by side, in the order given. */
    public List<Customer> columns() {
        return columns;
    }

    /** The fields on which they differ, in the order of the profile. */
    public List<MergeField> fields() {
        MergePlan p = plan.get();
        return p == null ? List.of() : p.differing();
    }

    /** Takes {@code field} from the customer {@code customerId}. */
    public void choose(MergeField field, long customerId) {
        MergePlan p = plan.get();
        if (p == null) {
            return;
        }
        List<Customer> all = p.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id() == customerId) {
                if (p.pick(field) != i) {
                    plan.set(p.with(field, i));
                }
                return;
            }
        }
    }

    /** The customer whose value {@code field} takes. */
    public long chosen(MergeField field) {
        MergePlan p = plan.get();
        return p.all().get(p.pick(field)).id();
    }

    public boolean isKept(Customer c) {
        MergePlan p = plan.get();
        return p != null && p.kept().id().equals(c.id());
    }

    /** A field's value as the profile shows it; "(empty)" without one. */
    public String valueText(MergeField field, Customer c) {
        Object v = field.valueOf(c);
        if (v == null) {
            return messages.get("merge.empty");
        }
        return switch (field) {
            case GENDER -> messages.get("customer.gender." + c.gender().name().toLowerCase(Locale.ROOT));
            case BIRTHDAY -> birthdays.format(c.birthday());
            case CONSENT -> consent(c.consent());
            default -> v.toString();
        };
    }

    private String consent(Consent consent) {
        String text = consent.marketing() ? messages.get("customer.profile.consentSince", formats.date(consent.date()))
                : messages.get("customer.profile.noConsent");
        String limits = consentText.line(consent);
        return limits.isEmpty() ? text : text + ConsentText.SEPARATOR + limits;
    }

    /** The merged profile's phones, all of them, one a line as the shop writes them. */
    public String phonesText() {
        MergePlan p = plan.get();
        return p == null ? "" : String.join("\n", p.phones().stream().map(customers.phones()::format).toList());
    }

    /** The merged profile's tags. */
    public String tagsText() {
        MergePlan p = plan.get();
        return p == null ? "" : String.join(messages.get("common.listSeparator"), p.tags());
    }

    /** The emails that go to the notes; empty when none does. */
    public String emailsToNotesText() {
        MergePlan p = plan.get();
        if (p == null || p.otherEmails().isEmpty()) {
            return "";
        }
        return messages.get("merge.emailsToNotes", String.join(messages.get("common.listSeparator"), p.otherEmails()));
    }

    /** What moves to the kept customer, and what becomes of the others. */
    public String summaryText() {
        MergePlan p = plan.get();
        if (p == null) {
            return "";
        }
        String kept = name(p.kept());
        String moves = p.moving().isEmpty() ? messages.get("merge.nothingMoves")
                : messages.get("merge.moves", kept, MergePlan.countsText(p.moving(), messages));
        String others = String.join(messages.get("common.listSeparator"), p.others().stream().map(this::name).toList());
        return moves + "\n" + messages.get("merge.removed", others, p.others().size(), kept);
    }

    /** "王小明 (000001)". */
    public String name(Customer c) {
        return messages.get("merge.customer", c.name(), c.code());
    }

    /** Merges as chosen; {@code done} gets what the merge did (on the JavaFX thread). */
    public void merge(Consumer<MergeService.Merged> done) {
        MergePlan p = plan.get();
        if (p == null || running.get()) {
            return;
        }
        running.set(true);
        error.set("");
        runner.run(() -> merges.merge(p, MergeRecord.Source.WINDOW, messages), m -> {
            running.set(false);
            done.accept(m);
        }, e -> {
            running.set(false);
            error.set(messages.describe(e));
        });
    }

    public ReadOnlyObjectProperty<MergePlan> planProperty() { return plan.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
