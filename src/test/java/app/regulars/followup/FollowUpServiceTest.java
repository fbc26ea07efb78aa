package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FollowUpServiceTest {
    @TempDir
    Path dir;
    AppContext ctx;
    FollowUpService service;
    long wang;
    long zeng;
    long alice;
    long zhangArchived;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        TestStores.addKnownCustomers(ctx.customers());
        service = ctx.followUps();
        wang = id("王小明");
        zeng = id("曾晓燕");
        alice = id("Alice Smith");
        zhangArchived = ctx.customers().search("张伟", null, true, app.regulars.customer.CustomerSort.NAME, true)[0];
    }

    long id(String name) {
        return ctx.customers().search(name, null, false, app.regulars.customer.CustomerSort.NAME, true)[0];
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    LocalDateTime at(int y, int m, int d, int h) {
        return LocalDateTime.of(y, m, d, h, 0);
    }

    @Test
    void complaintIsDueTwentyFourHoursAfterItWasOpenedAndLateAfterThat() {
        LocalDateTime opened = at(2026, 11, 22, 15);
        long id = service.openComplaint(wang, "茶叶受潮", "退换", opened);
        FollowUp f = service.get(id).orElseThrow();
        assertEquals(FollowUpKind.COMPLAINT, f.kind());
        assertEquals(at(2026, 11, 23, 15), f.dueAt());
        assertEquals(at(2026, 11, 23, 15), f.resolveBy());
        assertEquals("王小明", f.customerName());
        assertFalse(f.isLate(at(2026, 11, 23, 14)));
        assertTrue(f.isLate(at(2026, 11, 23, 16)));
    }

    @Test
    void completingRecordsAContactAndSchedulesTheNextOccurrence() {
        FollowUp monthly = FollowUp.planned(wang, FollowUpKind.CHECK_IN, "Monthly tea tasting", at(2027, 1, 31, 10))
                .withRecurrence(Recurrence.MONTHLY, LocalDate.of(2027, 3, 31));
        FollowUp saved = service.schedule(monthly);
        FollowUp second = service.complete(saved.id(), ContactChannel.PHONE, "Called", "Will come", "Send samples").orElseThrow();
        assertEquals(at(2027, 2, 28, 10), second.dueAt());
        assertEquals(FollowUpStatus.DONE, service.get(saved.id()).orElseThrow().status());
        List<Contact> contacts = service.contacts(wang, 10);
        assertEquals(1, contacts.size());
        assertEquals("Will come", contacts.getFirst().outcome());
        assertEquals(saved.id(), contacts.getFirst().followUpId());
        // computed from the series' start, not from 28 February: 31 March, then the end
        FollowUp third = service.complete(second.id(), ContactChannel.VISIT, null, null, null).orElseThrow();
        assertEquals(at(2027, 3, 31, 10), third.dueAt());
        assertEquals(Optional.empty(), service.complete(third.id(), ContactChannel.VISIT, null, null, null));
    }

    @Test
    void recurrenceRulesOnKnownDates() {
        LocalDateTime start = at(2024, 2, 29, 9);
        assertEquals(at(2025, 2, 28, 9), Recurrence.YEARLY.occurrence(start, 1));
        assertEquals(at(2028, 2, 29, 9), Recurrence.YEARLY.occurrence(start, 4));
        assertEquals(at(2024, 5, 29, 9), Recurrence.QUARTERLY.occurrence(start, 1));
        assertEquals(at(2024, 3, 7, 9), Recurrence.WEEKLY.occurrence(start, 1));
        assertEquals(at(2024, 3, 1, 9), Recurrence.DAILY.occurrence(start, 1));
        assertEquals(at(2024, 4, 29, 9), Recurrence.MONTHLY.occurrence(start, 2));
    }

    @Test
    void holidaysAreComputedFromTheLunarCalendar() {
        assertEquals(LocalDate.of(2027, 2, 6), Holiday.SPRING_FESTIVAL.in(2027));
        assertEquals(LocalDate.of(2026, 2, 17), Holiday.SPRING_FESTIVAL.in(2026));
        assertEquals(LocalDate.of(2025, 1, 29), Holiday.SPRING_FESTIVAL.in(2025));
        assertEquals(LocalDate.of(2027, 9, 15), Holiday.MID_AUTUMN.in(2027));
        assertEquals(LocalDate.of(2026, 9, 25), Holiday.MID_AUTUMN.in(2026));
        assertEquals(LocalDate.of(2027, 1, 1), Holiday.NEW_YEAR.next(TestStores.TODAY));
        assertEquals(LocalDate.of(2027, 9, 15), Holiday.MID_AUTUMN.next(TestStores.TODAY));
    }

    @Test
    void badInputIsRefusedWithAMessageAndNothingStored() {
        FollowUp noEnd = FollowUp.planned(wang, FollowUpKind.VISIT, "Visit", at(2026, 12, 1, 10)).withRecurrence(Recurrence.WEEKLY, null);
        assertEquals("followup.error.noEnd", assertThrows(UserException.class, () -> service.schedule(noEnd)).key());
        FollowUp endBefore = noEnd.withRecurrence(Recurrence.WEEKLY, LocalDate.of(2026, 11, 1));
        assertEquals("followup.error.endBeforeStart", assertThrows(UserException.class, () -> service.schedule(endBefore)).key());
        FollowUp archived = FollowUp.planned(zhangArchived, FollowUpKind.VISIT, "Visit", at(2026, 12, 1, 10));
        assertEquals("followup.error.archived", assertThrows(UserException.class, () -> service.schedule(archived)).key());
        assertEquals("followup.error.range", assertThrows(UserException.class,
                () -> service.between(at(2026, 12, 2, 0), at(2026, 12, 1, 0), FollowUpFilter.ALL)).key());
        assertTrue(service.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), FollowUpFilter.ALL).isEmpty());
    }

    @Test
    void reschedulingKeepsHistory() {
        FollowUp f = service.schedule(FollowUp.planned(zeng, FollowUpKind.VISIT, "Visit shop", at(2026, 11, 25, 14)));
        service.reschedule(f.id(), at(2026, 11, 26, 9), false);
        FollowUp moved = service.reschedule(f.id(), at(2026, 11, 27, 0), true);
        assertEquals(at(2026, 11, 27, 0), moved.dueAt());
        assertTrue(moved.allDay());
        var history = service.history(f.id());
        assertEquals(2, history.size());
        assertEquals(at(2026, 11, 25, 14), history.get(0).oldDue());
        assertEquals(at(2026, 11, 26, 9), history.get(1).oldDue());
        service.setStatus(f.id(), FollowUpStatus.CANCELLED);
        assertEquals("followup.error.notPlanned", assertThrows(UserException.class,
                () -> service.reschedule(f.id(), at(2026, 11, 28, 9), false)).key());
    }

    @Test
    void listsFilterByKindOwnerStatusAndTagAndShowOverdue() {
        service.schedule(FollowUp.planned(wang, FollowUpKind.VISIT, "A", at(2026, 11, 20, 9)).withOwner("Li"));
        service.schedule(FollowUp.planned(zeng, FollowUpKind.CHECK_IN, "B", at(2026, 11, 24, 9)).withOwner("Wang"));
        service.schedule(FollowUp.planned(alice, FollowUpKind.VISIT, "C", at(2026, 11, 25, 9)));
        LocalDateTime from = at(2026, 11, 1, 0);
        LocalDateTime to = at(2026, 12, 1, 0);
        assertEquals(List.of("A", "B", "C"), titles(service.between(from, to, FollowUpFilter.ALL)));
        assertEquals(List.of("A", "C"), titles(service.between(from, to, new FollowUpFilter(FollowUpKind.VISIT, null, null, null))));
        assertEquals(List.of("B"), titles(service.between(from, to, new FollowUpFilter(null, "Wang", null, null))));
        assertEquals(List.of("A", "B"), titles(service.between(from, to, new FollowUpFilter(null, null, null, "茶友"))));
        assertEquals(List.of("A"), titles(service.todayList(FollowUpFilter.ALL, 10).overdue()));
        assertEquals(List.of("Li", "Wang"), service.owners());
    }

    @Test
    void theOverdueListAndARangeAreTheFirstByDueTimeThenIdWithTheirCustomers() {
        // more than the limit, several at the same time (in the order they were made), one done, one not yet due
        long[] who = {wang, zeng, alice};
        for (int i = 0; i < 12; i++) {
            service.schedule(FollowUp.planned(who[i % 3], FollowUpKind.CHECK_IN, "T" + i, at(2026, 11, 10 + (11 - i) / 3, 9)));
        }
        FollowUp done = service.schedule(FollowUp.planned(wang, FollowUpKind.CHECK_IN, "done", at(2026, 11, 1, 9)));
        service.setStatus(done.id(), FollowUpStatus.DONE);
        service.schedule(FollowUp.planned(zeng, FollowUpKind.CHECK_IN, "later", at(2027, 1, 5, 9)));
        FollowUpRepository repository = new FollowUpRepository();
        var dsl = ctx.database().dsl();

        List<FollowUp> first = repository.overdue(dsl, at(2026, 12, 1, 0), FollowUpFilter.ALL, 7);
        // due on the 10th: T9, T10, T11; the 11th: T6, T7, T8; the 12th: T3 (of T3-T5)
        assertEquals(List.of("T9", "T10", "T11", "T6", "T7", "T8", "T3"), titles(first));
        assertEquals(List.of("王小明", "曾晓燕", "Alice Smith", "王小明", "曾晓燕", "Alice Smith", "王小明"),
                first.stream().map(FollowUp::customerName).toList());
        // a filter on the customers' tags (王小明 and 曾晓燕 are 茶友) chooses before the limit
        assertEquals(List.of("T9", "T10", "T6", "T7", "T3"), titles(repository.overdue(dsl, at(2026, 12, 1, 0),
                new FollowUpFilter(null, null, null, "茶友"), 5)));
        assertEquals(List.of("T6", "T7", "T8", "T3"), titles(repository.range(dsl, at(2026, 11, 11, 0), at(2026, 11, 30, 0),
                FollowUpFilter.ALL, 4)));
        assertEquals(List.of(), repository.overdue(dsl, at(2026, 11, 2, 0), FollowUpFilter.ALL, 7));
    }

    private static List<String> titles(List<FollowUp> list) {
        return list.stream().map(FollowUp::title).toList();
    }

    @Test
    void contactsAddEditDelete() {
        Contact i = service.logContact(new Contact(null, wang, at(2026, 11, 22, 16), ContactChannel.WECHAT, "问了新茶", null, "周六来", null));
        service.logContact(new Contact(null, wang, at(2026, 11, 23, 9), ContactChannel.IN_STORE, "买了龙井", "满意", null, null));
        assertEquals(List.of("买了龙井", "问了新茶"), service.contacts(wang, 10).stream().map(Contact::summary).toList());
        service.updateContact(new Contact(i.id(), wang, i.occurredAt(), ContactChannel.PHONE, "电话问新茶", null, null, null));
        assertEquals(ContactChannel.PHONE, service.contacts(wang, 10).get(1).channel());
        service.deleteContact(i.id());
        assertEquals(1, service.contacts(wang, 10).size());
        assertEquals("followup.error.summary", assertThrows(UserException.class,
                () -> service.logContact(new Contact(null, wang, at(2026, 11, 23, 9), ContactChannel.SMS, "  ", null, null, null))).key());
    }

    @Test
    void generationIsIdempotentSkipsCustomersWithoutConsentAndConvertsLunarBirthdays() {
        // 2026-11-23: New Year in 39 days, 王小明's lunar birthday (8/15) has passed this year.
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "30");
        ctx.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "7");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        ctx.settings().put(AutoFollowUps.CADENCE_RULES, "tag:茶友=0;tag:VIP=30");
        Messages en = new Messages(Messages.ENGLISH);
        AutoFollowUps auto = ctx.autoFollowUps();
        AutoFollowUps.Result first = auto.generate(en);
        // only 王小明 has marketing consent: a New Year greeting due 2026-12-02
        assertEquals(1, first.holidays());
        List<FollowUp> all = service.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), FollowUpFilter.ALL);
        FollowUp greeting = all.stream().filter(f -> f.kind() == FollowUpKind.HOLIDAY).findFirst().orElseThrow();
        assertEquals(wang, greeting.customerId());
        assertEquals(LocalDate.of(2026, 12, 2), greeting.dueAt().toLocalDate());
        assertEquals("New Year greeting", greeting.title());
        // the cadence: the customers were created today, so nobody is due within 14 days
        assertEquals(0, first.checkIns());
        AutoFollowUps.Result second = auto.generate(en);
        assertEquals(0, second.total());
        assertEquals(all.size(), service.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), FollowUpFilter.ALL).size());
    }

    @Test
    void lunarBirthdayGreetingFallsOnThisYearsDate() {
        // 曾晓燕's solar birthday 12-01 is 8 days away; she gets none without consent.
        Customer z = ctx.customers().get(zeng).orElseThrow();
        ctx.customers().save(z.toBuilder().consent(new app.regulars.customer.Consent(true, TestStores.TODAY, null))
                .birthday(app.regulars.customer.Birthday.lunar(null, 10, 20, false)).build());
        ctx.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "3");
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "0");
        AutoFollowUps.Result r = ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        assertEquals(1, r.birthdays());
        // lunar 10/20 in 2026 is 2026-11-28 (the 10th month begins with the new moon of 9 November); greeted 3 days ahead
        FollowUp b = service.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), new FollowUpFilter(FollowUpKind.BIRTHDAY, null, null, null)).getFirst();
        assertEquals(LocalDate.of(2026, 11, 25), b.dueAt().toLocalDate());
        assertTrue(b.title().contains("11/28"), b.title());
        assertEquals(0, ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH)).birthdays());
    }

    @Test
    void cadenceChecksInAfterTheLastContactAndALoggedContactResetsTheClock() {
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        ctx.settings().put(AutoFollowUps.CADENCE_RULES, "tag:VIP=30");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
        // 王小明 (VIP, every 30 days) last contacted 25 days ago: due in 5 days
        service.logContact(new Contact(null, wang, at(2026, 10, 29, 10), ContactChannel.VISIT, "Visited", null, null, null));
        // 曾晓燕 (every 90) contacted 100 days ago: due now; Alice contacted 60 days ago: not yet
        service.logContact(new Contact(null, zeng, at(2026, 8, 15, 10), ContactChannel.PHONE, "Called", null, null, null));
        service.logContact(new Contact(null, alice, at(2026, 9, 24, 10), ContactChannel.PHONE, "Called", null, null, null));
        AutoFollowUps.Result r = ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        assertEquals(2, r.checkIns());
        List<FollowUp> checkIns = service.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), new FollowUpFilter(FollowUpKind.CHECK_IN, null, null, null));
        assertEquals(LocalDate.of(2026, 11, 23), checkIns.get(0).dueAt().toLocalDate());
        assertEquals(zeng, checkIns.get(0).customerId());
        assertEquals(LocalDate.of(2026, 11, 28), checkIns.get(1).dueAt().toLocalDate());
        assertEquals(wang, checkIns.get(1).customerId());
        assertEquals(0, ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH)).checkIns());
        // a contact today resets 王小明's clock: the planned check-in is cancelled, none is due within 14 days
        service.logContact(new Contact(null, wang, at(2026, 11, 23, 9), ContactChannel.IN_STORE, "Came in", null, null, null));
        assertEquals(FollowUpStatus.CANCELLED, service.get(checkIns.get(1).id()).orElseThrow().status());
        assertEquals(0, ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH)).checkIns());
    }

    @Test
    void completingAFollowUpAndBuyingInTheShopRestartTheCadenceToo() {
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        ctx.settings().put(AutoFollowUps.CADENCE_RULES, "");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
        service.logContact(new Contact(null, zeng, at(2026, 8, 15, 10), ContactChannel.PHONE, "Called", null, null, null));
        service.logContact(new Contact(null, alice, at(2026, 8, 15, 10), ContactChannel.PHONE, "Called", null, null, null));
        ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        FollowUp zengCheckIn = checkIns(service).stream().filter(f -> f.customerId() == zeng).findFirst().orElseThrow();
        FollowUp aliceCheckIn = checkIns(service).stream().filter(f -> f.customerId() == alice).findFirst().orElseThrow();

        // A visit planned by hand and completed: it logs a contact, so the automatic check-in goes.
        FollowUp visit = service.schedule(FollowUp.planned(zeng, FollowUpKind.VISIT, "Bring samples", at(2026, 11, 23, 9)));
        service.complete(visit.id(), ContactChannel.VISIT, "Visited", "Liked the oolong", null);
        assertEquals(FollowUpStatus.CANCELLED, service.get(zengCheckIn.id()).orElseThrow().status());

        // A purchase in the shop counts as a contact: at the next generation Alice's check-in goes, none is due soon.
        ctx.membership().recordPurchase(alice, at(2026, 11, 23, 11), new java.math.BigDecimal("88.00"), null);
        ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        assertEquals(FollowUpStatus.CANCELLED, service.get(aliceCheckIn.id()).orElseThrow().status());
        assertTrue(checkIns(service).stream().noneMatch(f -> f.customerId() == alice && f.status() == FollowUpStatus.PLANNED));
    }

    @Test
    void aPurchaseDoesNotRestartTheCadenceWhenTheSettingSaysSo() {
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        ctx.settings().put(AutoFollowUps.CADENCE_RULES, "");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
        ctx.settings().put(AutoFollowUps.PURCHASE_COUNTS, "false");
        service.logContact(new Contact(null, alice, at(2026, 8, 15, 10), ContactChannel.PHONE, "Called", null, null, null));
        ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        FollowUp aliceCheckIn = checkIns(service).stream().filter(f -> f.customerId() == alice).findFirst().orElseThrow();
        ctx.membership().recordPurchase(alice, at(2026, 11, 23, 11), new java.math.BigDecimal("88.00"), null);
        ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        assertEquals(FollowUpStatus.PLANNED, service.get(aliceCheckIn.id()).orElseThrow().status());
    }

    @Test
    void cadenceCanBeSetPerMembershipTier() {
        var dsl = ctx.database().dsl();
        Long gold = dsl.select(MEMBER_TIER.ID).from(MEMBER_TIER).where(MEMBER_TIER.NAME.eq("Gold")).fetchOne(MEMBER_TIER.ID);
        dsl.insertInto(CUSTOMER_MEMBERSHIP, CUSTOMER_MEMBERSHIP.CUSTOMER_ID, CUSTOMER_MEMBERSHIP.TIER_ID, CUSTOMER_MEMBERSHIP.TIER_SINCE)
                .values(alice, gold, java.time.LocalDateTime.now()).onDuplicateKeyUpdate().set(CUSTOMER_MEMBERSHIP.TIER_ID, gold).execute();
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        ctx.settings().put(AutoFollowUps.CADENCE_RULES, "tier:Gold=30");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
        service.logContact(new Contact(null, alice, at(2026, 10, 25, 10), ContactChannel.EMAIL, "Quote sent", null, null, null));
        service.logContact(new Contact(null, zeng, at(2026, 10, 25, 10), ContactChannel.PHONE, "Called", null, null, null));
        ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        List<FollowUp> checkIns = service.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), new FollowUpFilter(FollowUpKind.CHECK_IN, null, null, null));
        assertEquals(1, checkIns.size());
        assertEquals(alice, checkIns.getFirst().customerId());
        assertEquals(LocalDate.of(2026, 11, 24), checkIns.getFirst().dueAt().toLocalDate());
    }

    List<FollowUp> checkIns(FollowUpService s) {
        return s.between(at(2000, 1, 1, 0), at(2100, 1, 1, 0), new FollowUpFilter(FollowUpKind.CHECK_IN, null, null, null));
    }

    @Test
    void aNeverContactedCustomersClockStartsAtTheirCreation() {
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "10");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
        long yesterday = ctx.customers().save(Customer.builder().name("刘芳").phones("137 0000 2222")
                .createdAt(at(2026, 11, 22, 16)).build()).id();
        AutoFollowUps.Result r = ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        // 刘芳, created yesterday: due 10 days after; the three created today: 10 days after today; 张伟 is archived
        assertEquals(4, r.checkIns());
        for (FollowUp f : checkIns(service)) {
            assertEquals(f.customerId() == yesterday ? LocalDate.of(2026, 12, 2) : LocalDate.of(2026, 12, 3),
                    f.dueAt().toLocalDate(), () -> "customer " + f.customerId());
        }
    }

    @Test
    void aContactedCustomerIsDueAfterTheLastContactEvenWhenCreatedLongAgo() {
        Customer old = ctx.customers().save(Customer.builder().name("陈静").phones("135 0000 3333").createdAt(at(2021, 5, 1, 10)).build());
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "30");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "40");
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
        service.logContact(new Contact(null, old.id(), at(2026, 11, 1, 10), ContactChannel.PHONE, "Called", null, null, null));
        ctx.autoFollowUps().generate(new Messages(Messages.ENGLISH));
        FollowUp checkIn = checkIns(service).stream().filter(f -> f.customerId() == old.id()).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2026, 12, 1), checkIn.dueAt().toLocalDate());
    }

    @Test
    void oldNeverContactedCustomersAreSpreadOverTheNextCadenceNotAllDueToday(@TempDir Path demoDir) {
        // a fresh demo store: 300 customers who first came up to 5 years ago, none contacted yet
        try (AppContext demo = TestStores.open(demoDir)) {
            new app.regulars.app.demo.SampleShop(42, TestStores.TODAY).fill(demo.customers(), 300, n -> { }, () -> false);
            demo.settings().put(AutoFollowUps.CADENCE_DEFAULT, "30");
            demo.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
            demo.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
            demo.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "0");
            Messages en = new Messages(Messages.ENGLISH);
            int first = demo.autoFollowUps().generate(en).checkIns();
            List<FollowUp> planned = checkIns(demo.followUps());
            assertEquals(first, planned.size());
            // 300 spread over 30 days, of which the 15 within the horizon are planned now
            assertTrue(first >= 130 && first <= 170, "planned now: " + first);
            java.util.Map<LocalDate, Long> perDay = planned.stream().collect(java.util.stream.Collectors.groupingBy(
                    f -> f.dueAt().toLocalDate(), java.util.stream.Collectors.counting()));
            assertTrue(perDay.values().stream().allMatch(n -> n <= 15), "per day: " + perDay);
            assertTrue(perDay.keySet().stream().allMatch(d -> !d.isBefore(TestStores.TODAY) && !d.isAfter(TestStores.TODAY.plusDays(14))),
                    "days: " + perDay.keySet());
            assertEquals(0, demo.autoFollowUps().generate(en).checkIns());

            // with the whole cadence in view every customer gets one day of the next 30, none twice
            demo.settings().put(AutoFollowUps.HORIZON_DAYS, "60");
            int rest = demo.autoFollowUps().generate(en).checkIns();
            List<FollowUp> all = checkIns(demo.followUps());
            assertEquals(300, first + rest);
            assertEquals(300, all.stream().map(FollowUp::customerId).distinct().count());
            perDay = all.stream().collect(java.util.stream.Collectors.groupingBy(f -> f.dueAt().toLocalDate(), java.util.stream.Collectors.counting()));
            assertTrue(perDay.values().stream().allMatch(n -> n <= 15), "per day: " + perDay);
            assertTrue(perDay.keySet().stream().allMatch(d -> !d.isBefore(TestStores.TODAY) && d.isBefore(TestStores.TODAY.plusDays(30))),
                    "days: " + perDay.keySet());
            // the earlier ones kept their day
            for (FollowUp f : planned) {
                assertEquals(f.dueAt(), demo.followUps().get(f.id()).orElseThrow().dueAt());
            }
            assertEquals(0, demo.autoFollowUps().generate(en).checkIns());
        }
    }

    @Test
    void aSpreadCustomerKeepsTheirDayWhenGenerationRunsAgainOnLaterDays(@TempDir Path demoDir) {
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        java.util.Map<Long, LocalDate> dayOf = new java.util.HashMap<>();
        try (AppContext demo = TestStores.open(demoDir)) {
            new app.regulars.app.demo.SampleShop(7, TestStores.TODAY).fill(demo.customers(), 120, n -> { }, () -> false);
            demo.settings().put(AutoFollowUps.CADENCE_DEFAULT, "30");
            demo.settings().put(AutoFollowUps.HORIZON_DAYS, "7");
            demo.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
            demo.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "0");
            demo.autoFollowUps().generate(new Messages(Messages.ENGLISH));
            checkIns(demo.followUps()).forEach(f -> dayOf.put(f.customerId(), f.dueAt().toLocalDate()));
        }
        // the app opened again on each of the next ten days: nobody planned twice, nobody moved, nobody skipped
        for (int d = 1; d <= 10; d++) {
            LocalDate today = TestStores.TODAY.plusDays(d);
            try (AppContext demo = app.regulars.testing.TestStores.open(demoDir, java.time.Clock.fixed(today.atTime(9, 0).atZone(zone).toInstant(), zone),
                    java.util.Locale.SIMPLIFIED_CHINESE)) {
                demo.autoFollowUps().generate(new Messages(Messages.ENGLISH));
                List<FollowUp> all = checkIns(demo.followUps());
                assertEquals(all.size(), all.stream().map(FollowUp::customerId).distinct().count());
                for (FollowUp f : all) {
                    LocalDate before = dayOf.putIfAbsent(f.customerId(), f.dueAt().toLocalDate());
                    if (before != null) {
                        assertEquals(before, f.dueAt().toLocalDate());
                    }
                }
                assertTrue(all.stream().noneMatch(f -> f.dueAt().toLocalDate().isAfter(today.plusDays(7))));
            }
        }
        // by day 10 everyone due up to day 17 is planned: 18 of the 30 slots
        assertTrue(dayOf.size() >= 60 && dayOf.size() <= 84, "planned: " + dayOf.size());
    }
}
