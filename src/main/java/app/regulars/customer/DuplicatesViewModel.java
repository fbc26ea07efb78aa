package app.regulars.customer;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The list of likely duplicates: finds them in the background with progress and cancel, and lets
 * the user say a pair is two people ("Not a duplicate", remembered) or merge it (the merge dialog,
 * after which the pairs of the customers merged away leave the list).
 */
public final class DuplicatesViewModel {
    private final MergeService merges;
    private final CustomerService customers;
    private final TaskRunner runner;
    private final Messages messages;
    private final ObservableList<DuplicatePair> pairs = FXCollections.observableArrayList();
    private final ObjectProperty<DuplicatePair> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper leftOut = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private AtomicBoolean cancel = new AtomicBoolean();
    private boolean found;

    public DuplicatesViewModel(MergeService merges, CustomerService customers, TaskRunner runner, Messages messages) {
        this.merges = merges;
        this.customers = customers;
        this.runner = runner;
        this.messages = messages;
    }

    /** Finds the pairs the first time the list is shown; later showings keep what was found (Find again looks again). */
    public void findOnce() {
        if (!found && !running.get()) {
            find();
        }
    }

    /** Looks for the pairs again, in the background; a search under way is left to finish. */
    public void find() {
        if (running.get()) {
            return;
        }
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        running.set(true);
        progress.set(0);
        error.set("");
        status.set(messages.get("duplicates.finding"));
        long started = System.nanoTime();
        runner.run(() -> merges.findDuplicates((done, total) -> runner.onUiThread(
                () -> progress.set(total <= 0 ? -1 : (double) done / total)), flag::get), result -> {
            running.set(false);
            found = true;
            progress.set(1);
            pairs.setAll(result.pairs());
            double seconds = (System.nanoTime() - started) / 1e9;
            status.set(messages.get("duplicates.found", result.pairs().size(), result.customers(),
                    String.format(messages.locale(), "%.1f", seconds)));
            leftOut.set(result.leftOut() == 0 ? "" : messages.get("duplicates.leftOut", result.leftOut()));
        }, e -> {
            running.set(false);
            progress.set(0);
            status.set("");
            if (e instanceof UserException u && u.key().equals("common.cancelled")) {
                status.set(messages.get("common.cancelled"));
            } else {
                error.set(messages.describe(e));
            }
        });
    }

    public void cancel() {
        cancel.set(true);
    }

    /** Remembers that the pair is two people; it leaves the list. */
    public void dismiss(DuplicatePair pair) {
        if (pair == null) {
            return;
        }
        error.set("");
        runner.run(() -> {
            merges.dismiss(pair.a().id(), pair.b().id());
            return pair;
        }, p -> {
            pairs.remove(p);
            status.set(messages.get("duplicates.dismissed", side(p.a()), side(p.b())));
        }, e -> error.set(messages.describe(e)));
    }

    /** After a merge: the pairs of the customers merged away leave the list (the others stay as found: Find again to look anew). */
    public void merged(MergeService.Merged merged, Collection<Long> removed) {
        pairs.removeIf(p -> removed.stream().anyMatch(p::involves));
        status.set(messages.get("merge.done", String.join(messages.get("common.listSeparator"), merged.mergedCodes()),
                messages.get("merge.customer", merged.kept().name(), merged.kept().code())));
    }

    /** The pair's reasons as words: "Same phone · Same name". */
    public String reasonsText(DuplicatePair pair) {
        return String.join(ConsentText.SEPARATOR, pair.reasonsInOrder().stream().map(r -> messages.get(r.key())).toList());
    }

    /** A customer's phones as the shop writes them, separated by commas. */
    public String phonesText(DuplicatePair.Side side) {
        return String.join(messages.get("common.listSeparator"), side.phones().stream().map(customers.phones()::format).toList());
    }

    /** "王小明 (000001)". */
    public String side(DuplicatePair.Side side) {
        return messages.get("merge.customer", side.name(), side.code());
    }

    /** Both customers of a pair, for the merge dialog. */
    public static List<Long> ids(DuplicatePair pair) {
        return List.of(pair.a().id(), pair.b().id());
    }

    public ObservableList<DuplicatePair> pairs() { return pairs; }
    public ObjectProperty<DuplicatePair> selectedProperty() { return selected; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** 0 to 1 while looking; -1 while the length is not known. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** What was not taken as a reason on its own (a number many customers share); empty when nothing. */
    public ReadOnlyStringProperty leftOutProperty() { return leftOut.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
