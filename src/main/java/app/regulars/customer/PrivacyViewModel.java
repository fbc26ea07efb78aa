package app.regulars.customer;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.tables.TableLayout;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A profile's privacy requests (decision 0021): export the customer's data (JSON and PDF side by
 * side), erase the customer after a confirmation that says which backups still hold them, and
 * the log of requests. The work runs on the task runner; the results come back as {@code status},
 * {@code note} (what an erasure leaves, in sentences) and {@code error}.
 */
public final class PrivacyViewModel {
    private final PrivacyService privacy;

    /** Whether whoever is signed in may do what only the owner may (decision 0033): the view hides the rest. */
    public boolean owner() {
        return privacy.owner();
    }

    private final TaskRunner runner;
    private final Messages messages;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<PrivacyRequest> requests = FXCollections.observableArrayList();

    public PrivacyViewModel(PrivacyService privacy, TaskRunner runner, Messages messages) {
        this.privacy = privacy;
        this.runner = runner;
        this.messages = messages;
    }

    /** The file name the export's chooser proposes: the card number, no personal data. */
    public String fileName(Customer c) {
        return messages.get("privacy.export.fileName", c.code()) + ".json";
    }

    /** Clears what the last request said (another customer is shown). */
    public void clear() {
        status.set("");
        note.set("");
        error.set("");
    }

    /** Writes everything held about {@code c} to {@code base}.json and {@code base}.pdf (the extension of {@code base} aside). */
    public void export(Customer c, Path base) {
        clear();
        runner.run(() -> {
            CustomerExport export = privacy.export(c.id(), PrivacyRequest.Source.WINDOW, messages);
            return privacy.writeBoth(export, messages,
                    TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry()), base);
        }, files -> status.set(messages.get("privacy.export.done", files.get(0).getFileName().toString(),
                files.get(1).getFileName().toString(), files.get(0).toAbsolutePath().getParent().toString())),
                e -> error.set(messages.describe(e)));
    }

    /** Hands {@code ask} the confirmation's text for erasing {@code c}: what goes, what stays, and the backups that still hold them. */
    public void prepareErase(Customer c, Consumer<String> ask) {
        clear();
        runner.run(privacy::backupsHolding, holding -> ask.accept(messages.get("privacy.erase.text", c.name(), c.code())
                        + "\n\n" + String.join(" ", holding.lines(messages))),
                e -> error.set(messages.describe(e)));
    }

    /** Erases {@code c}; {@code erased} gets what is left of them (the card number, anonymous figures). */
    public void erase(Customer c, Consumer<Customer> erased) {
        clear();
        runner.run(() -> privacy.erase(c.id(), PrivacyRequest.Source.WINDOW), done -> {
            status.set(messages.get("privacy.erase.done", done.code()));
            note.set(String.join(" ", done.backups().lines(messages)));
            erased.accept(done.left());
        }, e -> error.set(messages.describe(e)));
    }

    /** Reads the log of requests (newest first) into {@link #requests()}. */
    public void loadRequests() {
        runner.run(privacy::requests, requests::setAll, e -> error.set(messages.describe(e)));
    }

    public ObservableList<PrivacyRequest> requests() { return requests; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** After an erasure: what still holds the customer's data (backups) and when the file is compacted. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
