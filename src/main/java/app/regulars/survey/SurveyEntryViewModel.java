package app.regulars.survey;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One response being entered: the survey, the answer of each question, channel, date, and for
 * a walk-in an optional name. {@link #save} validates through the service (a required answer
 * missing, a score outside the scale: a message, nothing saved).
 */
public final class SurveyEntryViewModel {
    private final SurveyService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final Long customerId;
    private final String customerName;

    private final ObservableList<SurveySummary> surveys = FXCollections.observableArrayList();
    private final ObjectProperty<SurveySummary> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Survey> survey = new SimpleObjectProperty<>();
    private final ObjectProperty<ResponseChannel> channel = new SimpleObjectProperty<>(ResponseChannel.VISIT);
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty walkInName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    private final Map<Long, StringProperty> scores = new HashMap<>();
    private final Map<Long, ObjectProperty<Long>> singles = new HashMap<>();
    private final Map<Long, ObservableSet<Long>> multis = new HashMap<>();
    private final Map<Long, StringProperty> texts = new HashMap<>();

    /** {@code customerId} null: a walk-in. */
    public SurveyEntryViewModel(SurveyService service, TaskRunner runner, Messages messages, Long customerId, String customerName) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.customerId = customerId;
        this.customerName = customerName;
        date.set(service.today());
        selected.addListener((obs, o, n) -> loadSurvey(n));
    }

    /** Loads the surveys to choose from and selects {@code preferredId} (or the first). */
    public void load(Long preferredId) {
        runner.run(service::list, list -> {
            surveys.setAll(list);
            selected.set(list.stream().filter(s -> preferredId != null && s.id() == preferredId).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
        }, this::fail);
    }

    private void loadSurvey(SurveySummary s) {
        if (s == null) {
            survey.set(null);
            return;
        }
        runner.run(() -> service.get(s.id()), this::setSurvey, this::fail);
    }

    /** Shows {@code s}'s questions with empty answers. */
    public void setSurvey(Survey s) {
        scores.clear();
        singles.clear();
        multis.clear();
        texts.clear();
        for (Question q : s.questions()) {
            switch (q.kind()) {
                case SCORE -> scores.put(q.id(), new SimpleStringProperty(""));
                case SINGLE -> singles.put(q.id(), new SimpleObjectProperty<>());
                case MULTI -> multis.put(q.id(), FXCollections.observableSet());
                case TEXT -> texts.put(q.id(), new SimpleStringProperty(""));
            }
        }
        error.set("");
        survey.set(s);
    }

    public StringProperty score(long questionId) {
        return scores.get(questionId);
    }

    public ObjectProperty<Long> single(long questionId) {
        return singles.get(questionId);
    }

    public ObservableSet<Long> multi(long questionId) {
        return multis.get(questionId);
    }

    public StringProperty text(long questionId) {
        return texts.get(questionId);
    }

    /** The answers as entered; a score that is not a number counts as outside the scale. */
    public List<Answer> answers() {
        List<Answer> out = new ArrayList<>();
        Survey s = survey.get();
        for (Question q : s.questions()) {
            switch (q.kind()) {
                case SCORE -> {
                    String v = scores.get(q.id()).get().strip();
                    if (!v.isEmpty()) {
                        int n;
                        try {
                            n = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            n = Integer.MIN_VALUE;
                        }
                        out.add(Answer.score(q.id(), n));
                    }
                }
                case SINGLE -> {
                    Long c = singles.get(q.id()).get();
                    if (c != null) {
                        out.add(Answer.choices(q.id(), List.of(c)));
                    }
                }
                case MULTI -> {
                    List<Long> ids = q.choices().stream().map(Choice::id).filter(multis.get(q.id())::contains).toList();
                    if (!ids.isEmpty()) {
                        out.add(Answer.choices(q.id(), ids));
                    }
                }
                case TEXT -> out.add(Answer.text(q.id(), texts.get(q.id()).get()));
            }
        }
        return out;
    }

    /** Validates and saves in the background; {@code onSaved} gets the new response's id. */
    public void save(LongConsumer onSaved) {
        Survey s = survey.get();
        if (s == null || busy.get()) {
            return;
        }
        NewResponse r = new NewResponse(s.id(), customerId, customerId == null ? walkInName.get() : null,
                channel.get(), date.get(), answers());
        busy.set(true);
        error.set("");
        runner.run(() -> service.saveResponse(r, messages.isChinese()), id -> {
            busy.set(false);
            onSaved.accept(id);
        }, e -> {
            busy.set(false);
            fail(e);
        });
    }

    private void fail(Throwable e) {
        error.set(messages.describe(e));
    }

    public boolean isWalkIn() {
        return customerId == null;
    }

    public String customerName() {
        return customerName;
    }

    public ObservableList<SurveySummary> surveys() {
        return surveys;
    }

    public ObjectProperty<SurveySummary> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Survey> surveyProperty() {
        return survey;
    }

    public ObjectProperty<ResponseChannel> channelProperty() {
        return channel;
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    public StringProperty walkInNameProperty() {
        return walkInName;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
