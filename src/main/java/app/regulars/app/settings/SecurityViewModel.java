package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.store.Encryption;
import app.regulars.store.Password;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The password section of Settings (docs/decisions/0022-encryption.md): whether the data is
 * protected, and setting, changing or removing the password. The change itself runs on the closed
 * data folder, which the window does ({@link AppContext#changeProtection}: close, change, reopen).
 */
public final class SecurityViewModel {
    private final AppContext context;
    private final Messages messages;
    private final ReadOnlyBooleanWrapper encrypted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public SecurityViewModel(AppContext context, Messages messages) {
        this.context = context;
        this.messages = messages;
        encrypted.set(context.database().encrypted());
        status.set(messages.get(encrypted.get() ? "security.on" : "security.off"));
    }

    public ReadOnlyBooleanProperty encryptedProperty() {
        return encrypted.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Protects the data and its backups with {@code password}. */
    public void protect(Password password) {
        status.set(messages.get("security.working"));
        context.changeProtection(dir -> {
            Encryption.encrypt(dir, password, f -> { });
            return password;
        });
    }

    /** Changes the password from {@code current} to {@code next}. */
    public void change(Password current, Password next) {
        status.set(messages.get("security.working"));
        context.changeProtection(dir -> {
            Encryption.changePassword(dir, current, next, f -> { });
            return next;
        });
    }

    /** Removes the password ({@code current} must be it). */
    public void remove(Password current) {
        status.set(messages.get("security.working"));
        context.changeProtection(dir -> {
            Encryption.decrypt(dir, current, f -> { });
            return Password.NONE;
        });
    }
}
