package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.LocalDate;

/**
 * The editor's input of one custom field (decision 0027): the text of a text or number field, the
 * option of a choice, the date of a date field, the tick of a yes/no; and the problem with it after
 * a failed save, in the user's language.
 */
public final class CustomFieldInput {
    private final CustomField field;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<String> choice = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final BooleanProperty yes = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    CustomFieldInput(CustomField field, FieldValue stored) {
        this.field = field;
        String v = stored == null ? null : stored.text();
        switch (field.kind()) {
            case TEXT, NUMBER -> text.set(v == null ? "" : v);
            case CHOICE -> choice.set(v);
            case DATE -> date.set(v == null ? null : LocalDate.parse(v));
            case YES_NO -> yes.set(Boolean.parseBoolean(v));
        }
    }

    /** What the input holds, for the service to check and store; null: no value. An unticked yes/no is "no". */
    FieldValue value() {
        String v = switch (field.kind()) {
            case TEXT, NUMBER -> text.get() == null || text.get().isBlank() ? null : text.get();
            case CHOICE -> choice.get();
            case DATE -> date.get() == null ? null : date.get().toString();
            case YES_NO -> FieldKind.yesNo(yes.get());
        };
        return v == null ? null : new FieldValue(field.kind(), v);
    }

    /** Checks the input as the service will; false, and {@link #problemProperty()} says why, when it cannot be saved. */
    boolean check(Messages messages) {
        FieldValue v = value();
        try {
            if (v != null) {
                field.read(v.text());
            }
            problem.set("");
            return true;
        } catch (UserException e) {
            problem.set(e.localizedMessage(messages));
            return false;
        }
    }

    public CustomField field() { return field; }
    public StringProperty textProperty() { return text; }
    public ObjectProperty<String> choiceProperty() { return choice; }
    public ObjectProperty<LocalDate> dateProperty() { return date; }
    public BooleanProperty yesProperty() { return yes; }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
}
