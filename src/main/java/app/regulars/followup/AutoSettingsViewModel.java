package app.regulars.followup;

import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Consumer;

/** The settings of the automatic follow-ups, and "save and generate now". */
public final class AutoSettingsViewModel {
    private final AutoFollowUps auto;
    private final Settings settings;
    private final TaskRunner runner;
    private final Messages messages;

    private final StringProperty birthdayDays = new SimpleStringProperty();
    private final StringProperty holidayDays = new SimpleStringProperty();
    private final StringProperty horizonDays = new SimpleStringProperty();
    private final StringProperty defaultCadence = new SimpleStringProperty();
    private final StringProperty rules = new SimpleStringProperty();
    private final javafx.beans.property.BooleanProperty purchaseCounts = new javafx.beans.property.SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public AutoSettingsViewModel(AutoFollowUps auto, Settings settings, TaskRunner runner, Messages messages) {
        this.auto = auto;
        this.settings = settings;
        this.runner = runner;
        this.messages = messages;
    }

    /** Days before a birthday that its greeting is due. */
    public StringProperty birthdayDaysProperty() {
        return birthdayDays;
    }

    /** Days before a holiday that its greetings are due. */
    public StringProperty holidayDaysProperty() {
        return holidayDays;
    }

    /** How many days ahead follow-ups are generated. */
    public StringProperty horizonDaysProperty() {
        return horizonDays;
    }

    /** Days between check-ins for customers no rule picks. */
    public StringProperty defaultCadenceProperty() {
        return defaultCadence;
    }

    /** The cadence rules, as {@code tier:Gold=30;tag:VIP=14}. */
    public StringProperty rulesProperty() {
        return rules;
    }

    /** Whether a purchase in the shop counts as a contact (restarts the cadence). */
    public javafx.beans.property.BooleanProperty purchaseCountsProperty() {
        return purchaseCounts;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void load() {
        birthdayDays.set(settings.get(AutoFollowUps.BIRTHDAY_DAYS).orElse("7"));
        holidayDays.set(settings.get(AutoFollowUps.HOLIDAY_DAYS).orElse("7"));
        horizonDays.set(settings.get(AutoFollowUps.HORIZON_DAYS).orElse("14"));
        defaultCadence.set(settings.get(AutoFollowUps.CADENCE_DEFAULT).orElse("90"));
        rules.set(settings.get(AutoFollowUps.CADENCE_RULES).orElse("tier:Gold=30"));
        purchaseCounts.set(!"false".equals(settings.get(AutoFollowUps.PURCHASE_COUNTS).orElse("true")));
    }

    /** Checks the numbers, saves them and generates; {@code done} gets the result. False when a number is wrong. */
    public boolean saveAndGenerate(Consumer<AutoFollowUps.Result> done) {
        for (StringProperty p : java.util.List.of(birthdayDays, holidayDays, horizonDays, defaultCadence)) {
            try {
                int v = Integer.parseInt(p.get() == null ? "" : p.get().strip());
                if (v < 0 || v > 3650) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                message.set(messages.get("followup.auto.badNumber", p.get()));
                return false;
            }
        }
        String cleanRules = AutoFollowUps.formatRules(AutoFollowUps.parseRules(rules.get()));
        runner.run(() -> {
            settings.requireOwner(); // decision 0033
            settings.put(AutoFollowUps.BIRTHDAY_DAYS, birthdayDays.get().strip());
            settings.put(AutoFollowUps.HOLIDAY_DAYS, holidayDays.get().strip());
            settings.put(AutoFollowUps.HORIZON_DAYS, horizonDays.get().strip());
            settings.put(AutoFollowUps.CADENCE_DEFAULT, defaultCadence.get().strip());
            settings.put(AutoFollowUps.CADENCE_RULES, cleanRules);
            settings.put(AutoFollowUps.PURCHASE_COUNTS, String.valueOf(purchaseCounts.get()));
            return auto.generate(messages);
        }, r -> {
            rules.set(cleanRules);
            message.set(messages.get("cli.followups.generated", r.total(), r.birthdays(), r.holidays(), r.checkIns()));
            done.accept(r);
        }, t -> message.set(messages.describe(t)));
        return true;
    }
}
