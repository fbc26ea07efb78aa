package app.regulars.customer;

import java.util.Objects;
import java.util.Set;

/**
 * The customers whose value of a custom field matches (decision 0027): a text that contains some
 * words, a choice or a yes/no that equals one, a number or a date within a range. Chosen in the
 * list's "Filter by a field" dialog; it then sits in the filter box like the other features' filters.
 */
public final class FieldFilter implements ListFilter {
    private final CustomerService service;
    private final CustomField field;
    private final String text;
    private final String from;
    private final String to;
    private final String label;

    /** {@code text}, {@code from}, {@code to}: stored forms ({@link FieldKind#read}); {@code label}: what the filter box shows. */
    public FieldFilter(CustomerService service, CustomField field, String text, String from, String to, String label) {
        this.service = Objects.requireNonNull(service);
        this.field = Objects.requireNonNull(field);
        this.text = text;
        this.from = from;
        this.to = to;
        this.label = label;
    }

    @Override
    public String id() {
        return "customer.field." + field.id() + "\u001f" + text + "\u001f" + from + "\u001f" + to;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Set<Long> customerIds() {
        return service.withValue(field, text, from, to);
    }

    public CustomField field() {
        return field;
    }
}
