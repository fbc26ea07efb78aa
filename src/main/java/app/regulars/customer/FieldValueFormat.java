package app.regulars.customer;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A custom field's value as people read it, in the user's language: {@code 1,234.5}, {@code Nov 23, 2026}, {@code Yes}. */
public final class FieldValueFormat {
    private final Messages messages;
    private final Formats formats;

    public FieldValueFormat(Messages messages) {
        this.messages = messages;
        this.formats = new Formats(messages);
    }

    public String text(FieldValue v) {
        if (v == null) {
            return "";
        }
        return switch (v.kind()) {
            case NUMBER -> {
                java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(messages.locale());
                f.setMaximumFractionDigits(FieldKind.MAX_FRACTION_DIGITS);
                yield f.format(new BigDecimal(v.text()));
            }
            case DATE -> formats.date(LocalDate.parse(v.text()));
            case YES_NO -> messages.get(Boolean.parseBoolean(v.text()) ? "common.yes" : "common.no");
            default -> v.text();
        };
    }

    /** The value as a privacy export's JSON file holds it: a number, a date, true or false, or the text. */
    public static Object typed(FieldValue v) {
        return switch (v.kind()) {
            case NUMBER -> new BigDecimal(v.text());
            case DATE -> LocalDate.parse(v.text());
            case YES_NO -> Boolean.parseBoolean(v.text());
            default -> v.text();
        };
    }
}
