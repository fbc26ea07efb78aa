package app.regulars.app.people;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.store.People;
import app.regulars.store.Person;
import app.regulars.store.Role;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The sign-in before the shell in team mode (decision 0033): a name and PIN; or, on a store with
 * nobody yet (the first start of a shared store), the owner making themself, with the PIN typed twice.
 */
public final class SignInViewModel {
    private final People people;
    private final TaskRunner runner;
    private final Messages messages;
    private final Consumer<Person> signedIn;
    private final boolean first;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty pin = new SimpleStringProperty("");
    private final StringProperty pinAgain = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /** {@code first}: nobody exists yet, the one signing in makes themself the owner. */
    public SignInViewModel(People people, boolean first, TaskRunner runner, Messages messages, Consumer<Person> signedIn) {
        this.people = people;
        this.first = first;
        this.runner = runner;
        this.messages = messages;
        this.signedIn = signedIn;
    }

    public boolean first() {
        return first;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty pinProperty() {
        return pin;
    }

    public StringProperty pinAgainProperty() {
        return pinAgain;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Signs in (or makes the owner); the PIN fields are emptied whatever happens. */
    public void signIn() {
        if (busy.get()) {
            return;
        }
        if (name.get().isBlank()) {
            problem.set(messages.get("people.error.nameNeeded"));
            return;
        }
        char[] typed = pin.get().toCharArray();
        boolean same = pin.get().equals(pinAgain.get());
        pin.set("");
        pinAgain.set("");
        if (first && !same) {
            problem.set(messages.get("people.error.pinsDiffer"));
            return;
        }
        String who = name.get();
        busy.set(true);
        problem.set("");
        runner.run(() -> {
            try {
                return first ? people.add(who, Role.OWNER, typed) : people.signIn(who, typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }, p -> {
            busy.set(false);
            signedIn.accept(p);
        }, e -> {
            busy.set(false);
            problem.set(messages.describe(e));
        });
    }
}
