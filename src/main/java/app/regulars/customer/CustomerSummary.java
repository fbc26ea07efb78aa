package app.regulars.customer;

import java.util.List;

/**
 * One row of the customer list: what the table shows, loaded a page at a time; {@code fields}: the
 * custom fields' values by field id, from the same page's one query.
 */
public record CustomerSummary(long id, String code, String name, String primaryPhone, String email,
                              String company, List<String> tags, Birthday birthday, boolean archived,
                              java.util.Map<Long, FieldValue> fields) {
    public CustomerSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null ? java.util.Map.of() : java.util.Map.copyOf(fields);
    }

    public CustomerSummary(long id, String code, String name, String primaryPhone, String email,
                           String company, List<String> tags, Birthday birthday, boolean archived) {
        this(id, code, name, primaryPhone, email, company, tags, birthday, archived, java.util.Map.of());
    }
}
