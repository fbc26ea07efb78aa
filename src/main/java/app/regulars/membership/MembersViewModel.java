package app.regulars.membership;

import app.regulars.tables.Table;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Members" page: members and spend per tier, the three watch lists, and the tier
 * settings (edited as a list of rows, saved all at once).
 */
public final class MembersViewModel {
    /** Which watch list. */
    public enum Watch { CLOSE_TO_NEXT, ABOUT_TO_DROP, EXPIRING }

    private final MembershipService service;

    /** Whether whoever is signed in may do what only the owner may (decision 0033): the view hides the rest. */
    public boolean owner() {
        return service.owner();
    }

    private final TaskRunner runner;
    private final Messages messages;
    private final Formats formats;
    private final ObservableList<TierSummary> summary = FXCollections.observableArrayList();
    private final ObservableList<MemberRow> closeToNext = FXCollections.observableArrayList();
    private final ObservableList<MemberRow> aboutToDrop = FXCollections.observableArrayList();
    private final ObservableList<MemberRow> expiring = FXCollections.observableArrayList();
    private final ObservableList<Tier> editedTiers = FXCollections.observableArrayList();
    private final ObjectProperty<TierRule> rule = new SimpleObjectProperty<>(TierRule.SPEND_12_MONTHS);
    private final StringProperty expiryMonths = new SimpleStringProperty("");
    private final ObservableList<Reward> rewards = FXCollections.observableArrayList();
    private final StringProperty currency = new SimpleStringProperty("");
    private String loadedCurrency;
    private final BooleanProperty birthdayAuto = new SimpleBooleanProperty(true);
    private final StringProperty birthdayAmount = new SimpleStringProperty("");
    private final StringProperty birthdayDays = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");

    public MembersViewModel(MembershipService service, TaskRunner runner, Messages messages) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.formats = new Formats(messages);
    }

    public ObservableList<TierSummary> summary() { return summary; }
    public ObservableList<MemberRow> list(Watch w) {
        return switch (w) {
            case CLOSE_TO_NEXT -> closeToNext;
            case ABOUT_TO_DROP -> aboutToDrop;
            case EXPIRING -> expiring;
        };
    }
    public ObservableList<Tier> editedTiers() { return editedTiers; }
    public ObjectProperty<TierRule> ruleProperty() { return rule; }
    public StringProperty expiryMonthsProperty() { return expiryMonths; }
    public StringProperty errorProperty() { return error; }
    public StringProperty statusProperty() { return status; }
    public ObservableList<Reward> rewards() { return rewards; }
    public StringProperty currencyProperty() { return currency; }
    public BooleanProperty birthdayAutoProperty() { return birthdayAuto; }
    public StringProperty birthdayAmountProperty() { return birthdayAmount; }
    public StringProperty birthdayDaysProperty() { return birthdayDays; }

    /** A threshold or a customer's basis as the rule counts it: money for spend, whole points for points. */
    public String basisText(BigDecimal value) {
        if (value == null) {
            return "";
        }
        return rule.get() == TierRule.POINTS_12_MONTHS ? formats.integer(value.longValue()) : moneyText(value);
    }

    /** An amount in the shop's currency as loaded with the page (no store read on the FX thread). */
    public String moneyText(BigDecimal value) {
        return formats.money(value, loadedCurrency != null ? java.util.Currency.getInstance(loadedCurrency)
                : MembershipSettings.defaultCurrency(messages.locale()));
    }

    /** Issues the birthday coupons due now (consenting customers, configured days ahead). */
    public void issueBirthdayCoupons() {
        runner.run(() -> service.issueBirthdayCoupons(service.today()),
                n -> status.set(messages.get("membership.members.birthdayIssued", n)), t -> error.set(messages.describe(t)));
    }

    public void addReward(String name, String cost) {
        int points;
        try {
            points = Integer.parseInt(cost == null ? "" : cost.strip());
        } catch (NumberFormatException e) {
            error.set(messages.get("membership.error.rewardCost"));
            return;
        }
        runner.run(() -> service.saveReward(new Reward(null, name, points, true)), r -> {
            error.set("");
            status.set(messages.get("membership.rewards.added", r.name()));
            load();
        }, t -> error.set(messages.describe(t)));
    }

    public void toggleReward(Reward r) {
        if (r == null) {
            return;
        }
        runner.run(() -> service.saveReward(new Reward(r.id(), r.name(), r.costPoints(), !r.active())), x -> load(),
                t -> error.set(messages.describe(t)));
    }

    private record Loaded(List<TierSummary> summary, List<MemberRow> close, List<MemberRow> drop, List<MemberRow> expiring,
                          TierRule rule, int expiryMonths, List<Reward> rewards, String currency,
                          boolean birthdayAuto, BigDecimal birthdayAmount, int birthdayDays) {
    }

    public void load() {
        runner.run(() -> new Loaded(service.tierSummary(), service.closeToNextTier(), service.aboutToDrop(), service.pointsExpiringSoon(),
                service.settings().rule(), service.settings().expiryMonths(), service.rewards(false),
                service.settings().currency().getCurrencyCode(), service.settings().birthdayCouponsAutomatic(),
                service.settings().birthdayCouponAmount(), service.settings().birthdayDaysAhead()), l -> {
            summary.setAll(l.summary());
            closeToNext.setAll(l.close());
            aboutToDrop.setAll(l.drop());
            expiring.setAll(l.expiring());
            rule.set(l.rule());
            expiryMonths.set(Integer.toString(l.expiryMonths()));
            rewards.setAll(l.rewards());
            currency.set(l.currency());
            loadedCurrency = l.currency();
            birthdayAuto.set(l.birthdayAuto());
            birthdayAmount.set(l.birthdayAmount().toPlainString());
            birthdayDays.set(Integer.toString(l.birthdayDays()));
            editedTiers.setAll(l.summary().stream().map(TierSummary::tier).toList());
        }, t -> error.set(messages.describe(t)));
    }

    /** Re-evaluates every customer now, then reloads. */
    public void evaluate() {
        runner.run(service::evaluateAll, n -> {
            status.set(messages.get("membership.members.evaluated", n));
            load();
        }, t -> error.set(messages.describe(t)));
    }

    // ---- tier settings ----

    public void addTier() {
        Tier last = editedTiers.isEmpty() ? null : editedTiers.getLast();
        BigDecimal threshold = last == null ? BigDecimal.ZERO : last.threshold().multiply(BigDecimal.TWO).max(BigDecimal.ONE);
        editedTiers.add(new Tier(null, messages.get("membership.settings.newTier"), null, editedTiers.size(), threshold,
                BigDecimal.ONE, BigDecimal.ZERO, null, "#6b8e23"));
    }

    public void removeTier(int index) {
        if (index >= 0 && index < editedTiers.size()) {
            editedTiers.remove(index);
        }
    }

    public void move(int index, int delta) {
        int to = index + delta;
        if (index < 0 || to < 0 || index >= editedTiers.size() || to >= editedTiers.size()) {
            return;
        }
        Tier t = editedTiers.remove(index);
        editedTiers.add(to, t);
    }

    /** Replaces row {@code index} after the user typed in it (texts parsed here; bad numbers become a message). */
    public boolean update(int index, String name, String threshold, String rate, String discount, String colour, String benefits) {
        Tier t = editedTiers.get(index);
        try {
            BigDecimal th = number(threshold, name);
            BigDecimal r = number(rate, name);
            BigDecimal d = number(discount, name);
            String newName = name == null ? "" : name.strip();
            String keptKey = t.nameKey() != null && newName.equals(t.displayName(messages)) ? t.nameKey() : null;
            editedTiers.set(index, new Tier(t.id(), keptKey != null ? t.name() : newName, keptKey, index, th, r, d, benefits, colour));
            return true;
        } catch (UserException e) {
            error.set(e.localizedMessage(messages));
            return false;
        }
    }

    private static BigDecimal number(String text, String name) {
        try {
            return new BigDecimal(text == null ? "" : text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UserException("membership.settings.notNumber", text == null ? "" : text.strip(), name);
        }
    }

    /** Saves rule, expiry, currency, birthday coupons and tiers; everyone is re-evaluated. {@code done} runs after a successful save. */
    public void saveSettings(Runnable done) {
        List<Tier> tiers = new ArrayList<>(editedTiers);
        TierRule r = rule.get();
        int months;
        try {
            months = Integer.parseInt(expiryMonths.get().strip());
        } catch (NumberFormatException e) {
            error.set(messages.get("membership.error.expiryMonths"));
            return;
        }
        String code = currency.get() == null ? "" : currency.get().strip().toUpperCase(java.util.Locale.ROOT);
        java.util.Currency cur;
        try {
            cur = java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            error.set(messages.get("membership.error.currency", code));
            return;
        }
        BigDecimal couponValue;
        int couponDays;
        try {
            couponValue = MembershipService.parseAmount(birthdayAmount.get());
            couponDays = Integer.parseInt(birthdayDays.get() == null ? "" : birthdayDays.get().strip());
        } catch (UserException e) {
            error.set(e.localizedMessage(messages));
            return;
        } catch (NumberFormatException e) {
            error.set(messages.get("membership.error.birthdayDays", 60));
            return;
        }
        boolean auto = birthdayAuto.get();
        runner.run(() -> {
            TierRules.validate(tiers);
            service.settings().setBirthdayDaysAhead(couponDays);
            service.settings().setBirthdayCouponAmount(couponValue);
            service.settings().setBirthdayCouponsAutomatic(auto);
            service.settings().setCurrency(cur);
            service.settings().setExpiryMonths(months);
            service.settings().setRule(r);
            return service.saveTiers(tiers);
        }, saved -> {
            error.set("");
            status.set(messages.get("membership.settings.saved"));
            load();
            done.run();
        }, t -> error.set(messages.describe(t)));
    }

    // ---- export ----

    public Table table(Watch w) {
        List<List<Object>> rows = new ArrayList<>();
        boolean exp = w == Watch.EXPIRING;
        for (MemberRow r : list(w)) {
            rows.add(exp ? List.of(r.code(), r.name(), r.tier().displayName(messages), r.points(), formats.date(r.date()))
                    : List.of(r.code(), r.name(), r.tier().displayName(messages), r.basis(), r.threshold()));
        }
        List<Table.Column> cols = exp
                ? List.of(Table.Column.text(messages.get("membership.export.code"), 1), Table.Column.text(messages.get("membership.export.name"), 2),
                        Table.Column.text(messages.get("membership.members.tier"), 1), Table.Column.number(messages.get("membership.column.points"), 1),
                        Table.Column.text(messages.get("membership.members.from"), 1))
                : List.of(Table.Column.text(messages.get("membership.export.code"), 1), Table.Column.text(messages.get("membership.export.name"), 2),
                        Table.Column.text(messages.get("membership.members.tier"), 1), Table.Column.number(messages.get("membership.members.basis"), 1),
                        Table.Column.number(messages.get("membership.members.threshold"), 1));
        return new Table(messages.get("membership.members.list." + w.name()), formats.date(service.today()), cols, rows, false);
    }
}
