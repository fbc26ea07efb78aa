package app.regulars.customer;

import java.util.List;

/** One row of the customer list: what the table shows, loaded a page at a time. */
public record CustomerSummary(long id, String code, String name, String primaryPhone, String email,
                              String company, List<String> tags, Birthday birthday, boolean archived) {
    public CustomerSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
