package app.regulars.customer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of the customer list. Created empty for an id and filled when its page arrives,
 * so the table shows 100,000 customers while only the visible pages are ever loaded.
 */
public final class CustomerRow {
    private final long id;
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phone = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper email = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper company = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tags = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper birthday = new ReadOnlyStringWrapper("");
    /** The texts of the columns other features add ({@link ListColumn}), in their order. */
    private final java.util.List<ReadOnlyStringWrapper> extras = new java.util.ArrayList<>();

    public CustomerRow(long id) {
        this.id = id;
    }

    void fill(CustomerSummary s, String formattedPhone, String formattedBirthday) {
        code.set(s.code());
        name.set(s.name());
        phone.set(formattedPhone);
        email.set(s.email() == null ? "" : s.email());
        company.set(s.company() == null ? "" : s.company());
        tags.set(String.join(", ", s.tags()));
        birthday.set(formattedBirthday);
        loaded.set(true);
    }

    /** The text of the {@code i}-th contributed column. */
    void fillExtra(int i, String text) {
        extraWrapper(i).set(text);
    }

    private ReadOnlyStringWrapper extraWrapper(int i) {
        while (extras.size() <= i) {
            extras.add(new ReadOnlyStringWrapper(""));
        }
        return extras.get(i);
    }

    /** The text of the {@code i}-th contributed column. */
    public ReadOnlyStringProperty extraProperty(int i) {
        return extraWrapper(i).getReadOnlyProperty();
    }

    public long id() {
        return id;
    }

    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }
    public ReadOnlyStringProperty codeProperty() { return code.getReadOnlyProperty(); }
    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public ReadOnlyStringProperty phoneProperty() { return phone.getReadOnlyProperty(); }
    public ReadOnlyStringProperty emailProperty() { return email.getReadOnlyProperty(); }
    public ReadOnlyStringProperty companyProperty() { return company.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tagsProperty() { return tags.getReadOnlyProperty(); }
    public ReadOnlyStringProperty birthdayProperty() { return birthday.getReadOnlyProperty(); }
}
