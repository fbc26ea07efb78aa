package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** One customer's profile as shown read-only, with archive and restore. */
public final class CustomerProfileViewModel {
    private final CustomerService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final BirthdayFormat birthdays;
    private final ReadOnlyObjectWrapper<Customer> customer = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Customer> duplicates = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public CustomerProfileViewModel(CustomerService service, TaskRunner runner, Messages messages) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.birthdays = new BirthdayFormat(messages);
    }

    public void load(long id) {
        error.set("");
        runner.run(() -> service.get(id).orElseThrow(() -> new app.regulars.i18n.UserException("customer.error.gone")),
                this::show, e -> error.set(messages.describe(e)));
    }

    /** Shows a profile already at hand (just saved), then looks for duplicates. */
    public void show(Customer c) {
        customer.set(c);
        duplicates.clear();
        runner.run(() -> service.duplicatesOf(c), duplicates::setAll, e -> duplicates.clear());
    }

    public void archive() {
        setArchived(true);
    }

    public void restore() {
        setArchived(false);
    }

    private void setArchived(boolean archived) {
        Customer c = customer.get();
        if (c == null) {
            return;
        }
        List<Long> ids = List.of(c.id());
        runner.run(() -> {
            if (archived) {
                service.archive(ids);
            } else {
                service.restore(ids);
            }
            return service.get(c.id()).orElseThrow();
        }, updated -> {
            customer.set(updated);
            status.set(messages.get(archived ? "customer.profile.archivedNow" : "customer.profile.restoredNow"));
        }, e -> error.set(messages.describe(e)));
    }

    public ReadOnlyObjectProperty<Customer> customerProperty() { return customer.getReadOnlyProperty(); }
    public ObservableList<Customer> duplicates() { return duplicates; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** The customer's phone numbers as shown (the shop's region nationally, others internationally), one a line. */
    public String phonesText(Customer c) {
        PhoneNumbers phones = service.phones();
        return String.join("\n", c.phones().stream().map(phones::format).toList());
    }

    /** The birthday as the customer states it and when it comes next; empty without one. */
    public String birthdayText(Customer c) {
        if (c.birthday() == null) {
            return "";
        }
        return birthdays.format(c.birthday()) + "  ·  "
                + messages.get("customer.profile.nextBirthday", birthdays.next(c.birthday(), service.today()));
    }
}
