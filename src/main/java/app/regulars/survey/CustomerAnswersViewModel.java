package app.regulars.survey;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The answers of the customer a profile shows, newest first; a new answer opens the entry for them. */
public final class CustomerAnswersViewModel {
    private final SurveyService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final ObservableList<ResponseRow> rows = FXCollections.observableArrayList();
    private Long customerId;
    private String customerName;

    public CustomerAnswersViewModel(SurveyService service, TaskRunner runner, Messages messages) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
    }

    public ObservableList<ResponseRow> rows() {
        return rows;
    }

    /** Shows {@code id}'s answers (none for a customer not saved yet). */
    public void show(Long id, String name) {
        customerId = id;
        customerName = name;
        reload();
    }

    public void reload() {
        Long id = customerId;
        if (id == null) {
            rows.clear();
            return;
        }
        runner.run(() -> service.ofCustomer(id), rows::setAll, e -> rows.clear());
    }

    /** The entry's view model for a new answer of the shown customer, its surveys loading; null when none is shown. */
    public SurveyEntryViewModel newAnswer() {
        if (customerId == null) {
            return null;
        }
        SurveyEntryViewModel entry = new SurveyEntryViewModel(service, runner, messages, customerId, customerName);
        entry.load(null);
        return entry;
    }
}
