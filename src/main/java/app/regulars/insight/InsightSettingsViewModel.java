package app.regulars.insight;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The insights' rules and targets as a form: one text field per setting of
 * {@link InsightSettings}, in its order, each labelled {@code insight.settings.<name>}.
 * Saved all at once, after every field reads as a number and the whole is consistent.
 */
public final class InsightSettingsViewModel {
    /** One setting: its name (the record component's), its label, and the text in its field. */
    public record Field(String name, String label, boolean whole, StringProperty text) {
    }

    private static final RecordComponent[] COMPONENTS = InsightSettings.class.getRecordComponents();

    private final Settings settings;
    private final TaskRunner runner;
    private final Messages messages;
    private final List<Field> fields = new ArrayList<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public InsightSettingsViewModel(Settings settings, TaskRunner runner, Messages messages) {
        this.settings = settings;
        this.runner = runner;
        this.messages = messages;
        for (RecordComponent c : COMPONENTS) {
            fields.add(new Field(c.getName(), messages.get("insight.settings." + c.getName()), c.getType() == int.class,
                    new SimpleStringProperty("")));
        }
    }

    public List<Field> fields() {
        return fields;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Fills the fields from the stored settings (read in the background). */
    public void load() {
        runner.run(() -> InsightSettings.load(settings), this::show, e -> error.set(messages.describe(e)));
    }

    /** Puts the documented defaults in the fields (not saved until {@link #save}). */
    public void defaults() {
        show(InsightSettings.DEFAULTS);
        error.set("");
    }

    private void show(InsightSettings s) {
        for (int i = 0; i < COMPONENTS.length; i++) {
            Object v;
            try {
                v = COMPONENTS[i].getAccessor().invoke(s);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            fields.get(i).text().set(v instanceof Double d ? number(d) : String.valueOf(v));
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The settings the fields say, or null with the reason in {@link #errorProperty()}. */
    InsightSettings read() {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Field f = fields.get(i);
            String text = f.text().get() == null ? "" : f.text().get().strip().replace(',', '.');
            try {
                if (f.whole()) {
                    values[i] = Integer.parseInt(text); // not in a ?: with a double: that would widen it
                } else {
                    double d = Double.parseDouble(text);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException(text);
                    }
                    values[i] = d;
                }
            } catch (NumberFormatException e) {
                error.set(messages.get("insight.settings.notANumber", f.label(), f.text().get()));
                return null;
            }
        }
        try {
            Constructor<InsightSettings> make = InsightSettings.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return make.newInstance(values);
        } catch (InvocationTargetException e) {
            error.set(messages.get("insight.settings.inconsistent"));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves when every field is right; {@code done} runs after the save. */
    public void save(Runnable done) {
        InsightSettings s = read();
        if (s == null) {
            return;
        }
        error.set("");
        runner.run(() -> {
            s.save(settings);
            return null;
        }, ok -> done.run(), e -> error.set(messages.describe(e)));
    }

    /** Which group a setting belongs to in the form. */
    public static String group(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("target")) {
            return "targets";
        }
        if (n.contains("new") || n.contains("mature") || n.contains("declining") || n.contains("churned")) {
            return "lifecycle";
        }
        return "model";
    }
}
