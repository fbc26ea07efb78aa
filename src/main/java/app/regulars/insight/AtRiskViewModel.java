package app.regulars.insight;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * The "Customers at risk" panel: the list (the most valuable first, each with its reason and
 * stage), a tick per customer and "select all", and the win-back plan (owner, due date,
 * optional coupon amount) with the result of the last run in one line. Everything reads and
 * writes in the background; the panel shows text ready to display.
 */
public final class AtRiskViewModel {
    /**
     * One customer as the table shows them, with the tick the user sets. The value and the
     * reason are made into text when first shown, not for every row at once: a 100,000-customer
     * shop has some 23,000 customers at risk, whose texts took about 4 MB.
     */
    public static final class Row {
        private final AtRiskCustomer customer;
        private final Texts texts;
        private String value;
        private String reason;
        private final BooleanProperty chosen = new SimpleBooleanProperty();

        Row(AtRiskCustomer customer, Texts texts) {
            this.customer = customer;
            this.texts = texts;
        }

        public AtRiskCustomer customer() { return customer; }
        public String name() { return customer.name(); }
        public String code() { return customer.code(); }

        public String value() {
            if (value == null) {
                value = texts.formats.money(customer.valueAtRisk(), texts.currency);
            }
            return value;
        }

        public String reason() {
            if (reason == null) {
                reason = customer.reason().text(texts.messages);
            }
            return reason;
        }

        public String stage() { return texts.messages.get(customer.lifecycle().key()); }
        public BooleanProperty chosenProperty() { return chosen; }
    }

    /** What the rows of one list are written with. */
    private record Texts(Formats formats, Messages messages, Currency currency) {
    }

    private final WinbackService winback;
    private final MembershipService membership;
    private final TaskRunner runner;
    private final Messages messages;
    private final Formats formats;
    private final Runnable planned;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty owner = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> due = new SimpleObjectProperty<>();
    private final StringProperty coupon = new SimpleStringProperty("");
    private final BooleanProperty autoPlan = new SimpleBooleanProperty(true);
    private final ReadOnlyIntegerWrapper chosenCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dueError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper couponError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ChangeListener<Boolean> onTick = (obs, o, n) -> countChosen();
    private LocalDate today;
    private boolean loadingAuto;
    private int request;

    /** {@code planned}: run after win-backs were planned (the window reloads what shows follow-ups). */
    public AtRiskViewModel(WinbackService winback, MembershipService membership, TaskRunner runner, Messages messages, Runnable planned) {
        this.winback = winback;
        this.membership = membership;
        this.runner = runner;
        this.messages = messages;
        this.formats = new Formats(messages);
        this.planned = planned == null ? () -> { } : planned;
        due.addListener((obs, o, n) -> dueError.set(""));
        coupon.addListener((obs, o, n) -> couponError.set(""));
        autoPlan.addListener((obs, o, n) -> {
            if (!loadingAuto && n != null) {
                runner.run(() -> {
                    winback.setAutoPlan(n);
                    return n;
                }, x -> { }, e -> error.set(messages.describe(e)));
            }
        });
    }

    public ObservableList<Row> rows() { return rows; }
    public StringProperty ownerProperty() { return owner; }
    public ObjectProperty<LocalDate> dueProperty() { return due; }
    public StringProperty couponProperty() { return coupon; }
    /** Plan a win-back each morning for customers newly at risk (a setting, saved when changed). */
    public BooleanProperty autoPlanProperty() { return autoPlan; }
    public ReadOnlyIntegerProperty chosenCountProperty() { return chosenCount.getReadOnlyProperty(); }
    /** "12 customers at risk, ¥3,456.00 at stake". */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** Why the list is empty, or what value at risk rests on when the model cannot be fitted; empty otherwise. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    /** What the last "Plan win-back" did. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyStringProperty dueErrorProperty() { return dueError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty couponErrorProperty() { return couponError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    private record Loaded(AtRiskList list, Currency currency, boolean autoPlan) {
    }

    /** Reads today's list on the background lane (it needs the insights' snapshot). */
    public void load() {
        int id = ++request;
        busy.set(true);
        runner.runInBackground(() -> new Loaded(winback.atRisk(winback.today()), membership.settings().currency(), winback.autoPlan()), r -> {
            if (id != request) {
                return;
            }
            busy.set(false);
            error.set("");
            show(r);
        }, e -> {
            if (id == request) {
                busy.set(false);
                error.set(messages.describe(e));
            }
        });
    }

    private void show(Loaded r) {
        AtRiskList list = r.list();
        today = list.asOf();
        if (due.get() == null || due.get().isBefore(today)) {
            due.set(today);
        }
        loadingAuto = true;
        autoPlan.set(r.autoPlan());
        loadingAuto = false;
        rows.forEach(row -> row.chosenProperty().removeListener(onTick));
        Texts texts = new Texts(formats, messages, r.currency());
        List<Row> shown = list.customers().stream().map(c -> new Row(c, texts)).toList();
        shown.forEach(row -> row.chosenProperty().addListener(onTick));
        rows.setAll(shown);
        countChosen();
        BigDecimal total = list.customers().stream().map(AtRiskCustomer::valueAtRisk).reduce(BigDecimal.ZERO, BigDecimal::add);
        summary.set(messages.get("insight.atRisk.count", list.customers().size(), formats.money(total, r.currency())));
        if (list.customers().isEmpty()) {
            note.set(messages.get(list.buyers() == 0 ? "insight.atRisk.noPurchases" : "insight.atRisk.none"));
        } else {
            note.set(list.modelFitted() ? "" : messages.get("insight.atRisk.bySpend"));
        }
    }

    private void countChosen() {
        chosenCount.set((int) rows.stream().filter(row -> row.chosenProperty().get()).count());
    }

    /** Ticks every customer in the list, or none. */
    public void selectAll(boolean all) {
        rows.forEach(row -> row.chosenProperty().set(all));
    }

    /**
     * Plans win-backs for the ticked customers: a wrong due date or coupon amount is an error
     * under its field, and nothing is planned.
     */
    public void plan() {
        List<AtRiskCustomer> chosen = rows.stream().filter(r -> r.chosenProperty().get()).map(Row::customer).toList();
        if (chosen.isEmpty()) {
            result.set(messages.get("insight.atRisk.nothingSelected"));
            return;
        }
        LocalDate day = due.get();
        if (day == null) {
            dueError.set(messages.get("insight.atRisk.badDue"));
            return;
        }
        if (today != null && day.isBefore(today)) {
            dueError.set(messages.get("insight.atRisk.dueBeforeToday"));
            return;
        }
        BigDecimal amount = null;
        String text = coupon.get() == null ? "" : coupon.get().strip();
        if (!text.isEmpty()) {
            try {
                amount = new BigDecimal(text.replace('，', '.').replace(',', '.'));
            } catch (NumberFormatException e) {
                amount = BigDecimal.ZERO;
            }
            if (amount.signum() <= 0) {
                couponError.set(messages.get("insight.atRisk.badCoupon"));
                return;
            }
        }
        WinbackPlan plan = new WinbackPlan(owner.get(), day, amount, WinbackPlan.DEFAULT_COUPON_DAYS);
        busy.set(true);
        runner.run(() -> winback.plan(chosen, plan, messages), r -> {
            busy.set(false);
            error.set("");
            result.set(r.summary(messages));
            selectAll(false);
            if (r.planned() > 0) {
                planned.run();
            }
        }, e -> {
            busy.set(false);
            error.set(messages.describe(e));
        });
    }
}
