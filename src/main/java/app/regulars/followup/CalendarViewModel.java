package app.regulars.followup;

import app.regulars.customer.CustomerService;
import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The calendar page: a mode (month, week, day, agenda), the date it shows, the filter, and
 * the follow-ups of the visible range only (loaded from SQL on every change), plus the
 * overdue ones. Weeks start on Monday.
 */
public final class CalendarViewModel {
    public enum Mode { MONTH, WEEK, DAY, AGENDA }

    public static final int MONTH_PER_DAY = 4;
    /** The follow-ups a slot of the week shows (then "+ n more"), and of the day. */
    public static final int WEEK_PER_SLOT = 3;
    public static final int DAY_PER_SLOT = 8;
    /**
     * The follow-ups the list beside the calendar holds at most: the overdue ones, the oldest
     * first, then those still due today. A shop of 100,000 customers with the contact cadence has
     * some 50,000 check-ins due the day the day's jobs make them (overdue the next); reading 5,000
     * with their customers at each load of the calendar was its largest read (decision 0057).
     */
    public static final int TODAY_LISTED = 500;
    public static final int AGENDA_DAYS = 7;
    /** The hours a week or day shows; earlier follow-ups sit in the first, later ones in the last. */
    public static final int FIRST_HOUR = 8;
    public static final int LAST_HOUR = 20;

    /** A row of the agenda: a day's header (no item), or one follow-up. */
    public record AgendaRow(LocalDate day, FollowUp item) {
    }

    private final FollowUpService service;
    private final CustomerService customers;
    private final TaskRunner runner;
    private final Messages messages;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.MONTH);
    private final ObjectProperty<LocalDate> anchor = new SimpleObjectProperty<>();
    private final ObjectProperty<FollowUpKind> kind = new SimpleObjectProperty<>();
    private final ObjectProperty<String> owner = new SimpleObjectProperty<>();
    private final ObjectProperty<FollowUpStatus> status = new SimpleObjectProperty<>();
    private final ObjectProperty<String> tag = new SimpleObjectProperty<>();

    private final ObservableList<FollowUp> items = FXCollections.observableArrayList();
    private final ObservableMap<LocalDate, Integer> counts = FXCollections.observableHashMap();
    private final Map<FollowUpRepository.Slot, Integer> slotCounts = new java.util.HashMap<>();
    private final ObservableList<FollowUp> overdue = FXCollections.observableArrayList();
    private final ObservableList<FollowUp> todays = FXCollections.observableArrayList();
    private final ObservableList<String> owners = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper moreDue = new ReadOnlyBooleanWrapper();
    private long generation;
    private Runnable loaded = () -> { };

    public CalendarViewModel(FollowUpService service, CustomerService customers, TaskRunner runner, Messages messages) {
        this.service = service;
        this.customers = customers;
        this.runner = runner;
        this.messages = messages;
        anchor.set(service.today());
        mode.addListener((o, a, b) -> load());
        anchor.addListener((o, a, b) -> load());
        kind.addListener((o, a, b) -> load());
        owner.addListener((o, a, b) -> load());
        status.addListener((o, a, b) -> load());
        tag.addListener((o, a, b) -> load());
    }

    /** Which view shows: month, week, day or agenda. */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public Mode getMode() {
        return mode.get();
    }

    /** The date the view is built around (the month's, week's or agenda's first day follows from it). */
    public ObjectProperty<LocalDate> anchorProperty() {
        return anchor;
    }

    public LocalDate getAnchor() {
        return anchor.get();
    }

    /** Filter: only this kind (null: all). */
    public ObjectProperty<FollowUpKind> kindProperty() {
        return kind;
    }

    /** Filter: only this owner (null: all). */
    public ObjectProperty<String> ownerProperty() {
        return owner;
    }

    /** Filter: only this status (null: all). */
    public ObjectProperty<FollowUpStatus> statusProperty() {
        return status;
    }

    /** Filter: only customers with this tag (null: all). */
    public ObjectProperty<String> tagProperty() {
        return tag;
    }

    public ObservableList<FollowUp> items() {
        return items;
    }

    /** Per day of a month view: how many follow-ups it has (items holds only the first few). */
    public ObservableMap<LocalDate, Integer> counts() {
        return counts;
    }

    public ObservableList<FollowUp> overdue() {
        return overdue;
    }

    /**
     * The list beside the calendar: the overdue ones (oldest first), then every one still due
     * today, at most {@value #TODAY_LISTED} in all (not only those the month shows of today).
     */
    public ObservableList<FollowUp> todays() {
        return todays;
    }

    public ObservableList<String> owners() {
        return owners;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether more follow-ups are overdue or due today than the {@value #TODAY_LISTED} in {@link #todays()}. */
    public ReadOnlyBooleanProperty moreDueProperty() {
        return moreDue.getReadOnlyProperty();
    }

    /** Runs after each load has been applied (tests and the view redraw on it). */
    public void onLoaded(Runnable r) {
        loaded = r;
    }

    public LocalDate today() {
        return service.today();
    }

    public LocalDateTime now() {
        return service.now();
    }

    public FollowUpFilter filter() {
        return new FollowUpFilter(kind.get(), owner.get(), status.get(), tag.get());
    }

    /** First day shown (inclusive). */
    public LocalDate start() {
        LocalDate a = anchor.get();
        return switch (mode.get()) {
            case MONTH -> a.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case WEEK -> a.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case DAY, AGENDA -> a;
        };
    }

    /** Day after the last shown (exclusive). */
    public LocalDate end() {
        return switch (mode.get()) {
            case MONTH -> start().plusWeeks(6);
            case WEEK -> start().plusWeeks(1);
            case DAY -> start().plusDays(1);
            case AGENDA -> start().plusDays(AGENDA_DAYS);
        };
    }

    public void next() {
        step(1);
    }

    public void previous() {
        step(-1);
    }

    private void step(int sign) {
        LocalDate a = anchor.get();
        anchor.set(switch (mode.get()) {
            case MONTH -> a.plusMonths(sign);
            case WEEK -> a.plusWeeks(sign);
            case DAY -> a.plusDays(sign);
            case AGENDA -> a.plusDays((long) sign * AGENDA_DAYS);
        });
    }

    public void goToday() {
        anchor.set(service.today());
    }

    /** Loads the visible range (and the overdue list, the filter choices) in the background. */
    public void load() {
        long g = ++generation;
        LocalDate from = start();
        LocalDate to = end();
        Mode m = mode.get();
        FollowUpFilter f = filter();
        loading.set(true);
        runner.run(() -> {
            FollowUpRepository.DayPage page = switch (m) {
                case MONTH -> service.days(from, to, f, MONTH_PER_DAY);
                case WEEK -> service.slots(from, to, f, WEEK_PER_SLOT, FIRST_HOUR, LAST_HOUR);
                case DAY -> service.slots(from, to, f, DAY_PER_SLOT, FIRST_HOUR, LAST_HOUR);
                case AGENDA -> new FollowUpRepository.DayPage(service.between(from.atStartOfDay(), to.atStartOfDay(), f));
            };
            return new Loaded(page, service.todayList(f, TODAY_LISTED), service.owners(), customers.tagsInUse());
        }, l -> {
            if (g != generation) {
                return;
            }
            loading.set(false);
            error.set("");
            counts.clear();
            counts.putAll(l.page().counts());
            slotCounts.clear();
            slotCounts.putAll(l.page().slotCounts());
            items.setAll(l.page().items());
            overdue.setAll(l.today().overdue());
            moreDue.set(l.today().more());
            todays.setAll(l.today().items());
            if (!owners.equals(l.owners())) {
                owners.setAll(l.owners());
            }
            if (!tags.equals(l.tags())) {
                tags.setAll(l.tags());
            }
            loaded.run();
        }, t -> {
            loading.set(false);
            error.set(messages.describe(t));
        });
    }

    private record Loaded(FollowUpRepository.DayPage page, FollowUpService.TodayList today, List<String> owners, List<String> tags) {
    }

    /** The loaded follow-ups due on {@code day}, in due order (in the month, the first few only). */
    public List<FollowUp> on(LocalDate day) {
        return items.stream().filter(f -> f.dueAt().toLocalDate().equals(day)).toList();
    }

    /** How many follow-ups {@code day} has in all (the month loads only the first few of a day). */
    public int countOn(LocalDate day) {
        return counts.getOrDefault(day, on(day).size());
    }

    /** How many follow-ups a week's or day's slot has in all (the view loads only the first few of each). */
    public int countIn(LocalDate day, Integer hour) {
        return slotCounts.getOrDefault(new FollowUpRepository.Slot(day, hour), inSlot(day, hour).size());
    }

    /** A week's or day's slot: the all-day follow-ups ({@code hour} null) or the timed ones in that hour's row. */
    public List<FollowUp> inSlot(LocalDate day, Integer hour) {
        return on(day).stream().filter(f -> hour == null ? f.allDay() : !f.allDay() && slotHour(f) == hour).toList();
    }

    /** The row of a timed follow-up: its hour, earlier ones in the first row, later ones in the last. */
    public static int slotHour(FollowUp f) {
        return Math.max(FIRST_HOUR, Math.min(LAST_HOUR, f.dueAt().getHour()));
    }

    /** The agenda: each day that has follow-ups, as a header row followed by its follow-ups. */
    public List<AgendaRow> agendaRows() {
        List<AgendaRow> rows = new ArrayList<>();
        LocalDate current = null;
        for (FollowUp f : items) {
            LocalDate d = f.dueAt().toLocalDate();
            if (!d.equals(current)) {
                rows.add(new AgendaRow(d, null));
                current = d;
            }
            rows.add(new AgendaRow(d, f));
        }
        return rows;
    }

    /** Shows {@code day} on its own (the month's "more" link). */
    public void showDay(LocalDate day) {
        anchor.set(day);
        mode.set(Mode.DAY);
    }

    /** Shows the agenda from {@code day} on (a full slot's "more" link). */
    public void showAgenda(LocalDate day) {
        anchor.set(day);
        mode.set(Mode.AGENDA);
    }

    /**
     * Moves shown follow-up {@code id} where it was dropped: on {@code day}, and in a week or
     * day at {@code hour} (null: all-day). See {@link CalendarDrop#landing}.
     */
    public void moveTo(long id, LocalDate day, Integer hour) {
        FollowUp f = items.stream().filter(x -> Objects.equals(x.id(), id)).findFirst().orElse(null);
        if (f == null) {
            return;
        }
        CalendarDrop.Landing to = CalendarDrop.landing(f, mode.get() == Mode.MONTH, day, hour);
        move(id, to.due(), to.allDay());
    }

    /** Moves a follow-up to another day (keeping its time) or to a day and hour. */
    public void move(long id, LocalDateTime newDue, boolean allDay) {
        runner.run(() -> service.reschedule(id, newDue, allDay), moved -> load(), t -> error.set(messages.describe(t)));
    }

    /** Marks a follow-up done (its contact summed up by its title as shown), missed or cancelled. */
    public void setStatus(FollowUp f, FollowUpStatus s) {
        String title = FollowUpTitles.of(f, messages);
        runner.run(() -> {
            if (s == FollowUpStatus.DONE) {
                service.complete(f.id(), ContactChannel.PHONE, title, null, null);
            } else {
                service.setStatus(f.id(), s);
            }
            return null;
        }, ok -> load(), t -> error.set(messages.describe(t)));
    }

    private SurveyLauncher surveyLauncher;

    /** What opens a survey entry from a follow-up's form. */
    public void setSurveyLauncher(SurveyLauncher launcher) {
        this.surveyLauncher = launcher;
    }

    public FollowUpEditorViewModel editor() {
        FollowUpEditorViewModel editor = new FollowUpEditorViewModel(service, customers, runner, messages);
        editor.setSurveyLauncher(surveyLauncher);
        return editor;
    }
}
