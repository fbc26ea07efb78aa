package app.regulars.membership;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
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

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * The discounts of a purchase being entered, shared by the quick purchase box and the profile's
 * purchase form: the amount typed (the price before discounts), whether the customer's tier
 * discount is taken off (on by default when the tier has one), the coupon chosen among those the
 * customer can use today, and the line that says what is left to pay before anything is saved
 * ("Amount ¥200.00 · Gold member −10 % · Coupon −¥20.00 · To pay ¥160.00"). The service computes
 * the same {@link Price} again when it records.
 */
public final class PriceEntry {
    /** One entry of the coupon chooser: a coupon, or none ({@link #NONE}). */
    public record Choice(Coupon coupon) {
    }

    public static final Choice NONE = new Choice(null);

    private final Messages messages;
    private final Formats formats;
    private final StringProperty amountText = new SimpleStringProperty("");
    private final BooleanProperty memberDiscount = new SimpleBooleanProperty(true);
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(NONE);
    private final ObservableList<Choice> choices = FXCollections.observableArrayList(NONE);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper memberText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper memberAvailable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper couponsAvailable = new ReadOnlyBooleanWrapper(false);
    private Tier tier;
    private Currency currency;

    public PriceEntry(Messages messages) {
        this.messages = messages;
        this.formats = new Formats(messages);
        this.currency = MembershipSettings.defaultCurrency(messages.locale());
        amountText.addListener((obs, o, n) -> update());
        memberDiscount.addListener((obs, o, n) -> update());
        choice.addListener((obs, o, n) -> {
            if (n == null) {
                choice.set(NONE);
            } else {
                update();
            }
        });
    }

    /**
     * The customer's tier and the coupons they can use today (null tier: no customer). The coupon
     * chosen stays chosen while it is still among them; the member discount is offered again.
     */
    public void load(Tier tier, List<Coupon> usable, Currency currency) {
        this.tier = tier;
        this.currency = currency != null ? currency : this.currency;
        Coupon kept = choice.get().coupon();
        List<Choice> all = new java.util.ArrayList<>(List.of(NONE));
        usable.forEach(c -> all.add(new Choice(c)));
        choices.setAll(all);
        Choice again = kept == null ? NONE : all.stream().filter(c -> c.coupon() != null && c.coupon().id() == kept.id())
                .findFirst().orElse(NONE);
        choice.set(again);
        boolean offered = tier != null && tier.discountPercent() != null && tier.discountPercent().signum() > 0;
        memberAvailable.set(offered);
        memberText.set(offered ? messages.get("membership.price.memberCheck", tier.displayName(messages), percent(tier.discountPercent())) : "");
        memberDiscount.set(true);
        couponsAvailable.set(!usable.isEmpty());
        update();
    }

    /** After a purchase is saved: no coupon chosen, the member discount offered again. */
    public void reset() {
        choice.set(NONE);
        memberDiscount.set(true);
        update();
    }

    /** The shop's currency, as loaded with the customer. */
    public Currency currency() {
        return currency;
    }

    public StringProperty amountTextProperty() {
        return amountText;
    }

    public BooleanProperty memberDiscountProperty() {
        return memberDiscount;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    /** What is left to pay, and how, while the amount typed is an amount; empty otherwise. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The member discount's check box text, "Gold member discount −10 %". */
    public ReadOnlyStringProperty memberTextProperty() {
        return memberText.getReadOnlyProperty();
    }

    /** Whether the customer's tier has a discount to offer. */
    public ReadOnlyBooleanProperty memberAvailableProperty() {
        return memberAvailable.getReadOnlyProperty();
    }

    /** Whether the customer has a coupon to use today. */
    public ReadOnlyBooleanProperty couponsAvailableProperty() {
        return couponsAvailable.getReadOnlyProperty();
    }

    /** Whether the tier discount is to be taken off. */
    public boolean applyMemberDiscount() {
        return memberAvailable.get() && memberDiscount.get();
    }

    /** The id of the coupon chosen, null for none. */
    public Long couponId() {
        Coupon c = choice.get().coupon();
        return c == null ? null : c.id();
    }

    /** The price for the amount typed, or null while it is not an amount. */
    public Price price() {
        BigDecimal amount;
        try {
            amount = MembershipService.parseAmount(amountText.get());
        } catch (UserException e) {
            return null;
        }
        return Price.of(amount, applyMemberDiscount() ? tier.discountPercent() : null, choice.get().coupon());
    }

    /** A coupon as the chooser shows it: "K7Q2M9XA · Birthday · ¥20.00 off · until Nov 30, 2026". */
    public String describe(Choice c) {
        if (c == null || c.coupon() == null) {
            return messages.get(choices.size() > 1 ? "membership.price.noCoupon" : "membership.price.noCoupons");
        }
        Coupon coupon = c.coupon();
        return messages.get("membership.price.couponChoice", coupon.code(), messages.get("membership.coupon." + coupon.kind().name()),
                value(coupon), formats.date(coupon.validUntil()));
    }

    private String value(Coupon c) {
        if (c.amount() != null) {
            return messages.get("membership.price.amountOff", formats.money(c.amount(), currency));
        }
        if (c.percent() != null) {
            return messages.get("membership.price.percentOff", percent(c.percent()));
        }
        return c.note() == null ? "" : c.note();
    }

    private static String percent(BigDecimal p) {
        return p.stripTrailingZeros().toPlainString();
    }

    private void update() {
        Price p = price();
        if (p == null) {
            summary.set("");
            return;
        }
        List<String> parts = new java.util.ArrayList<>();
        parts.add(messages.get("membership.price.amount", formats.money(p.before(), currency)));
        if (p.memberPercent() != null) {
            parts.add(messages.get("membership.price.member", tier.displayName(messages), percent(p.memberPercent())));
        }
        if (p.coupon() != null) {
            parts.add(p.coupon().amount() == null && p.coupon().percent() == null
                    ? messages.get("membership.price.gift", value(p.coupon()))
                    : messages.get("membership.price.coupon", formats.money(p.couponDiscount(), currency)));
        }
        parts.add(messages.get("membership.price.toPay", formats.money(p.toPay(), currency)));
        summary.set(String.join(" \u00b7 ", parts));
    }
}
