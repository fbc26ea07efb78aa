package app.regulars.membership;

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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The membership tab of a profile: what it shows (tier, balance, totals, purchases, ledger,
 * tier history, coupons) and what it does (record purchases with the member discount and a
 * coupon, {@link #price()}; edit and void purchases, adjust points, issue coupons). Every call
 * runs on the task runner; failures become {@link #errorProperty}.
 */
public final class MembershipSectionViewModel {
    public static final int PURCHASE_ROWS = 500;
    public static final int LEDGER_ROWS = 500;

    /** Everything the tab shows of one customer. */
    public record Data(long customerId, Tier tier, int balance, int expiring30, MembershipService.PurchaseTotals totals,
                       List<Purchase> purchases, List<PointEntry> ledger, List<TierChange> history, List<Coupon> coupons,
                       List<Coupon> usableCoupons, java.util.Currency currency, TierRule rule, LocalDate today) {
    }

    private final MembershipService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final ObjectProperty<Data> data = new SimpleObjectProperty<>();
    private final ObservableList<Purchase> purchases = FXCollections.observableArrayList();
    private final ObservableList<PointEntry> ledger = FXCollections.observableArrayList();
    private final ObservableList<TierChange> history = FXCollections.observableArrayList();
    private final ObservableList<Coupon> coupons = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final PriceEntry price;
    private long customerId = -1;
    private boolean archived;

    public MembershipSectionViewModel(MembershipService service, TaskRunner runner, Messages messages) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.price = new PriceEntry(messages);
    }

    /** The purchase form's amount, member discount, coupon and what is left to pay. */
    public PriceEntry price() {
        return price;
    }

    /** Today by the service's clock: the date a new purchase or coupon starts from. */
    public LocalDate today() {
        return service.today();
    }

    public ObjectProperty<Data> dataProperty() {
        return data;
    }

    public ObservableList<Purchase> purchases() {
        return purchases;
    }

    public ObservableList<PointEntry> ledger() {
        return ledger;
    }

    public ObservableList<TierChange> history() {
        return history;
    }

    public ObservableList<Coupon> coupons() {
        return coupons;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public boolean archived() {
        return archived;
    }

    private Runnable onChanged = () -> { };

    public void show(long id, boolean archived) {
        this.customerId = id;
        this.archived = archived;
        error.set("");
        status.set("");
        reload();
    }

    /** The shop's currency as loaded with the customer (no store read on the FX thread). */
    public java.util.Currency currency() {
        Data d = data.get();
        return d != null ? d.currency() : MembershipSettings.defaultCurrency(messages.locale());
    }

    /** A tier change's basis in the unit of the rule now in force: whole points, or money. */
    public String basisText(java.math.BigDecimal basis, app.regulars.i18n.Formats formats) {
        Data d = data.get();
        return d != null && d.rule() == TierRule.POINTS_12_MONTHS ? formats.integer(basis.longValue()) : formats.money(basis, currency());
    }

    /**
     * Called after this section changed the customer's facts (a purchase, a void, points, a
     * coupon): the profile's summary row reloads with the section.
     */
    public void whenChanged(Runnable action) {
        this.onChanged = action == null ? () -> { } : action;
    }

    private void changed() {
        reload();
        onChanged.run();
    }

    public void reload() {
        long id = customerId;
        if (id < 0) {
            return;
        }
        runner.run(() -> new Data(id, service.tierOf(id), service.balance(id), service.expiringWithin(id, 30), service.totals(id),
                        service.purchases(id, PURCHASE_ROWS), service.ledger(id, LEDGER_ROWS), service.tierHistory(id), service.coupons(id),
                        service.usableCoupons(id), service.settings().currency(), service.settings().rule(), service.today()),
                d -> {
                    if (d.customerId() != customerId) {
                        return;
                    }
                    data.set(d);
                    purchases.setAll(d.purchases());
                    ledger.setAll(d.ledger());
                    history.setAll(d.history());
                    coupons.setAll(d.coupons());
                    price.load(d.tier(), d.usableCoupons(), d.currency());
                },
                this::fail);
    }

    /**
     * Records a purchase typed at the counter: the amount is the price before discounts; the
     * member discount and the coupon chosen in {@link #price()} are taken off. {@code done} runs
     * after it is saved.
     */
    public void record(String amountText, LocalDate date, String note, Runnable done) {
        long id = customerId;
        BigDecimal amount;
        try {
            amount = MembershipService.parseAmount(amountText);
        } catch (UserException e) {
            error.set(e.localizedMessage(messages));
            return;
        }
        LocalDateTime at = date == null || date.equals(service.today()) ? null : date.atTime(LocalTime.NOON);
        boolean member = price.applyMemberDiscount();
        Long coupon = price.couponId();
        runner.run(() -> service.recordPurchase(id, at, amount, note, member, coupon), p -> {
            error.set("");
            status.set(p.discounted()
                    ? messages.get("membership.profile.recordedPaid", new app.regulars.i18n.Formats(messages).money(p.amount(), currency()), p.points())
                    : messages.get("membership.profile.recorded", p.points()));
            price.reset();
            changed();
            done.run();
        }, t -> {
            fail(t);
            reload();
        });
    }

    /** Changes a purchase: the amount typed is what was paid (its discounts stay as they were). */
    public void edit(Purchase p, String amountText, LocalDate date, String note, Runnable done) {
        BigDecimal amount;
        try {
            amount = MembershipService.parseAmount(amountText);
        } catch (UserException e) {
            error.set(e.localizedMessage(messages));
            return;
        }
        LocalDateTime at = date == null || date.equals(p.purchasedAt().toLocalDate()) ? p.purchasedAt() : date.atTime(LocalTime.NOON);
        runner.run(() -> service.editPurchase(p.id(), at, amount, note), x -> {
            error.set("");
            status.set(messages.get("membership.profile.edited"));
            changed();
            done.run();
        }, this::fail);
    }

    public void voidPurchase(Purchase p, String reason) {
        runner.run(() -> service.voidPurchase(p.id(), reason), x -> {
            error.set("");
            status.set(messages.get("membership.profile.voided"));
            changed();
        }, this::fail);
    }

    public void adjust(String pointsText, String reason) {
        int points;
        try {
            points = Integer.parseInt(pointsText == null ? "" : pointsText.strip().replace("+", ""));
        } catch (NumberFormatException e) {
            error.set(messages.get("membership.error.pointsNotNumber", pointsText == null ? "" : pointsText.strip()));
            return;
        }
        long id = customerId;
        runner.run(() -> service.adjustPoints(id, points, reason), b -> {
            error.set("");
            status.set(messages.get("membership.profile.adjusted", b));
            changed();
        }, this::fail);
    }

    public void issueCoupon(String valueText, boolean percent, LocalDate until, String note) {
        BigDecimal value;
        try {
            value = MembershipService.parseAmount(valueText);
        } catch (UserException e) {
            error.set(e.localizedMessage(messages));
            return;
        }
        long id = customerId;
        runner.run(() -> service.issueCoupon(id, percent ? null : value, percent ? value : null, service.today(), until, note), c -> {
            error.set("");
            status.set(messages.get("membership.profile.couponIssued", c.code()));
            changed();
        }, this::fail);
    }

    /** Active rewards, for the redeem dialog. */
    public void rewards(java.util.function.Consumer<List<Reward>> then) {
        runner.run(() -> service.rewards(true), then::accept, this::fail);
    }

    public void redeem(Reward reward) {
        long id = customerId;
        runner.run(() -> service.redeem(id, reward.id()), c -> {
            error.set("");
            status.set(messages.get("membership.profile.redeemed", reward.name(), reward.costPoints(), c.code()));
            changed();
        }, this::fail);
    }

    /** A coupon's status today: unused, used (with which purchase) or expired. */
    public String couponStatus(Coupon c) {
        Data d = data.get();
        return CouponText.status(c, d != null ? d.today() : service.today(), messages);
    }

    /**
     * What a purchase's row tells on hover: its number and, when something was taken off, the
     * price before discounts, each discount and what was paid.
     */
    public String purchaseDetails(Purchase p, app.regulars.i18n.Formats formats) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(messages.get("membership.purchase.number", p.id()));
        if (p.discounted()) {
            java.util.Currency cur = currency();
            if (p.amountBefore() != null) {
                lines.add(messages.get("membership.purchase.before", formats.money(p.amountBefore(), cur)));
            }
            if (p.memberDiscount() != null) {
                lines.add(messages.get("membership.purchase.member", formats.money(p.memberDiscount(), cur)));
            }
            if (p.couponCode() != null && p.couponDiscount() != null) {
                lines.add(messages.get("membership.purchase.coupon", p.couponCode(), formats.money(p.couponDiscount(), cur)));
            } else if (p.couponCode() != null) {
                lines.add(messages.get("membership.purchase.couponOnly", p.couponCode()));
            } else if (p.couponDiscount() != null) {
                lines.add(messages.get("membership.purchase.couponReturned", formats.money(p.couponDiscount(), cur)));
            }
            lines.add(messages.get("membership.purchase.paid", formats.money(p.amount(), cur)));
        }
        return String.join("\n", lines);
    }

    private void fail(Throwable t) {
        error.set(messages.describe(t));
    }
}
