package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.List;

/** Everything the shop holds about one customer, as a privacy request's export gathers it: the sections in order. */
public record CustomerExport(String code, String name, LocalDateTime exportedAt, List<DataSection> sections) {
    public CustomerExport {
        sections = List.copyOf(sections);
    }
}
