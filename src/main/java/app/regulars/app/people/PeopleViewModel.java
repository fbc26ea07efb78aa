package app.regulars.app.people;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.store.People;
import app.regulars.store.Person;
import app.regulars.store.Role;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The People page (decision 0033), the owner's: everyone with their role and whether they may sign
 * in; adding a person, making them owner or staff, disabling and enabling, a new PIN. Each change
 * is refused by {@link People} too for anyone but the owner, and when it would leave no active owner.
 */
public final class PeopleViewModel {
    private final People people;
    private final TaskRunner runner;
    private final Messages messages;
    private final ObservableList<Person> all = FXCollections.observableArrayList();
    private final StringProperty newName = new SimpleStringProperty("");
    private final StringProperty newPin = new SimpleStringProperty("");
    private final ObjectProperty<Role> newRole = new SimpleObjectProperty<>(Role.STAFF);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public PeopleViewModel(People people, TaskRunner runner, Messages messages) {
        this.people = people;
        this.runner = runner;
        this.messages = messages;
    }

    public ObservableList<Person> people() {
        return all;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty newPinProperty() {
        return newPin;
    }

    public ObjectProperty<Role> newRoleProperty() {
        return newRole;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the store has nobody yet: the first person added is the owner, and sign-in starts with the next start. */
    public boolean nobodyYet() {
        return all.isEmpty();
    }

    public void load() {
        runner.run(people::all, all::setAll, e -> status.set(messages.describe(e)));
    }

    public void add() {
        char[] pin = newPin.get().toCharArray();
        String name = newName.get();
        Role role = newRole.get();
        newPin.set("");
        run(() -> {
            try {
                return people.add(name, role, pin).name();
            } finally {
                Arrays.fill(pin, '\0');
            }
        }, made -> {
            newName.set("");
            return messages.get("people.added", made);
        });
    }

    public void setRole(Person p, Role role) {
        run(() -> {
            people.setRole(p.id(), role);
            return p.name();
        }, n -> messages.get("people.roleSet", n, messages.get("people.role." + role.name())));
    }

    public void setActive(Person p, boolean active) {
        run(() -> {
            people.setActive(p.id(), active);
            return p.name();
        }, n -> messages.get(active ? "people.enabled" : "people.disabled", n));
    }

    public void resetPin(Person p, String pin) {
        char[] chars = pin.toCharArray();
        run(() -> {
            try {
                people.resetPin(p.id(), chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
            return p.name();
        }, n -> messages.get("people.pinReset", n));
    }

    private void run(Callable<String> work, java.util.function.Function<String, String> said) {
        status.set("");
        runner.run(() -> {
            String done = work.call();
            return new Done(done, people.all());
        }, d -> {
            all.setAll(d.people());
            status.set(said.apply(d.name()));
        }, e -> status.set(messages.describe(e)));
    }

    private record Done(String name, List<Person> people) {
    }
}
