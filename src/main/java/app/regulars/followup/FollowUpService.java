package app.regulars.followup;

import app.regulars.i18n.UserException;
import app.regulars.store.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Contacts and follow-ups: validation, the rules (recurrence, complaint deadline,
 * reschedule history, "a logged contact resets the check-in clock") and one transaction per
 * use case. Knows nothing of JavaFX; the window and the command line both call it.
 */
public final class FollowUpService {
    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 1000;
    public static final int MAX_NOTES = 4000;
    public static final int MAX_OWNER = 100;
    /** A recurring series may run at most this long: a longer one is almost surely a typo. */
    public static final int MAX_RECURRENCE_YEARS = 10;
    public static final int COMPLAINT_HOURS = 24;
    public static final int LIST_LIMIT = 5000;

    private final Database db;
    private final FollowUpRepository repository;
    private final Clock clock;

    public FollowUpService(Database db, FollowUpRepository repository, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.clock = clock;
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    Database database() {
        return db;
    }

    FollowUpRepository repository() {
        return repository;
    }

    // ---- contacts ----

    /** Logs a contact; planned automatic check-ins of the customer are cancelled (the clock restarts). */
    public Contact logContact(Contact in) {
        Contact i = validate(in);
        return db.write(cfg -> {
            requireActive(cfg.dsl(), i.customerId());
            long id = repository.insertContact(cfg.dsl(), i, now());
            repository.cancelCadenceCheckIns(cfg.dsl(), i.customerId(), now());
            return i.withId(id);
        });
    }

    public Contact updateContact(Contact in) {
        if (in.id() == null) {
            throw new IllegalArgumentException("not saved yet");
        }
        Contact i = validate(in);
        return db.write(cfg -> {
            if (!repository.updateContact(cfg.dsl(), i, now())) {
                throw new UserException("followup.error.gone");
            }
            return i;
        });
    }

    public void deleteContact(long id) {
        db.write(cfg -> repository.deleteContact(cfg.dsl(), id));
    }

    /** Newest first. */
    public List<Contact> contacts(long customerId, int limit) {
        return repository.contacts(db.dsl(), customerId, limit);
    }

    private Contact validate(Contact i) {
        if (i.channel() == null) {
            throw new UserException("followup.error.channel");
        }
        if (i.occurredAt() == null) {
            throw new UserException("followup.error.when");
        }
        String summary = trim(i.summary());
        if (summary == null) {
            throw new UserException("followup.error.summary");
        }
        if (i.occurredAt().isAfter(now().plusDays(1))) {
            throw new UserException("followup.error.future");
        }
        return new Contact(i.id(), i.customerId(), i.occurredAt().truncatedTo(ChronoUnit.MINUTES), i.channel(),
                cut(summary, MAX_TEXT, "summary"), cut(trim(i.outcome()), MAX_TEXT, "outcome"),
                cut(trim(i.nextStep()), MAX_TEXT, "nextStep"), i.followUpId());
    }

    // ---- follow-ups ----

    /** Schedules a follow-up (complaints get their 24-hour deadline from now, or from {@code openedAt} if set). */
    public FollowUp schedule(FollowUp in) {
        FollowUp f = validate(in);
        f = f.withOwner(owner(f.owner(), null));
        if (f.kind() == FollowUpKind.COMPLAINT) {
            LocalDateTime opened = f.openedAt() != null ? f.openedAt() : now();
            f = new FollowUp(null, f.customerId(), null, null, f.kind(), f.title(), f.notes(), f.owner(), f.dueAt(), f.allDay(),
                    FollowUpStatus.PLANNED, f.recurrence(), f.recurUntil(), opened, opened.plusHours(COMPLAINT_HOURS), null,
                    null, true);
        }
        FollowUp toSave = f;
        long id = db.write(cfg -> {
            requireActive(cfg.dsl(), toSave.customerId());
            return repository.insert(cfg.dsl(), toSave, now(), null);
        });
        return get(id).orElseThrow();
    }

    /**
     * Opens a complaint for a customer: kind COMPLAINT, due (and to be resolved) 24 hours after
     * {@code openedAt}. Returns the new follow-up's id. Used by the survey feature for low scores.
     */
    public long openComplaint(long customerId, String title, String notes, LocalDateTime openedAt) {
        return schedule(complaint(customerId, title, notes, openedAt)).id();
    }

    /**
     * Opens the complaint a low score of a survey of {@code surveyKind} (NPS or CSAT) calls for:
     * its title is rendered in the language of the moment ({@link FollowUpTitles});
     * {@code title} is kept as its stored text.
     */
    public long openLowScoreComplaint(long customerId, String surveyKind, int score, long responseId,
            String title, String notes, LocalDateTime openedAt) {
        FollowUp f = validate(complaint(customerId, title, notes, openedAt));
        String key = FollowUpTitles.complaintKey(surveyKind, score, responseId);
        return db.write(cfg -> {
            requireActive(cfg.dsl(), f.customerId());
            return repository.insert(cfg.dsl(), f, now(), key);
        });
    }

    private FollowUp complaint(long customerId, String title, String notes, LocalDateTime openedAt) {
        LocalDateTime opened = (openedAt != null ? openedAt : now()).truncatedTo(ChronoUnit.SECONDS);
        return new FollowUp(null, customerId, null, null, FollowUpKind.COMPLAINT, title, notes, null,
                opened.plusHours(COMPLAINT_HOURS), false, FollowUpStatus.PLANNED, Recurrence.NONE, null, opened,
                opened.plusHours(COMPLAINT_HOURS), null, null, true);
    }

    /**
     * Plans a follow-up in one transaction unless the customer already has a planned follow-up
     * of its kind, or ({@code oncePerKey}) a follow-up with {@code generationKey} was ever made
     * (generated follow-ups: safe to repeat). The key is stored either way. Empty when skipped.
     */
    public Optional<FollowUp> scheduleUnlessPlanned(FollowUp in, String generationKey, boolean oncePerKey) {
        FollowUp f = validate(in);
        Long id = db.write(cfg -> {
            requireActive(cfg.dsl(), f.customerId());
            if (repository.hasPlanned(cfg.dsl(), f.customerId(), f.kind())
                    || (oncePerKey && generationKey != null && repository.keyExists(cfg.dsl(), generationKey))) {
                return null;
            }
            return repository.insert(cfg.dsl(), f, now(), generationKey);
        });
        return id == null ? Optional.empty() : get(id);
    }

    /** Whether the customer has a planned follow-up of {@code kind}. */
    public boolean hasPlanned(long customerId, FollowUpKind kind) {
        return repository.hasPlanned(db.dsl(), customerId, kind);
    }

    /**
     * Edits a planned follow-up; a changed due time is recorded in its reschedule history.
     * {@code in.titleTyped()} false keeps a generated title generated (shown rendered); true,
     * or a title typed before, keeps the title as typed.
     */
    public FollowUp update(FollowUp in) {
        return update(in, null);
    }

    /**
     * As {@link #update(FollowUp)}, if the follow-up is still as {@code asRead} (what the form was
     * filled with; null: no check): else nothing is changed and {@link FollowUpChangedException} has
     * it as someone else left it (decision 0031).
     */
    public FollowUp update(FollowUp in, FollowUp asRead) {
        if (in.id() == null) {
            throw new IllegalArgumentException("not saved yet");
        }
        FollowUp f = validate(in);
        db.write(cfg -> {
            FollowUp old = repository.locked(cfg.dsl(), f.id()).orElseThrow(() -> new UserException("followup.error.gone"));
            if (asRead != null && !sameContent(old, asRead)) {
                throw new FollowUpChangedException(old, repository.updatedAt(cfg.dsl(), f.id()));
            }
            requireActive(cfg.dsl(), f.customerId());
            FollowUp merged = new FollowUp(f.id(), f.customerId(), null, null, f.kind(), f.title(), f.notes(), owner(f.owner(), old.owner()),
                    old.dueAt(), old.allDay(), old.status(), f.recurrence(), f.recurUntil(),
                    old.openedAt(), old.resolveBy(), old.completedAt(), old.generationKey(), f.titleTyped());
            if (merged.kind() == FollowUpKind.COMPLAINT && merged.resolveBy() == null) {
                LocalDateTime opened = now();
                merged = new FollowUp(merged.id(), merged.customerId(), null, null, merged.kind(), merged.title(), merged.notes(),
                        merged.owner(), merged.dueAt(), merged.allDay(), merged.status(), merged.recurrence(), merged.recurUntil(),
                        opened, opened.plusHours(COMPLAINT_HOURS), merged.completedAt(), merged.generationKey(), merged.titleTyped());
            }
            repository.update(cfg.dsl(), merged, now());
            if (!old.dueAt().equals(f.dueAt()) || old.allDay() != f.allDay()) {
                requirePlanned(old);
                repository.reschedule(cfg.dsl(), f.id(), old.dueAt(), f.dueAt(), f.allDay(), now());
            }
            return null;
        });
        return get(f.id()).orElseThrow();
    }

    /** Moves a planned follow-up (drag in the calendar, or a new date), keeping the old time in its history. */
    public FollowUp reschedule(long id, LocalDateTime newDue, boolean allDay) {
        if (newDue == null) {
            throw new UserException("followup.error.when");
        }
        db.write(cfg -> {
            FollowUp old = repository.locked(cfg.dsl(), id).orElseThrow(() -> new UserException("followup.error.gone"));
            requirePlanned(old);
            checkUntil(old.recurrence(), old.recurUntil(), newDue);
            if (!old.dueAt().equals(newDue) || old.allDay() != allDay) {
                repository.reschedule(cfg.dsl(), id, old.dueAt(), newDue, allDay, now());
            }
            return null;
        });
        return get(id).orElseThrow();
    }

    public List<FollowUpRepository.Reschedule> history(long id) {
        return repository.history(db.dsl(), id);
    }

    /**
     * Completes a planned follow-up: records {@code outcome} as a contact linked to it
     * and, when the series goes on, schedules the next occurrence. Returns the next one, if any.
     */
    public Optional<FollowUp> complete(long id, ContactChannel channel, String summary, String outcome, String nextStep) {
        Long nextId = db.write(cfg -> {
            FollowUp f = repository.locked(cfg.dsl(), id).orElseThrow(() -> new UserException("followup.error.gone"));
            requirePlanned(f);
            LocalDateTime now = now();
            Contact i = validate(new Contact(null, f.customerId(), now, channel,
                    summary == null || summary.isBlank() ? f.title() : summary, outcome, nextStep, id));
            repository.insertContact(cfg.dsl(), i, now);
            repository.setStatus(cfg.dsl(), id, FollowUpStatus.DONE, now, now);
            repository.cancelCadenceCheckIns(cfg.dsl(), f.customerId(), now); // a contact: the clock restarts
            if (!f.recurrence().repeats()) {
                return null;
            }
            var pos = repository.seriesPosition(cfg.dsl(), id).orElseThrow();
            LocalDateTime start = pos.start() != null ? pos.start() : f.dueAt();
            int n = pos.occurrence() + 1;
            LocalDateTime next = f.recurrence().occurrence(start, n);
            while (!next.isAfter(f.dueAt())) { // moved past later occurrences: the series goes on after it
                n++;
                next = f.recurrence().occurrence(start, n);
            }
            if (f.recurUntil() != null && next.toLocalDate().isAfter(f.recurUntil())) {
                return null;
            }
            long created = repository.insertNext(cfg.dsl(), id, next, n, now);
            return created;
        });
        return nextId == null ? Optional.empty() : get(nextId);
    }

    public void setStatus(long id, FollowUpStatus status) {
        if (status == FollowUpStatus.DONE) {
            complete(id, ContactChannel.PHONE, null, null, null);
            return;
        }
        db.write(cfg -> {
            FollowUp f = repository.locked(cfg.dsl(), id).orElseThrow(() -> new UserException("followup.error.gone"));
            if (status != FollowUpStatus.PLANNED) {
                requirePlanned(f);
            }
            repository.setStatus(cfg.dsl(), id, status, null, now());
            return null;
        });
    }

    public void delete(long id) {
        db.write(cfg -> repository.delete(cfg.dsl(), id));
    }

    public Optional<FollowUp> get(long id) {
        return repository.get(db.dsl(), id);
    }

    /** Follow-ups due in [from, to) matching {@code filter}, in due order. */
    public List<FollowUp> between(LocalDateTime from, LocalDateTime to, FollowUpFilter filter) {
        if (to.isBefore(from)) {
            throw new UserException("followup.error.range");
        }
        return repository.range(db.dsl(), from, to, filter, LIST_LIMIT);
    }

    /** A month view's page: at most {@code perDay} follow-ups a day, with each day's count. */
    public FollowUpRepository.DayPage days(LocalDate from, LocalDate to, FollowUpFilter filter, int perDay) {
        if (to.isBefore(from)) {
            throw new UserException("followup.error.range");
        }
        return repository.days(db.dsl(), from.atStartOfDay(), to.atStartOfDay(), filter, perDay);
    }

    /**
     * A week's or day's page: at most {@code perSlot} follow-ups in each slot of a day (all day;
     * each hour from {@code firstHour} to {@code lastHour}), with each slot's count.
     */
    public FollowUpRepository.DayPage slots(LocalDate from, LocalDate to, FollowUpFilter filter, int perSlot, int firstHour, int lastHour) {
        if (to.isBefore(from)) {
            throw new UserException("followup.error.range");
        }
        return repository.slots(db.dsl(), from.atStartOfDay(), to.atStartOfDay(), filter, perSlot, firstHour, lastHour);
    }

    /** Whether a planned follow-up is due by the end of today (overdue ones included): the calendar opens first then. */
    public boolean anyDueByTonight() {
        return repository.anyPlannedBefore(db.dsl(), today().plusDays(1).atStartOfDay());
    }

    /**
     * The list beside the calendar: the follow-ups overdue now (oldest first), then those still due
     * today (in due order), at most {@code limit} in all and whether more are due.
     */
    public record TodayList(List<FollowUp> overdue, List<FollowUp> items, boolean more) {
    }

    /** {@link TodayList} of those matching {@code filter}: both parts as of one moment, nothing falls between them. */
    public TodayList todayList(FollowUpFilter filter, int limit) {
        LocalDateTime now = now();
        List<FollowUp> late = repository.overdue(db.dsl(), now, filter, limit + 1);
        List<FollowUp> items = new java.util.ArrayList<>(late);
        if (late.size() <= limit) {
            items.addAll(repository.dueLaterToday(db.dsl(), now, filter, limit + 1 - late.size()));
        }
        boolean more = items.size() > limit;
        return new TodayList(List.copyOf(late.subList(0, Math.min(late.size(), limit))),
                List.copyOf(more ? items.subList(0, limit) : items), more);
    }

    public List<FollowUp> openFor(long customerId) {
        return repository.openForCustomer(db.dsl(), customerId, 100);
    }

    public List<String> owners() {
        return repository.owners(db.dsl());
    }

    /** The store's people (decision 0033): in a store with people, a follow-up's owner is one of them. */
    private volatile app.regulars.store.People people;

    public void usePeople(app.regulars.store.People people) {
        this.people = people;
    }

    private boolean withPeople() {
        app.regulars.store.People p = people;
        return p != null && p.session().peopleExist();
    }

    /** What a follow-up's form offers as owners: the active people in a store with people, else the owners written before. */
    public List<String> ownerChoices() {
        return withPeople() ? people.activeNames() : owners();
    }

    /** The owner a new follow-up gets: the person signed in, else nobody. */
    public String defaultOwner() {
        return withPeople() ? people.session().person().map(app.regulars.store.Person::name).orElse("") : "";
    }

    /**
     * A follow-up's owner as saved: in a store with people, an active person's name as they spell it,
     * or the owner it had ({@code before}, a name from before people or of someone disabled since);
     * {@code people.error.notAPerson} for another name. Without people, as typed.
     */
    private String owner(String typed, String before) {
        if (typed == null || typed.isBlank() || !withPeople()) {
            return typed;
        }
        java.util.Optional<String> person = people.nameOf(typed);
        if (person.isPresent()) {
            return person.get();
        }
        if (before != null && before.strip().equals(typed.strip())) {
            return before;
        }
        throw new UserException("people.error.notAPerson", typed.strip());
    }

    private FollowUp validate(FollowUp f) {
        if (f.kind() == null) {
            throw new UserException("followup.error.kind");
        }
        if (f.dueAt() == null) {
            throw new UserException("followup.error.when");
        }
        String title = trim(f.title());
        if (title == null) {
            throw new UserException("followup.error.title");
        }
        checkUntil(f.recurrence(), f.recurUntil(), f.dueAt());
        LocalDateTime due = f.allDay() ? f.dueAt().toLocalDate().atStartOfDay() : f.dueAt().truncatedTo(ChronoUnit.MINUTES);
        return new FollowUp(f.id(), f.customerId(), null, null, f.kind(), cut(title, MAX_TITLE, "title"),
                cut(trim(f.notes()), MAX_NOTES, "notes"), cut(trim(f.owner()), MAX_OWNER, "owner"), due, f.allDay(),
                f.status(), f.recurrence(), f.recurrence().repeats() ? f.recurUntil() : null,
                f.openedAt(), f.resolveBy(), f.completedAt(), f.generationKey(), f.titleTyped());
    }

    private static void checkUntil(Recurrence r, LocalDate until, LocalDateTime due) {
        if (r == null || !r.repeats()) {
            return;
        }
        if (until == null) {
            throw new UserException("followup.error.noEnd");
        }
        if (until.isBefore(due.toLocalDate())) {
            throw new UserException("followup.error.endBeforeStart");
        }
        if (until.isAfter(due.toLocalDate().plusYears(MAX_RECURRENCE_YEARS))) {
            throw new UserException("followup.error.tooLong", MAX_RECURRENCE_YEARS);
        }
    }

    /** Whether two reads of a follow-up hold the same of what a person changes (its form, its status). */
    static boolean sameContent(FollowUp a, FollowUp b) {
        return a.kind() == b.kind() && java.util.Objects.equals(a.title(), b.title()) && java.util.Objects.equals(a.notes(), b.notes())
                && java.util.Objects.equals(a.owner(), b.owner()) && a.dueAt().equals(b.dueAt()) && a.allDay() == b.allDay()
                && a.status() == b.status() && a.recurrence() == b.recurrence() && java.util.Objects.equals(a.recurUntil(), b.recurUntil())
                && a.titleTyped() == b.titleTyped();
    }

    private static void requirePlanned(FollowUp f) {
        if (f.status() != FollowUpStatus.PLANNED) {
            throw new UserException("followup.error.notPlanned");
        }
    }

    private void requireActive(org.jooq.DSLContext dsl, long customerId) {
        Optional<Boolean> archived = repository.archived(dsl, customerId);
        if (archived.isEmpty()) {
            throw new UserException("followup.error.noCustomer");
        }
        if (archived.get()) {
            throw new UserException("followup.error.archived");
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String cut(String s, int max, String field) {
        if (s != null && s.length() > max) {
            throw new UserException("followup.error.tooLongText", max);
        }
        return s;
    }
}
