package app.regulars.fx;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.util.Locale;

/**
 * The one way to make a date field: a {@link DatePicker} that shows and reads dates in the
 * app's language through {@link Formats#dateInput} and {@link Formats#parseDateInput} (Chinese
 * {@code 2026/11/23}, English {@code 11/23/2026}, ISO {@code 2026-11-23} in both), whatever the
 * machine's locale is.
 *
 * <p>Why two parts. JavaFX's own converter and chronology come from
 * {@code Locale.getDefault(Locale.Category.FORMAT)}, so the text follows the machine; each field
 * therefore gets its own converter built from the app's {@link Messages} (explicit, testable,
 * no global state involved) and the ISO chronology (a Thai or Japanese machine locale would
 * otherwise switch the calendar system under an ISO converter). The popup calendar's month and
 * weekday names, however, are read by JavaFX's internal {@code DatePickerContent.getLocale()}
 * straight from {@code Locale.getDefault(Locale.Category.FORMAT)}, with no per-control hook
 * short of copying a private skin. The app shows one language at a time, so the start-up and
 * the language switch call {@link #useAppLanguage(Locale)}, which sets that default to the
 * app's language while keeping the machine's region (first day of the week, and the paper
 * size {@link TablePrinter} derives from the region). The DISPLAY default, which picks the
 * language on first start, is left alone.
 *
 * <p>Text that is not a date keeps the previous value (the field shows it again), marks the
 * field with AtlantaFX's {@code :danger} state and says under the field what was wrong and how
 * to write a date; it never throws.
 */
public final class DateFields {
    /** The machine's FORMAT locale before the app changed it. */
    private static final Locale MACHINE_FORMAT = Locale.getDefault(Locale.Category.FORMAT);
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final String ERROR_KEY = DateFields.class.getName() + ".error";
    static final LocalDate EXAMPLE = LocalDate.of(2026, 11, 23);

    private DateFields() {
    }

    /** An empty date field in the app's language. */
    public static DatePicker create(Messages messages) {
        return create(messages, null);
    }

    /** A date field in the app's language showing {@code initial}. */
    public static DatePicker create(Messages messages, LocalDate initial) {
        DatePicker picker = new DatePicker();
        configure(picker, messages);
        picker.setValue(initial);
        return picker;
    }

    /** Makes an existing date field show and read dates in the app's language. */
    public static void configure(DatePicker picker, Messages messages) {
        Formats formats = new Formats(messages);
        picker.setChronology(IsoChronology.INSTANCE);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return formats.dateInput(date);
            }

            @Override
            public LocalDate fromString(String text) {
                try {
                    LocalDate date = formats.parseDateInput(text);
                    clearError(picker);
                    return date;
                } catch (UserException e) {
                    showError(picker, messages.describe(e));
                    return picker.getValue();
                }
            }
        });
        TextField editor = picker.getEditor();
        Tooltip hint = new Tooltip(messages.get("date.field.hint", formats.dateInput(EXAMPLE)));
        editor.setTooltip(hint);
        editor.addEventFilter(KeyEvent.KEY_TYPED, e -> clearError(picker));
        picker.valueProperty().addListener((obs, o, n) -> clearError(picker));
    }

    /** The message the field shows after text it could not read, or {@code null}. */
    public static String error(DatePicker picker) {
        Object tip = picker.getProperties().get(ERROR_KEY);
        return tip instanceof Tooltip t ? t.getText() : null;
    }

    /**
     * Lets JavaFX's popup calendars name months and weekdays in the app's language (see the class
     * comment for why this is global): language from the app, region from the machine.
     */
    public static void useAppLanguage(Locale appLocale) {
        Locale app = Messages.supported(appLocale);
        String region = MACHINE_FORMAT.getCountry().isEmpty() ? app.getCountry() : MACHINE_FORMAT.getCountry();
        Locale.setDefault(Locale.Category.FORMAT, new Locale.Builder().setLanguage(app.getLanguage()).setRegion(region).build());
    }

    private static void showError(DatePicker picker, String message) {
        clearError(picker);
        picker.pseudoClassStateChanged(DANGER, true);
        Tooltip tip = new Tooltip(message);
        tip.getStyleClass().add("date-field-error");
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        picker.getProperties().put(ERROR_KEY, tip);
        if (picker.getScene() != null && picker.getScene().getWindow() != null && picker.getScene().getWindow().isShowing()) {
            Bounds b = picker.localToScreen(picker.getBoundsInLocal());
            if (b != null) {
                tip.show(picker, b.getMinX(), b.getMaxY() + 2);
                PauseTransition hide = new PauseTransition(Duration.seconds(6));
                hide.setOnFinished(e -> tip.hide());
                hide.play();
            }
        }
    }

    private static void clearError(DatePicker picker) {
        Object old = picker.getProperties().remove(ERROR_KEY);
        if (old instanceof Tooltip t) {
            t.hide();
        }
        picker.pseudoClassStateChanged(DANGER, false);
    }
}
