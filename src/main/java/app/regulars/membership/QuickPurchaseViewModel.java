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
 * pick one, type the amount and note, choose a coupon and whether the member discount is
 * taken off ({@link PriceEntry}: what is left to pay shows before saving), record. A stale
 * search answer, or the coupons of a customer no longer chosen, are dropped.
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
    private final PriceEntry price;
    private long generation;
    private long customerGeneration;

    public QuickPurchaseViewModel(CustomerService customers, MembershipService membership, TaskRunner runner, Messages messages) {
        this.customers = customers;
        this.membership = membership;
        this.runner = runner;
        this.messages = messages;
        this.price = new PriceEntry(messages);
        query.addListener((obs, o, q) -> search(q));
        selected.addListener((obs, o, n) -> loadDiscounts(n));
    }

    /** The amount, member discount, coupon and what is left to pay. */
    public PriceEntry price() {
        return price;
    }

    private record Discounts(Tier tier, List<Coupon> coupons, java.util.Currency currency) {
    }

    /** The chosen customer's tier and usable coupons, in the background; an answer for a customer no longer chosen is dropped. */
    private void loadDiscounts(CustomerSummary who) {
        long mine = ++customerGeneration;
        if (who == null) {
            price.load(null, List.of(), null);
            return;
        }
        runner.run(() -> new Discounts(membership.tierOf(who.id()), membership.usableCoupons(who.id()), membership.settings().currency()),
                d -> {
                    if (mine == customerGeneration) {
                        price.load(d.tier(), d.coupons(), d.currency());
                    }
                }, t -> error.set(messages.describe(t)));
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

    /**
     * Records the purchase for the selected customer: the amount typed is the price before
     * discounts; the member discount and the coupon chosen are taken off. {@code done} runs after
     * it is saved.
     */
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
        boolean member = price.applyMemberDiscount();
        Long coupon = price.couponId();
        runner.run(() -> membership.recordPurchase(who.id(), null, amount, note, member, coupon), p -> {
            error.set("");
            status.set(p.discounted()
                    ? messages.get("membership.quick.recordedPaid", who.name(), new app.regulars.i18n.Formats(messages).money(p.amount(), price.currency()), p.points())
                    : messages.get("membership.quick.recorded", who.name(), p.points()));
            price.reset();
            done.run();
        }, t -> {
            error.set(messages.describe(t));
            loadDiscounts(selected.get());
        });
    }
}
