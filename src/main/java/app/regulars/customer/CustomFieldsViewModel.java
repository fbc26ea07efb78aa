package app.regulars.customer;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The custom fields dialog (decision 0027): the fields in order; add, change (name, options, list
 * column), move and remove them, each a save of its own. {@code changed} runs after each, so that
 * the list, the editor and the profile follow.
 */
public final class CustomFieldsViewModel {
    private final CustomerService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final Runnable changed;
    private final ObservableList<CustomField> fields = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public CustomFieldsViewModel(CustomerService service, TaskRunner runner, Messages messages, Runnable changed) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.changed = changed;
    }

    /** Reads the fields, the last dialog's messages cleared: as the dialog opens. */
    public void open() {
        status.set("");
        error.set("");
        load();
    }

    /** Reads the fields. */
    public void load() {
        runner.run(service::customFields, f -> fields.setAll(f.all()), e -> error.set(messages.describe(e)));
    }

    /**
     * Saves a new field (id null) or a changed one from what the form holds; {@code options}: one a
     * line. {@code done} gets the saved field; {@code failed} the reason, in the user's language.
     */
    public void save(Long id, String name, FieldKind kind, String options, boolean inList, Consumer<CustomField> done,
                     Consumer<String> failed) {
        List<String> lines = options == null ? List.of() : List.of(options.split("\\R"));
        CustomField f = new CustomField(id, name, kind, lines, inList);
        runner.run(() -> service.saveField(f), saved -> {
            status.set(messages.get(id == null ? "customer.custom.added" : "customer.custom.saved", saved.name()));
            error.set("");
            afterChange();
            done.accept(saved);
        }, e -> failed.accept(messages.describe(e)));
    }

    /** Moves a field up ({@code -1}) or down ({@code 1}). */
    public void move(CustomField f, int by) {
        int at = fields.indexOf(f);
        int to = at + by;
        if (at < 0 || to < 0 || to >= fields.size()) {
            return;
        }
        List<Long> order = new ArrayList<>(fields.stream().map(CustomField::id).toList());
        order.add(to, order.remove(at));
        runner.run(() -> service.reorderFields(order), all -> {
            fields.setAll(all.all());
            changed.run();
        }, e -> error.set(messages.describe(e)));
    }

    /** How many customers have a value of the field (what removing it deletes), then {@code then}. */
    public void countValues(CustomField f, IntConsumer then) {
        runner.run(() -> service.valuesOf(f.id()), then::accept, e -> error.set(messages.describe(e)));
    }

    /** Removes a field and its values (the view asked first). */
    public void remove(CustomField f) {
        runner.run(() -> service.removeField(f.id()), n -> {
            status.set(messages.get("customer.custom.removed", f.name(), n));
            error.set("");
            afterChange();
        }, e -> error.set(messages.describe(e)));
    }

    private void afterChange() {
        load();
        changed.run();
    }

    /** A field's kind as people read it. */
    public String kindText(FieldKind kind) {
        return messages.get("customer.custom.kind." + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** What the list says about a field: its kind, a choice's options, whether it is a list column. */
    public String describe(CustomField f) {
        StringBuilder sb = new StringBuilder(kindText(f.kind()));
        if (f.kind() == FieldKind.CHOICE) {
            sb.append(": ").append(String.join(messages.get("common.listSeparator"), f.options()));
        }
        if (f.inList()) {
            sb.append(" · ").append(messages.get("customer.custom.inListShort"));
        }
        return sb.toString();
    }

    public ObservableList<CustomField> fields() { return fields; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
