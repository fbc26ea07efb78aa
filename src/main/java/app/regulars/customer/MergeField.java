package app.regulars.customer;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The fields of a profile a merge takes from one of the customers, chosen field by field
 * (decision 0025). Phones and tags are not among them: a merge unites them; nor the card number
 * (the kept customer's) and the date since when they are a customer (the earliest).
 */
public enum MergeField {
    NAME("customer.field.name", Customer::name, (b, c) -> b.name(c.name())),
    GENDER("customer.field.gender", Customer::gender, (b, c) -> b.gender(c.gender())),
    BIRTHDAY("customer.field.birthday", Customer::birthday, (b, c) -> b.birthday(c.birthday())),
    EMAIL("customer.field.email", Customer::email, (b, c) -> b.email(c.email())),
    WECHAT("customer.field.wechat", Customer::wechat, (b, c) -> b.wechat(c.wechat())),
    ADDRESS("customer.field.address", Customer::address, (b, c) -> b.address(c.address())),
    COMPANY("customer.field.company", Customer::company, (b, c) -> b.company(c.company())),
    JOB_TITLE("customer.field.jobTitle", Customer::jobTitle, (b, c) -> b.jobTitle(c.jobTitle())),
    SOURCE("customer.field.source", Customer::source, (b, c) -> b.source(c.source())),
    NOTES("customer.field.notes", Customer::notes, (b, c) -> b.notes(c.notes())),
    PREFERENCES("customer.field.preferences", Customer::preferences, (b, c) -> b.preferences(c.preferences())),
    CONSENT("customer.field.consent", Customer::consent, (b, c) -> b.consent(c.consent()));

    private final String labelKey;
    private final Function<Customer, Object> value;
    private final BiFunction<Customer.Builder, Customer, Customer.Builder> take;

    MergeField(String labelKey, Function<Customer, Object> value, BiFunction<Customer.Builder, Customer, Customer.Builder> take) {
        this.labelKey = labelKey;
        this.value = value;
        this.take = take;
    }

    /** The bundle key of its label. */
    public String labelKey() {
        return labelKey;
    }

    /** The customer's value of this field; null when they have none (an empty text, no consent). */
    public Object valueOf(Customer c) {
        Object v = value.apply(c);
        if (v instanceof String s && s.isBlank() || v instanceof Consent consent && consent.equals(Consent.NONE)) {
            return null;
        }
        return v;
    }

    /** Whether the two customers' values differ (one empty and the other not counts). */
    public boolean differs(Customer a, Customer b) {
        Object x = valueOf(a);
        Object y = valueOf(b);
        if (this == EMAIL && x != null && y != null) {
            return !x.toString().equalsIgnoreCase(y.toString());
        }
        return !Objects.equals(x, y);
    }

    /** {@code into} with this field of {@code from}. */
    Customer.Builder take(Customer.Builder into, Customer from) {
        return take.apply(into, from);
    }
}
