package app.regulars.customer;

import java.util.List;

/**
 * A field the shop defines for its customers (decision 0027): its name in the shop's own
 * language, unique ignoring case; its kind; a choice's options in order; and whether the customer
 * list shows it as a column when it opens. {@code id} is null until saved.
 */
public record CustomField(Long id, String name, FieldKind kind, List<String> options, boolean inList) {
    public static final int MAX_NAME = 60;
    public static final int MAX_OPTIONS = 50;
    public static final int MAX_OPTION = 60;

    public CustomField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** {@code typed} in this field's stored form (null when blank), or a {@code UserException} naming the field. */
    public String read(String typed) {
        return kind.read(typed, name, options);
    }

    /** The name as compared for uniqueness and matched against a file's column header. */
    public String key() {
        return CustomFields.key(name);
    }

    public CustomField withId(long newId) {
        return new CustomField(newId, name, kind, options, inList);
    }
}
