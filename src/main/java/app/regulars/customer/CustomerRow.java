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
    /** The texts of the custom fields' columns, by field id (decision 0027). */
    private final java.util.Map<Long, ReadOnlyStringWrapper> custom = new java.util.HashMap<>();

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

    /** The custom fields' texts, by field id; a field left out is empty. */
    void fillCustom(java.util.Map<Long, String> texts) {
        custom.forEach((id, w) -> w.set(texts.getOrDefault(id, "")));
        texts.forEach((id, text) -> customWrapper(id).set(text));
    }

    private ReadOnlyStringWrapper customWrapper(long fieldId) {
        return custom.computeIfAbsent(fieldId, k -> new ReadOnlyStringWrapper(""));
    }

    /** The text of the custom field {@code fieldId}'s column. */
    public ReadOnlyStringProperty customProperty(long fieldId) {
        return customWrapper(fieldId).getReadOnlyProperty();
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
