package app.regulars.membership;

import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSort;
import app.regulars.customer.CustomerSummary;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The quick "new purchase" box: find a customer by name, pinyin or phone as one types,
 * pick one, type the amount and note, record. A stale search answer is dropped.
 */
public final class QuickPurchaseViewModel {
    public static final int MATCHES = 8;

    private final CustomerService customers;
    private final MembershipService membership;
    private final TaskRunner runner;
    private final Messages messages;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<CustomerSummary> matches = FXCollections.observableArrayList();
    private final ObjectProperty<CustomerSummary> selected = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private long generation;

    public QuickPurchaseViewModel(CustomerService customers, MembershipService membership, TaskRunner runner, Messages messages) {
        this.customers = customers;
        this.membership = membership;
        this.runner = runner;
        this.messages = messages;
        query.addListener((obs, o, q) -> search(q));
    }

    /** A match as the list shows it: name, card number and the primary phone as the locale writes it. */
    public String describe(CustomerSummary c) {
        String phone = customers.phones().format(c.primaryPhone());
        return c.name() + "   " + c.code() + (phone.isEmpty() ? "" : "   " + phone);
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<CustomerSummary> matches() {
        return matches;
    }

    public ObjectProperty<CustomerSummary> selectedProperty() {
        return selected;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty statusProperty() {
        return status;
    }

    private void search(String q) {
        long mine = ++generation;
        if (q == null || q.isBlank()) {
            matches.clear();
            selected.set(null);
            return;
        }
        runner.run(() -> {
            long[] ids = customers.search(q, null, false, CustomerSort.NAME, true);
            return customers.summaries(Arrays.copyOf(ids, Math.min(MATCHES, ids.length)));
        }, (List<CustomerSummary> found) -> {
            if (mine != generation) {
                return;
            }
            matches.setAll(found);
            selected.set(found.isEmpty() ? null : found.getFirst());
        }, t -> error.set(messages.describe(t)));
    }

    /** Records the purchase for the selected customer; {@code done} runs after it is saved. */
    public void record(String amountText, String note, Runnable done) {
        CustomerSummary who = selected.get();
        if (who == null) {
            error.set(messages.get("membership.quick.noCustomer"));
            return;
        }
        BigDecimal amount;
        try {
            amount = MembershipService.parseAmount(amountText);
        } catch (UserException e) {
            error.set(e.localizedMessage(messages));
            return;
        }
        runner.run(() -> membership.recordPurchase(who.id(), null, amount, note), p -> {
            error.set("");
            status.set(messages.get("membership.quick.recorded", who.name(), p.points()));
            done.run();
        }, t -> error.set(messages.describe(t)));
    }
}
