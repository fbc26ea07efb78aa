package app.regulars.followup;

import app.regulars.customer.CustomerRepository;
import app.regulars.store.TimeRange;
import app.regulars.store.jooq.tables.records.FollowUpRecord;
import app.regulars.store.jooq.tables.records.InteractionRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.CUSTOMER_PHONE;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.CUSTOMER_TAG;
import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static app.regulars.store.jooq.Tables.FOLLOW_UP_RESCHEDULE;
import static app.regulars.store.jooq.Tables.INTERACTION;

/**
 * Contacts and follow-ups in the H2 file: the only place their SQL lives. Each method
 * takes the {@link DSLContext} of the caller's transaction. Lists read a range through the
 * due-time index and join only the customer's name and code.
 */
public final class FollowUpRepository {

    // ---- contacts ----

    public long insertContact(DSLContext dsl, Contact i, LocalDateTime now) {
        InteractionRecord r = dsl.newRecord(INTERACTION);
        fill(r, i);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.store();
        return r.getId();
    }

    public boolean updateContact(DSLContext dsl, Contact i, LocalDateTime now) {
        InteractionRecord r = dsl.fetchOne(INTERACTION, INTERACTION.ID.eq(i.id()));
        if (r == null) {
            return false;
        }
        fill(r, i);
        r.setUpdatedAt(now);
        r.store();
        return true;
    }

    private static void fill(InteractionRecord r, Contact i) {
        r.setCustomerId(i.customerId());
        r.setOccurredAt(i.occurredAt());
        r.setChannel(i.channel().name());
        r.setSummary(i.summary());
        r.setOutcome(i.outcome());
        r.setNextStep(i.nextStep());
        r.setFollowUpId(i.followUpId());
    }

    public boolean deleteContact(DSLContext dsl, long id) {
        return dsl.deleteFrom(INTERACTION).where(INTERACTION.ID.eq(id)).execute() > 0;
    }

    /** The customer's contacts, newest first, at most {@code limit}. */
    public List<Contact> contacts(DSLContext dsl, long customerId, int limit) {
        return dsl.selectFrom(INTERACTION).where(INTERACTION.CUSTOMER_ID.eq(customerId))
                .orderBy(INTERACTION.OCCURRED_AT.desc(), INTERACTION.ID.desc()).limit(limit)
                .fetch(FollowUpRepository::contact);
    }

    private static Contact contact(InteractionRecord r) {
        return new Contact(r.getId(), r.getCustomerId(), r.getOccurredAt(), ContactChannel.valueOf(r.getChannel()),
                r.getSummary(), r.getOutcome(), r.getNextStep(), r.getFollowUpId());
    }

    // ---- follow-ups ----

    /**
     * Inserts a follow-up; with a {@code generationKey} whose title {@link FollowUpTitles} renders,
     * its title is the generator's (shown rendered), else it is shown as stored.
     */
    public long insert(DSLContext dsl, FollowUp f, LocalDateTime now, String generationKey) {
        FollowUpRecord r = dsl.newRecord(FOLLOW_UP);
        fill(r, f);
        r.setGenerationKey(generationKey);
        r.setTitleTyped(!FollowUpTitles.renders(generationKey));
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.store();
        if (f.recurrence().repeats()) {
            r.setSeriesId(r.getId());
            r.setSeriesStart(f.dueAt());
            r.setOccurrence(0);
            r.store();
        }
        return r.getId();
    }

    /** The next occurrence of a series, after {@code previous}. */
    public long insertNext(DSLContext dsl, long previousId, LocalDateTime due, int occurrence, LocalDateTime now) {
        FollowUpRecord prev = dsl.fetchOne(FOLLOW_UP, FOLLOW_UP.ID.eq(previousId));
        FollowUpRecord r = prev.copy();
        r.setDueAt(due);
        r.setStatus(FollowUpStatus.PLANNED.name());
        r.setCompletedAt(null);
        r.setGenerationKey(null);
        r.setTitleTyped(true); // without a key there is nothing to render from: the title as last written
        r.setOccurrence(occurrence);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.store();
        return r.getId();
    }

    public record SeriesPosition(LocalDateTime start, int occurrence) {
    }

    public Optional<SeriesPosition> seriesPosition(DSLContext dsl, long id) {
        return dsl.select(FOLLOW_UP.SERIES_START, FOLLOW_UP.OCCURRENCE).from(FOLLOW_UP).where(FOLLOW_UP.ID.eq(id))
                .fetchOptional(r -> new SeriesPosition(r.value1(), r.value2()));
    }

    /** Saves an edited follow-up; a title once typed stays typed (the generation key is never changed). */
    public void update(DSLContext dsl, FollowUp f, LocalDateTime now) {
        FollowUpRecord r = dsl.fetchOne(FOLLOW_UP, FOLLOW_UP.ID.eq(f.id()));
        boolean wasRepeating = r.getSeriesId() != null;
        fill(r, f);
        r.setTitleTyped(r.getTitleTyped() || f.titleTyped() || !FollowUpTitles.renders(r.getGenerationKey()));
        if (f.recurrence().repeats() && !wasRepeating) {
            r.setSeriesId(r.getId());
            r.setSeriesStart(f.dueAt());
            r.setOccurrence(0);
        }
        r.setUpdatedAt(now);
        r.store();
    }

    private static void fill(FollowUpRecord r, FollowUp f) {
        r.setCustomerId(f.customerId());
        r.setKind(f.kind().name());
        r.setTitle(f.title());
        r.setNotes(f.notes());
        r.setOwner(f.owner());
        r.setDueAt(f.dueAt());
        r.setAllDay(f.allDay());
        r.setStatus(f.status().name());
        r.setRecurrence(f.recurrence().name());
        r.setRecurUntil(f.recurUntil());
        r.setOpenedAt(f.openedAt());
        r.setResolveBy(f.resolveBy());
        r.setCompletedAt(f.completedAt());
    }

    public void setStatus(DSLContext dsl, long id, FollowUpStatus status, LocalDateTime completedAt, LocalDateTime now) {
        dsl.update(FOLLOW_UP).set(FOLLOW_UP.STATUS, status.name()).set(FOLLOW_UP.COMPLETED_AT, completedAt)
                .set(FOLLOW_UP.UPDATED_AT, now).where(FOLLOW_UP.ID.eq(id)).execute();
    }

    public void reschedule(DSLContext dsl, long id, LocalDateTime oldDue, LocalDateTime newDue, boolean allDay, LocalDateTime now) {
        dsl.update(FOLLOW_UP).set(FOLLOW_UP.DUE_AT, newDue).set(FOLLOW_UP.ALL_DAY, allDay)
                .set(FOLLOW_UP.UPDATED_AT, now).where(FOLLOW_UP.ID.eq(id)).execute();
        dsl.insertInto(FOLLOW_UP_RESCHEDULE, FOLLOW_UP_RESCHEDULE.FOLLOW_UP_ID, FOLLOW_UP_RESCHEDULE.OLD_DUE_AT,
                FOLLOW_UP_RESCHEDULE.NEW_DUE_AT, FOLLOW_UP_RESCHEDULE.CHANGED_AT).values(id, oldDue, newDue, now).execute();
    }

    public record Reschedule(LocalDateTime oldDue, LocalDateTime newDue, LocalDateTime changedAt) {
    }

    public List<Reschedule> history(DSLContext dsl, long id) {
        return dsl.select(FOLLOW_UP_RESCHEDULE.OLD_DUE_AT, FOLLOW_UP_RESCHEDULE.NEW_DUE_AT, FOLLOW_UP_RESCHEDULE.CHANGED_AT)
                .from(FOLLOW_UP_RESCHEDULE).where(FOLLOW_UP_RESCHEDULE.FOLLOW_UP_ID.eq(id))
                .orderBy(FOLLOW_UP_RESCHEDULE.CHANGED_AT, FOLLOW_UP_RESCHEDULE.ID)
                .fetch(r -> new Reschedule(r.value1(), r.value2(), r.value3()));
    }

    public boolean delete(DSLContext dsl, long id) {
        return dsl.deleteFrom(FOLLOW_UP).where(FOLLOW_UP.ID.eq(id)).execute() > 0;
    }

    /**
     * The follow-up, its row locked until the transaction ends ({@code SELECT ... FOR UPDATE}): a
     * change that reads it first (complete, edit, move, cancel) runs after any other one in progress
     * and sees what that one did; two people completing it at once complete it once (decision 0031).
     */
    public Optional<FollowUp> locked(DSLContext dsl, long id) {
        if (dsl.select(FOLLOW_UP.ID).from(FOLLOW_UP).where(FOLLOW_UP.ID.eq(id)).forUpdate().fetch().isEmpty()) {
            return Optional.empty();
        }
        return get(dsl, id);
    }

    /** When the follow-up was last changed (null: it is gone). */
    public LocalDateTime updatedAt(DSLContext dsl, long id) {
        return dsl.select(FOLLOW_UP.UPDATED_AT).from(FOLLOW_UP).where(FOLLOW_UP.ID.eq(id)).fetchOne(FOLLOW_UP.UPDATED_AT);
    }

    public Optional<FollowUp> get(DSLContext dsl, long id) {
        return dsl.select(FOLLOW_UP.fields()).select(CUSTOMER.NAME, CUSTOMER.CODE).from(FOLLOW_UP)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(FOLLOW_UP.CUSTOMER_ID))
                .where(FOLLOW_UP.ID.eq(id)).fetchOptional(FollowUpRepository::followUp);
    }

    /**
     * Follow-ups due in [{@code from}, {@code to}), in due order, matching the filter, at most
     * {@code limit}.
     */
    public List<FollowUp> range(DSLContext dsl, LocalDateTime from, LocalDateTime to, FollowUpFilter filter, int limit) {
        return firstByDue(dsl, TimeRange.within(FOLLOW_UP.DUE_AT, from, to).and(filterCondition(filter)),
                List.of(FOLLOW_UP.DUE_AT, FOLLOW_UP.ID), limit);
    }

    /**
     * The follow-ups overdue at {@code now} ({@link FollowUp#isOverdue}: planned, and due at a time
     * before now, or all day on an earlier day; one due all day today is today's, not overdue),
     * oldest first (ties by id), at most {@code limit}.
     */
    public List<FollowUp> overdue(DSLContext dsl, LocalDateTime now, FollowUpFilter filter, int limit) {
        return withCustomers(dsl, overdueIds(dsl, now, filter, limit).fetch(0, Long.class));
    }

    /**
     * The follow-ups still due today at {@code now}, not yet overdue: planned, due all day today or
     * at a time of today not passed, in due order (ties by id), at most {@code limit}.
     */
    public List<FollowUp> dueLaterToday(DSLContext dsl, LocalDateTime now, FollowUpFilter filter, int limit) {
        LocalDateTime tomorrow = now.toLocalDate().plusDays(1).atStartOfDay();
        return withCustomers(dsl, plannedByDue(dsl, TimeRange.within(FOLLOW_UP.DUE_AT, now, tomorrow),
                TimeRange.within(FOLLOW_UP.DUE_AT, now.toLocalDate().atStartOfDay(), tomorrow), filter, limit).fetch(0, Long.class));
    }

    /** The query of {@link #overdue}'s ids (its plan is checked in a test). */
    static org.jooq.ResultQuery<Record2<Long, LocalDateTime>> overdueIds(DSLContext dsl, LocalDateTime now, FollowUpFilter filter, int limit) {
        return plannedByDue(dsl, TimeRange.before(FOLLOW_UP.DUE_AT, now), TimeRange.before(FOLLOW_UP.DUE_AT, now.toLocalDate().atStartOfDay()), filter, limit);
    }

    /**
     * The ids (and due times) of the first {@code limit} planned follow-ups in due order (ties by
     * id) that are due {@code timed} (those at a time) or {@code allDay} (those for the whole day),
     * matching the filter. Each part is read in the order of {@code ix_follow_up_status_due (status,
     * all_day, due_at, id, ...)} and stops at {@code limit} (V021, V022); H2 then sorts at most twice
     * {@code limit}. The columns after the order (kind, owner, customer_id) let it test a filter from
     * the index alone. On (status, due_at) H2 read every overdue one to sort them; with the all-day
     * ones among the timed in one order, on the day a large shop's check-ins are made (some 50,000,
     * all day) it read past all of them to find the timed ones after.
     */
    private static org.jooq.ResultQuery<Record2<Long, LocalDateTime>> plannedByDue(DSLContext dsl, Condition timed, Condition allDay,
                                                                                 FollowUpFilter filter, int limit) {
        Condition planned = FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name()).and(filterCondition(filter));
        List<Field<?>> order = List.of(FOLLOW_UP.STATUS, FOLLOW_UP.ALL_DAY, FOLLOW_UP.DUE_AT, FOLLOW_UP.ID);
        var both = dsl.select(FOLLOW_UP.ID, FOLLOW_UP.DUE_AT).from(FOLLOW_UP)
                .where(planned.and(FOLLOW_UP.ALL_DAY.isFalse()).and(timed)).orderBy(order).limit(limit)
                .unionAll(dsl.select(FOLLOW_UP.ID, FOLLOW_UP.DUE_AT).from(FOLLOW_UP)
                        .where(planned.and(FOLLOW_UP.ALL_DAY.isTrue()).and(allDay)).orderBy(order).limit(limit))
                .asTable("p");
        Field<Long> id = both.field(FOLLOW_UP.ID);
        Field<LocalDateTime> due = both.field(FOLLOW_UP.DUE_AT);
        return dsl.select(id, due).from(both).orderBy(due, id).limit(limit);
    }

    /**
     * The first {@code limit} follow-ups matching {@code c} (a condition on the follow-ups alone) in
     * due order, with their customer's name and code: their ids chosen from the follow-ups, then
     * only those rows joined to their customers. Joined before the sort, every match's customer
     * row was read: at 100,000 customers, with 49,715 check-ins overdue after the day's jobs, the
     * calendar's list of the first 5,000 allocated 265-310 MB, against 46 MB this way.
     */
    private static List<FollowUp> firstByDue(DSLContext dsl, Condition c, List<Field<?>> order, int limit) {
        return withCustomers(dsl, idsByDue(dsl, c, order, limit).fetch(FOLLOW_UP.ID));
    }

    private static org.jooq.ResultQuery<org.jooq.Record1<Long>> idsByDue(DSLContext dsl, Condition c, List<Field<?>> order, int limit) {
        return dsl.select(FOLLOW_UP.ID).from(FOLLOW_UP).where(c).orderBy(order).limit(limit);
    }

    /** The follow-ups {@code ids} with their customer's name and code, in due order. */
    private static List<FollowUp> withCustomers(DSLContext dsl, List<Long> ids) {
        return ids.isEmpty() ? List.of() : dsl.select(FOLLOW_UP.fields()).select(CUSTOMER.NAME, CUSTOMER.CODE)
                .from(FOLLOW_UP).join(CUSTOMER).on(CUSTOMER.ID.eq(FOLLOW_UP.CUSTOMER_ID))
                .where(FOLLOW_UP.ID.in(ids)).orderBy(FOLLOW_UP.DUE_AT, FOLLOW_UP.ID).fetch(FollowUpRepository::followUp);
    }

    /**
     * A page of a calendar view: the first few follow-ups of each day (month) or of each slot of a
     * day (week, day), how many each day has, and, for a week or day, how many each slot has.
     */
    public record DayPage(List<FollowUp> items, Map<LocalDate, Integer> counts, Map<Slot, Integer> slotCounts) {
        public DayPage(List<FollowUp> items) {
            this(items, Map.of(), Map.of());
        }
    }

    /** A row of a day in a week or day view: the all-day follow-ups ({@code hour} null) or an hour's. */
    public record Slot(LocalDate day, Integer hour) {
    }

    /**
     * For a month view: per day in [from, to), the first {@code perDay} follow-ups (due order)
     * and the day's count, in one query through the due-time index; only the shown rows join
     * the customer.
     */
    public DayPage days(DSLContext dsl, LocalDateTime from, LocalDateTime to, FollowUpFilter filter, int perDay) {
        return page(dsl, from, to, filter, perDay, null);
    }

    /**
     * For a week or day view: per slot of each day in [from, to) (all day; each hour from
     * {@code firstHour} to {@code lastHour}, earlier ones in the first, later ones in the last), the
     * first {@code perSlot} follow-ups and the slot's count. The day of a large shop's check-ins has
     * some 50,000 in its all-day row: the week read the first 5,000 of the week with their customers
     * and counted "+ n more" from those.
     */
    public DayPage slots(DSLContext dsl, LocalDateTime from, LocalDateTime to, FollowUpFilter filter, int perSlot, int firstHour, int lastHour) {
        Field<Integer> h = DSL.extract(FOLLOW_UP.DUE_AT, DatePart.HOUR);
        Field<Integer> slot = DSL.when(FOLLOW_UP.ALL_DAY.isTrue(), DSL.inline(-1)).when(h.lt(firstHour), DSL.inline(firstHour))
                .when(h.gt(lastHour), DSL.inline(lastHour)).otherwise(h);
        return page(dsl, from, to, filter, perSlot, slot);
    }

    /** The first {@code per} follow-ups of each day, or of each (day, {@code slot}) when a slot is given, with the counts. */
    private static DayPage page(DSLContext dsl, LocalDateTime from, LocalDateTime to, FollowUpFilter filter, int per, Field<Integer> slot) {
        Field<LocalDate> day = DSL.cast(FOLLOW_UP.DUE_AT, LocalDate.class);
        Field<Long> id = FOLLOW_UP.ID.as("fid");
        Field<LocalDate> date = day.as("d");
        Field<Integer> slotOf = (slot == null ? DSL.inline(0) : slot).as("s");
        List<Field<?>> partition = slot == null ? List.of(day) : List.of(day, slot);
        Field<Integer> rank = DSL.rowNumber().over(DSL.partitionBy(partition).orderBy(FOLLOW_UP.DUE_AT, FOLLOW_UP.ID)).as("rn");
        Field<Integer> count = DSL.count().over(DSL.partitionBy(partition)).as("cnt");
        var w = DSL.select(id, date, slotOf, rank, count).from(FOLLOW_UP)
                .where(TimeRange.within(FOLLOW_UP.DUE_AT, from, to).and(filterCondition(filter))).asTable("w");
        Map<LocalDate, Integer> counts = new HashMap<>();
        Map<Slot, Integer> slotCounts = new HashMap<>();
        List<Long> ids = new ArrayList<>();
        for (var r : dsl.select(w.field(id), w.field(date), w.field(slotOf), w.field(count)).from(w).where(w.field(rank).le(per)).fetch()) {
            if (slot == null) {
                counts.put(r.value2(), r.value4());
            } else {
                slotCounts.put(new Slot(r.value2(), r.value3() < 0 ? null : r.value3()), r.value4());
                counts.merge(r.value2(), r.value4(), Integer::sum);
            }
            ids.add(r.value1());
        }
        return new DayPage(withCustomers(dsl, ids), counts, slotCounts);
    }

    /** Whether a planned follow-up is due before {@code before}: a range of each part of {@code ix_follow_up_status_due}, one entry read. */
    public boolean anyPlannedBefore(DSLContext dsl, LocalDateTime before) {
        Condition planned = FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name()).and(TimeRange.before(FOLLOW_UP.DUE_AT, before));
        return dsl.fetchExists(FOLLOW_UP, planned.and(FOLLOW_UP.ALL_DAY.isFalse())) || dsl.fetchExists(FOLLOW_UP, planned.and(FOLLOW_UP.ALL_DAY.isTrue()));
    }

    public List<FollowUp> openForCustomer(DSLContext dsl, long customerId, int limit) {
        return dsl.select(FOLLOW_UP.fields()).select(CUSTOMER.NAME, CUSTOMER.CODE).from(FOLLOW_UP)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(FOLLOW_UP.CUSTOMER_ID))
                .where(FOLLOW_UP.CUSTOMER_ID.eq(customerId).and(FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name())))
                .orderBy(FOLLOW_UP.DUE_AT).limit(limit).fetch(FollowUpRepository::followUp);
    }

    public List<String> owners(DSLContext dsl) {
        if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            return ownersByIndexSkips(dsl);
        }
        return dsl.selectDistinct(FOLLOW_UP.OWNER).from(FOLLOW_UP).where(FOLLOW_UP.OWNER.isNotNull())
                .orderBy(FOLLOW_UP.OWNER).limit(OWNERS).fetch(FOLLOW_UP.OWNER);
    }

    /** The owner choices the calendar offers, at most. */
    private static final int OWNERS = 200;

    /**
     * {@link #owners} on PostgreSQL: its {@code DISTINCT} reads every entry of the owner index (180 ms
     * of the calendar's opening at 500,000 follow-ups, where H2 skips along the index), so each owner
     * is found from the one before by one step down the index ({@code owner > previous ORDER BY owner
     * LIMIT 1}), a recursive query of a few milliseconds (decision 0032).
     */
    private static List<String> ownersByIndexSkips(DSLContext dsl) {
        org.jooq.Name o = DSL.name("owners");
        Field<String> owner = DSL.field(DSL.name("owners", "owner"), String.class);
        Field<Integer> n = DSL.field(DSL.name("owners", "n"), Integer.class);
        var f = FOLLOW_UP.as("f");
        var first = DSL.select(FOLLOW_UP.OWNER, DSL.inline(1)).from(FOLLOW_UP).where(FOLLOW_UP.OWNER.isNotNull())
                .orderBy(FOLLOW_UP.OWNER).limit(1);
        var next = DSL.select(DSL.field(DSL.select(f.OWNER).from(f).where(f.OWNER.gt(owner)).orderBy(f.OWNER).limit(1)), n.plus(1))
                .from(DSL.table(o)).where(owner.isNotNull()).and(n.lt(OWNERS));
        var owners = o.fields("owner", "n").as(first.unionAll(next));
        return dsl.withRecursive(owners).select(owner).from(owners).where(owner.isNotNull()).orderBy(owner).fetch(owner);
    }

    private static Condition filterCondition(FollowUpFilter f) {
        Condition c = DSL.noCondition();
        if (f == null) {
            return c;
        }
        if (f.kind() != null) {
            c = c.and(FOLLOW_UP.KIND.eq(f.kind().name()));
        }
        if (f.status() != null) {
            c = c.and(FOLLOW_UP.STATUS.eq(f.status().name()));
        }
        if (f.owner() != null && !f.owner().isBlank()) {
            c = c.and(FOLLOW_UP.OWNER.eq(f.owner()));
        }
        if (f.tag() != null && !f.tag().isBlank()) {
            c = c.and(DSL.exists(DSL.selectOne().from(CUSTOMER_TAG)
                    .where(CUSTOMER_TAG.CUSTOMER_ID.eq(FOLLOW_UP.CUSTOMER_ID).and(CUSTOMER_TAG.TAG.eq(f.tag())))));
        }
        return c;
    }

    private static FollowUp followUp(Record r) {
        return new FollowUp(r.get(FOLLOW_UP.ID), r.get(FOLLOW_UP.CUSTOMER_ID), r.get(CUSTOMER.NAME), r.get(CUSTOMER.CODE),
                FollowUpKind.valueOf(r.get(FOLLOW_UP.KIND)), r.get(FOLLOW_UP.TITLE), r.get(FOLLOW_UP.NOTES), r.get(FOLLOW_UP.OWNER),
                r.get(FOLLOW_UP.DUE_AT), r.get(FOLLOW_UP.ALL_DAY), FollowUpStatus.valueOf(r.get(FOLLOW_UP.STATUS)),
                Recurrence.valueOf(r.get(FOLLOW_UP.RECURRENCE)), r.get(FOLLOW_UP.RECUR_UNTIL),
                r.get(FOLLOW_UP.OPENED_AT), r.get(FOLLOW_UP.RESOLVE_BY), r.get(FOLLOW_UP.COMPLETED_AT),
                r.get(FOLLOW_UP.GENERATION_KEY), r.get(FOLLOW_UP.TITLE_TYPED));
    }

    /** Whether the customer exists and is not archived. */
    public Optional<Boolean> archived(DSLContext dsl, long customerId) {
        return dsl.select(CUSTOMER.ARCHIVED).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).fetchOptional(CUSTOMER.ARCHIVED);
    }

    /** Cancels the customer's planned automatic check-ins: a contact was just logged, the clock starts again. */
    public int cancelCadenceCheckIns(DSLContext dsl, long customerId, LocalDateTime now) {
        return dsl.update(FOLLOW_UP).set(FOLLOW_UP.STATUS, FollowUpStatus.CANCELLED.name()).set(FOLLOW_UP.UPDATED_AT, now)
                .where(FOLLOW_UP.CUSTOMER_ID.eq(customerId).and(FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name()))
                        .and(FOLLOW_UP.GENERATION_KEY.like(FollowUpTitles.CADENCE + "%")))
                .execute();
    }

    /**
     * Cancels the planned automatic check-ins of customers who bought something after the
     * check-in was planned: a purchase in the shop is a contact, the clock restarts.
     */
    public int cancelCadenceCheckInsBoughtSince(DSLContext dsl, LocalDateTime now) {
        return dsl.update(FOLLOW_UP).set(FOLLOW_UP.STATUS, FollowUpStatus.CANCELLED.name()).set(FOLLOW_UP.UPDATED_AT, now)
                .where(FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name())
                        .and(FOLLOW_UP.GENERATION_KEY.like(FollowUpTitles.CADENCE + "%"))
                        .andExists(DSL.selectOne().from(PURCHASE).where(PURCHASE.CUSTOMER_ID.eq(FOLLOW_UP.CUSTOMER_ID)
                                .and(PURCHASE.VOIDED.isFalse()).and(PURCHASE.PURCHASED_AT.gt(FOLLOW_UP.CREATED_AT)))))
                .execute();
    }

    /** Each customer's first phone, for printed lists. */
    public Map<Long, String> firstPhones(DSLContext dsl, Collection<Long> customerIds) {
        Map<Long, String> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        for (var r : dsl.select(CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE)
                .where(CUSTOMER_PHONE.CUSTOMER_ID.in(customerIds).and(CUSTOMER_PHONE.POSITION.eq(0))).fetch()) {
            out.put(r.value1(), r.value2());
        }
        return out;
    }

    // ---- automatic generation: set-based over all customers ----

    /**
     * Greets every active customer with marketing consent before {@code holiday}: one
     * INSERT ... SELECT, skipping those whose key exists already. Returns rows created.
     * {@code title} is stored; the greeting is shown with its title rendered from the key.
     */
    public int insertHolidayGreetings(DSLContext dsl, String keyPrefix, String title, LocalDateTime due, LocalDateTime now) {
        var key = DSL.concat(DSL.inline(keyPrefix), CUSTOMER.ID.cast(String.class));
        return dsl.insertInto(FOLLOW_UP, FOLLOW_UP.CUSTOMER_ID, FOLLOW_UP.KIND, FOLLOW_UP.TITLE, FOLLOW_UP.DUE_AT,
                        FOLLOW_UP.ALL_DAY, FOLLOW_UP.STATUS, FOLLOW_UP.RECURRENCE, FOLLOW_UP.OCCURRENCE,
                        FOLLOW_UP.GENERATION_KEY, FOLLOW_UP.TITLE_TYPED, FOLLOW_UP.CREATED_AT, FOLLOW_UP.UPDATED_AT)
                .select(DSL.select(CUSTOMER.ID, DSL.val(FollowUpKind.HOLIDAY.name()), DSL.val(title), DSL.val(due),
                                DSL.val(true), DSL.val(FollowUpStatus.PLANNED.name()), DSL.val(Recurrence.NONE.name()), DSL.val(0),
                                key, DSL.val(false), DSL.val(now), DSL.val(now))
                        .from(CUSTOMER)
                        .where(CustomerRepository.notArchived().and(CustomerRepository.marketingAllowed()))
                        .andNotExists(DSL.selectOne().from(FOLLOW_UP).where(FOLLOW_UP.GENERATION_KEY.eq(key))))
                .execute();
    }

    /** A customer with a birthday whom marketing may reach (consent, a channel left), for birthday greetings. */
    public record BirthdayRow(long customerId, String name, String calendar, Integer year, int month, int day, boolean leap) {
    }

    /** Active customers marketing may reach ({@link CustomerRepository#marketingAllowed()}) with a birthday, in id order, a page after {@code afterId}. */
    public List<BirthdayRow> birthdays(DSLContext dsl, long afterId, int pageSize) {
        return dsl.select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.BIRTHDAY_CALENDAR, CUSTOMER.BIRTH_YEAR, CUSTOMER.BIRTH_MONTH,
                        CUSTOMER.BIRTH_DAY, CUSTOMER.BIRTH_LEAP_MONTH)
                .from(CUSTOMER)
                // notArchived(), not archived = FALSE: with an equality H2 reads the (archived, sort_name) index
                // and sorts every active customer for each page (4 s a page at 100,000 customers, 50
                // pages); this way it walks the primary key from afterId and stops at the page's end.
                .where(CUSTOMER.ID.gt(afterId).and(CustomerRepository.notArchived()).and(CustomerRepository.marketingAllowed())
                        .and(CUSTOMER.BIRTH_MONTH.isNotNull()).and(CUSTOMER.BIRTH_DAY.isNotNull()))
                .orderBy(CUSTOMER.ID).limit(pageSize)
                .fetch(r -> new BirthdayRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), Boolean.TRUE.equals(r.value7())));
    }

    /** Whether the customer has a planned follow-up of {@code kind}. */
    public boolean hasPlanned(DSLContext dsl, long customerId, FollowUpKind kind) {
        return dsl.fetchExists(FOLLOW_UP, FOLLOW_UP.CUSTOMER_ID.eq(customerId).and(FOLLOW_UP.KIND.eq(kind.name()))
                .and(FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name())));
    }

    /** Whether a follow-up with this generation key was ever made. */
    public boolean keyExists(DSLContext dsl, String key) {
        return dsl.fetchExists(FOLLOW_UP, FOLLOW_UP.GENERATION_KEY.eq(key));
    }

    /** Inserts a generated follow-up unless its key exists; true when inserted. */
    public boolean insertIfAbsent(DSLContext dsl, FollowUp f, String key, LocalDateTime now) {
        if (dsl.fetchExists(FOLLOW_UP, FOLLOW_UP.GENERATION_KEY.eq(key))) {
            return false;
        }
        insert(dsl, f, now, key);
        return true;
    }

    /**
     * Schedules a check-in for every active customer picked by {@code scope} who is due by
     * {@code horizon}, unless they already have a planned automatic check-in. One INSERT ... SELECT.
     *
     * <p>When a customer is due: {@code days} after the last logged contact; a contacted
     * customer already past that is due today. A never-contacted customer's clock starts at
     * their creation ({@code created_at} + {@code days}). A never-contacted customer already past
     * that (an imported list, a demo store whose customers came years ago) is not due today
     * with everyone else but on their own day of the next {@code days} days: slot
     * {@code id mod days} of a cycle of {@code days} days counted from the epoch, so each day
     * holds about 1/{@code days} of them, and a customer's day stays the same from one
     * generation to the next (a later run finds the same date, and the generation key, which
     * names the basis date, keeps it from being created twice).
     */
    public int insertCadenceCheckIns(DSLContext dsl, Condition scope, int days, LocalDate horizon, String title, LocalDateTime now,
                                     boolean purchasesCount) {
        LocalDate today = now.toLocalDate();
        // The customers in scope without a planned check-in, with their last logged contact and
        // last purchase: each read once per customer, and only for those, in id order. (Before,
        // each subquery ran twice, inside GREATEST(COALESCE(a, b), COALESCE(b, a)), for every
        // customer in scope, planned or not, in name order: 13 s at 100,000 customers, decision 0040.)
        Field<Long> customer = CUSTOMER.ID.as("cid");
        Field<LocalDateTime> created = CUSTOMER.CREATED_AT.as("created");
        Field<LocalDateTime> lastLogged = DSL.field(DSL.select(DSL.max(INTERACTION.OCCURRED_AT)).from(INTERACTION)
                .where(INTERACTION.CUSTOMER_ID.eq(CUSTOMER.ID))).as("last_logged");
        Field<LocalDateTime> lastBought = DSL.field(DSL.select(DSL.max(PURCHASE.PURCHASED_AT)).from(PURCHASE)
                .where(PURCHASE.CUSTOMER_ID.eq(CUSTOMER.ID).and(PURCHASE.VOIDED.isFalse()))).as("last_bought");
        var planned = DSL.selectOne().from(FOLLOW_UP).where(FOLLOW_UP.CUSTOMER_ID.eq(CUSTOMER.ID)
                .and(FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name()))
                .and(FOLLOW_UP.KIND.eq(FollowUpKind.CHECK_IN.name())));
        // Only customers who left the shop a channel (decision 0021): one opted out of every channel gets no check-in.
        var b = (purchasesCount ? DSL.select(customer, created, lastLogged, lastBought) : DSL.select(customer, created, lastLogged))
                .from(CUSTOMER)
                .where(CustomerRepository.notArchived().and(CustomerRepository.reachable()).and(scope))
                .andNotExists(planned).asTable("b");
        Field<Long> bid = b.field(customer);
        Field<LocalDateTime> logged = b.field(lastLogged);
        // A purchase in the shop is a contact too. GREATEST gives NULL when one side is NULL:
        // each side falls back on the other, so a customer with only one of the two keeps it.
        Field<LocalDateTime> last;
        if (purchasesCount) {
            Field<LocalDateTime> bought = b.field(lastBought);
            last = DSL.greatest(DSL.coalesce(logged, bought), DSL.coalesce(bought, logged));
        } else {
            last = logged;
        }
        Field<LocalDateTime> basis = DSL.coalesce(last, b.field(created));
        Field<LocalDateTime> computed = DSL.localDateTimeAdd(DSL.cast(DSL.cast(basis, LocalDate.class), LocalDateTime.class), days, DatePart.DAY);
        Field<LocalDateTime> todayStart = DSL.val(today.atStartOfDay());
        long phase = Math.floorMod(today.toEpochDay(), (long) days);
        Field<Long> slot = bid.mod(DSL.inline((long) days)).minus(DSL.inline(phase)).plus(DSL.inline((long) days)).mod(DSL.inline((long) days));
        Field<LocalDateTime> spread = DSL.localDateTimeAdd(todayStart, slot, DatePart.DAY);
        Field<LocalDateTime> due = DSL.when(computed.ge(todayStart), computed).when(last.isNull(), spread).otherwise(todayStart).as("due");
        Field<String> key = DSL.concat(DSL.inline(FollowUpTitles.CADENCE), bid.cast(String.class), DSL.inline(":"),
                DSL.cast(DSL.cast(basis, LocalDate.class), String.class)).as("gkey");
        Field<Long> dueCustomer = bid.as("cid");
        var t = DSL.select(dueCustomer, due, key).from(b).asTable("t");
        Field<Long> cid = t.field(dueCustomer);
        Field<LocalDateTime> tdue = t.field(due);
        Field<String> tkey = t.field(key);
        return dsl.insertInto(FOLLOW_UP, FOLLOW_UP.CUSTOMER_ID, FOLLOW_UP.KIND, FOLLOW_UP.TITLE, FOLLOW_UP.DUE_AT,
                        FOLLOW_UP.ALL_DAY, FOLLOW_UP.STATUS, FOLLOW_UP.RECURRENCE, FOLLOW_UP.OCCURRENCE,
                        FOLLOW_UP.GENERATION_KEY, FOLLOW_UP.TITLE_TYPED, FOLLOW_UP.CREATED_AT, FOLLOW_UP.UPDATED_AT)
                .select(DSL.select(cid, DSL.val(FollowUpKind.CHECK_IN.name()), DSL.val(title), tdue, DSL.val(true),
                                DSL.val(FollowUpStatus.PLANNED.name()), DSL.val(Recurrence.NONE.name()), DSL.val(0), tkey,
                                DSL.val(false), DSL.val(now), DSL.val(now))
                        .from(t)
                        .where(tdue.lt(DSL.val(horizon.plusDays(1).atStartOfDay())))
                        .andNotExists(DSL.selectOne().from(FOLLOW_UP).where(FOLLOW_UP.GENERATION_KEY.eq(tkey))))
                .execute();
    }

    /** Customers carrying {@code tag}. */
    public Condition hasTag(String tag) {
        return DSL.exists(DSL.selectOne().from(CUSTOMER_TAG).where(CUSTOMER_TAG.CUSTOMER_ID.eq(CUSTOMER.ID).and(CUSTOMER_TAG.TAG.eq(tag))));
    }

    /** Customers whose current membership tier is named {@code tier}. */
    public Condition inTier(String tier) {
        return DSL.exists(DSL.selectOne().from(CUSTOMER_MEMBERSHIP)
                .join(MEMBER_TIER).on(MEMBER_TIER.ID.eq(CUSTOMER_MEMBERSHIP.TIER_ID))
                .where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(CUSTOMER.ID).and(MEMBER_TIER.NAME.eq(tier))));
    }

    public Condition everyone() {
        return DSL.noCondition();
    }

    // ---- privacy requests (decision 0021) ----

    /** Every contact of the customer, oldest first. */
    public List<Contact> allContacts(DSLContext dsl, long customerId) {
        return dsl.selectFrom(INTERACTION).where(INTERACTION.CUSTOMER_ID.eq(customerId))
                .orderBy(INTERACTION.OCCURRED_AT, INTERACTION.ID).fetch(FollowUpRepository::contact);
    }

    /** Every follow-up of the customer, whatever its status, by due time. */
    public List<FollowUp> allFollowUps(DSLContext dsl, long customerId) {
        return dsl.select(FOLLOW_UP.fields()).select(CUSTOMER.NAME, CUSTOMER.CODE).from(FOLLOW_UP)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(FOLLOW_UP.CUSTOMER_ID))
                .where(FOLLOW_UP.CUSTOMER_ID.eq(customerId)).orderBy(FOLLOW_UP.DUE_AT, FOLLOW_UP.ID)
                .fetch(FollowUpRepository::followUp);
    }

    /** Deletes the customer's contacts and follow-ups (with their reschedules): what was said and planned with them. */
    public void erase(DSLContext dsl, long customerId) {
        dsl.deleteFrom(INTERACTION).where(INTERACTION.CUSTOMER_ID.eq(customerId)).execute();
        dsl.deleteFrom(FOLLOW_UP).where(FOLLOW_UP.CUSTOMER_ID.eq(customerId)).execute();
    }

    /** Masks {@code terms} (an erased customer's name, phones, ...) in other customers' follow-ups and contacts. */
    public void maskMentions(DSLContext dsl, long erasedId, List<String> terms) {
        if (terms.isEmpty()) {
            return;
        }
        for (Field<String> text : List.of(FOLLOW_UP.TITLE, FOLLOW_UP.NOTES)) {
            dsl.update(FOLLOW_UP).set(text, CustomerRepository.masked(text, terms))
                    .where(FOLLOW_UP.CUSTOMER_ID.ne(erasedId)).and(CustomerRepository.mentions(text, terms)).execute();
        }
        for (Field<String> text : List.of(INTERACTION.SUMMARY, INTERACTION.OUTCOME, INTERACTION.NEXT_STEP)) {
            dsl.update(INTERACTION).set(text, CustomerRepository.masked(text, terms))
                    .where(INTERACTION.CUSTOMER_ID.ne(erasedId)).and(CustomerRepository.mentions(text, terms)).execute();
        }
    }

    // ---- merges of customers (decision 0025) ----

    /** How many contacts and follow-ups these customers have, by the bundle key that names them. */
    public Map<String, Integer> countForMerge(DSLContext dsl, Collection<Long> customerIds) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        out.put("merge.count.contacts", dsl.fetchCount(INTERACTION, INTERACTION.CUSTOMER_ID.in(customerIds)));
        out.put("merge.count.followUps", dsl.fetchCount(FOLLOW_UP, FOLLOW_UP.CUSTOMER_ID.in(customerIds)));
        return out;
    }

    /** A follow-up with a generation key: which customer's, since when due, and whether still planned. */
    public record Keyed(long id, long customerId, String key, LocalDateTime dueAt, boolean planned) {
    }

    /** The follow-ups of these customers that carry a generation key, earliest due first. */
    public List<Keyed> keyed(DSLContext dsl, Collection<Long> customerIds) {
        return dsl.select(FOLLOW_UP.ID, FOLLOW_UP.CUSTOMER_ID, FOLLOW_UP.GENERATION_KEY, FOLLOW_UP.DUE_AT, FOLLOW_UP.STATUS)
                .from(FOLLOW_UP)
                .where(FOLLOW_UP.CUSTOMER_ID.in(customerIds)).and(FOLLOW_UP.GENERATION_KEY.isNotNull())
                .orderBy(FOLLOW_UP.DUE_AT, FOLLOW_UP.ID)
                .fetch(r -> new Keyed(r.value1(), r.value2(), r.value3(), r.value4(), FollowUpStatus.PLANNED.name().equals(r.value5())));
    }

    /** Cancels these planned follow-ups. */
    public void cancel(DSLContext dsl, Collection<Long> ids, LocalDateTime now) {
        if (!ids.isEmpty()) {
            dsl.update(FOLLOW_UP).set(FOLLOW_UP.STATUS, FollowUpStatus.CANCELLED.name()).set(FOLLOW_UP.UPDATED_AT, now)
                    .where(FOLLOW_UP.ID.in(ids)).and(FOLLOW_UP.STATUS.eq(FollowUpStatus.PLANNED.name())).execute();
        }
    }

    public void setGenerationKey(DSLContext dsl, long id, String key) {
        dsl.update(FOLLOW_UP).set(FOLLOW_UP.GENERATION_KEY, key).where(FOLLOW_UP.ID.eq(id)).execute();
    }

    /** Moves the contacts and follow-ups of {@code others} to {@code keptId} (reschedules follow their follow-ups). */
    public void moveForMerge(DSLContext dsl, long keptId, Collection<Long> others) {
        dsl.update(INTERACTION).set(INTERACTION.CUSTOMER_ID, keptId).where(INTERACTION.CUSTOMER_ID.in(others)).execute();
        dsl.update(FOLLOW_UP).set(FOLLOW_UP.CUSTOMER_ID, keptId).where(FOLLOW_UP.CUSTOMER_ID.in(others)).execute();
    }

    /** This feature's files in the shop's export ({@code export all}, decision 0026), in the order an import loads them. */
    public static List<app.regulars.store.ArchiveTable> archiveTables() {
        return List.of(
                app.regulars.store.ArchiveTable.of("contacts", INTERACTION).values(INTERACTION.CHANNEL, ContactChannel.class),
                app.regulars.store.ArchiveTable.of("follow_ups", FOLLOW_UP).values(FOLLOW_UP.KIND, FollowUpKind.class)
                        .values(FOLLOW_UP.STATUS, FollowUpStatus.class).values(FOLLOW_UP.RECURRENCE, Recurrence.class),
                app.regulars.store.ArchiveTable.of("follow_up_reschedules", FOLLOW_UP_RESCHEDULE));
    }
}
