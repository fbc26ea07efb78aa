package app.regulars.customer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The shop's custom fields in their order (decision 0027), found by id or by name. */
public record CustomFields(List<CustomField> all) {
    public static final CustomFields NONE = new CustomFields(List.of());

    public CustomFields {
        all = List.copyOf(all);
    }

    public Optional<CustomField> byId(long id) {
        return all.stream().filter(f -> f.id() != null && f.id() == id).findFirst();
    }

    /** The field with this name, ignoring case, width and extra spaces (a file's column header). */
    public Optional<CustomField> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String k = key(name);
        return all.stream().filter(f -> f.key().equals(k)).findFirst();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** A name as compared: NFKC, lower case, spaces collapsed (what {@code custom_field.name_key} holds). */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
