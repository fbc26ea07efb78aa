package app.regulars.customer;

import java.util.Objects;

/**
 * A customer's value of a custom field: the field's kind and the value in that kind's stored form
 * ({@link FieldKind#read}); before a save, the text as typed.
 */
public record FieldValue(FieldKind kind, String text) {
    public FieldValue {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(text);
    }
}
