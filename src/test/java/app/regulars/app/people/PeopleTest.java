package app.regulars.app.people;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerCsvExporter;
import app.regulars.customer.CustomerService;
import app.regulars.customer.PrivacyRequest;
import app.regulars.customer.PrivacyService;
import app.regulars.i18n.UserException;
import app.regulars.insight.InsightSettings;
import app.regulars.store.People;
import app.regulars.store.Person;
import app.regulars.store.Role;
import app.regulars.store.ShopArchive;
import app.regulars.tables.Progress;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static app.regulars.store.jooq.Tables.PERSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** People, their PINs and roles (decision 0033), on both engines: the services and the command line refuse staff. */
class PeopleTest {
    @TempDir
    Path dir;

    private static char[] pin(String s) {
        return s.toCharArray();
    }

    private static void refusedAsStaff(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.ownerOnly"));
    }

    @Test
    void theFirstPersonIsTheOwnerSignedInAndPinsAreKeptAsSlowSaltedHashes() {
        try (AppContext ctx = TestStores.open(dir)) {
            People people = ctx.people();
            assertThat(people.session().peopleExist()).isFalse();
            assertThat(people.session().owner()).as("a shop without people: everything, as before").isTrue();
            Person mei = people.add("  Mei  Lin ", Role.STAFF, pin("2468"));
            assertThat(mei.role()).as("the first is the owner whatever was asked").isEqualTo(Role.OWNER);
            assertThat(mei.name()).isEqualTo("Mei Lin");
            assertThat(people.session().person()).contains(mei);
            Person bo = people.add("Bo", Role.STAFF, pin("1357"));
            assertThat(bo.role()).isEqualTo(Role.STAFF);
            assertThatThrownBy(() -> people.add("mei lin", Role.STAFF, pin("9999")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.nameTaken"));
            assertThatThrownBy(() -> people.add("Cai", Role.STAFF, pin("12a4")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.pin"));

            var hashes = ctx.database().dsl().select(PERSON.PIN_HASH).from(PERSON).fetch(PERSON.PIN_HASH);
            assertThat(hashes).hasSize(2).allSatisfy(h -> {
                assertThat(h).startsWith("PBKDF2WithHmacSHA256$600000$").doesNotContain("2468").doesNotContain("1357");
                assertThat(h.split("\\$")).hasSize(4);
            });
            assertThat(hashes.get(0).split("\\$")[2]).as("each its own salt").isNotEqualTo(hashes.get(1).split("\\$")[2]);

            people.session().signOut();
            assertThat(people.session().signInNeeded()).isTrue();
            assertThatThrownBy(() -> people.signIn("Bo", pin("1358")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.signIn"));
            assertThatThrownBy(() -> people.signIn("Nobody", pin("1357")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.signIn"));
            assertThat(people.session().person()).isEmpty();
            assertThatThrownBy(() -> people.session().requireOwner())
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.signInFirst"));
            assertThat(people.signIn(" BO ", pin("1357"))).isEqualTo(bo);
            assertThat(people.session().owner()).isFalse();
        }
        try (AppContext again = TestStores.open(dir)) {
            assertThat(again.people().session().signInNeeded()).as("a store with people asks at every open").isTrue();
            assertThat(again.people().teamMode()).isTrue();
        }
    }

    @Test
    void staffAreRefusedByTheServicesWhatOnlyTheOwnerMayDo() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            People people = ctx.people();
            people.add("Mei", Role.OWNER, pin("2468"));
            people.add("Bo", Role.STAFF, pin("1357"));
            people.session().signOut();
            people.signIn("Bo", pin("1357"));
            Customer alice = ctx.customers().save(Customer.builder().name("Alice Erase").phones("135 0000 9999").build());

            refusedAsStaff(() -> ctx.services().get(PrivacyService.class).erase(alice.id(), PrivacyRequest.Source.WINDOW));
            refusedAsStaff(() -> ctx.services().get(ShopArchive.class).export(dir.resolve("all.zip"), Progress.NONE, () -> false));
            refusedAsStaff(() -> new CustomerCsvExporter(ctx.customers()).export(dir.resolve("c.csv"), Progress.NONE, () -> false));
            refusedAsStaff(() -> ctx.customers().saveField(new app.regulars.customer.CustomField(null, "Size",
                    app.regulars.customer.FieldKind.TEXT, java.util.List.of(), false)));
            refusedAsStaff(() -> ctx.membership().saveTiers(java.util.List.of()));
            refusedAsStaff(() -> InsightSettings.DEFAULTS.save(ctx.settings()));
            refusedAsStaff(() -> people.add("Cai", Role.STAFF, pin("1111")));
            refusedAsStaff(() -> people.setRole(people.session().person().orElseThrow().id(), Role.OWNER));
            PeopleViewModel page = new PeopleViewModel(people, new app.regulars.testing.SyncTaskRunner(), new app.regulars.i18n.Messages(Locale.ENGLISH));
            page.newNameProperty().set("Cai");
            page.newPinProperty().set("1111");
            page.add();
            assertThat(page.statusProperty().get()).isEqualTo("Only the owner can do that; Bo is signed in as staff.");
            assertThat(page.newPinProperty().get()).as("the PIN is not kept").isEmpty();
            assertThat(dir.resolve("all.zip")).doesNotExist();
            assertThat(dir.resolve("c.csv")).doesNotExist();
            assertThat(ctx.customers().get(alice.id()).orElseThrow().erased()).isFalse();
            // what staff do every day still works
            assertThat(ctx.customers().save(Customer.builder().name("New Regular").phones("137 0000 2222").build()).id()).isNotNull();

            people.session().signOut();
            people.signIn("mei", pin("2468"));
            ctx.services().get(PrivacyService.class).erase(alice.id(), PrivacyRequest.Source.WINDOW);
            assertThat(new CustomerCsvExporter(ctx.customers()).export(dir.resolve("c.csv"), Progress.NONE, () -> false)).isPositive();
        }
    }

    @Test
    void theLastActiveOwnerStaysOwnerAndADisabledPersonCannotSignIn() {
        try (AppContext ctx = TestStores.open(dir)) {
            People people = ctx.people();
            Person mei = people.add("Mei", Role.OWNER, pin("2468"));
            Person bo = people.add("Bo", Role.STAFF, pin("1357"));
            assertThatThrownBy(() -> people.setRole(mei.id(), Role.STAFF))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.lastOwner"));
            assertThatThrownBy(() -> people.setActive(mei.id(), false))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.lastOwner"));
            assertThat(people.all()).extracting(Person::role, Person::active)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Role.OWNER, true), org.assertj.core.groups.Tuple.tuple(Role.STAFF, true));
            people.setActive(bo.id(), false);
            people.resetPin(bo.id(), pin("8642"));
            people.session().signOut();
            assertThatThrownBy(() -> people.signIn("Bo", pin("8642")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.signIn"));
            assertThat(people.activeNames()).containsExactly("Mei");
        }
    }

    @Test
    void theCommandLineSignsInAndNeverBypassesTheRoles() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            ctx.people().add("Mei", Role.OWNER, pin("2468"));
            ctx.people().add("Bo", Role.STAFF, pin("1357"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of(), out, err, "find", "Alice")).isEqualTo(1);
        assertThat(err.toString()).contains("--user NAME").contains("REGULARS_PIN");

        err.getBuffer().setLength(0);
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of("REGULARS_PIN", "1357"), out, err, "--user", "Bo", "find", "Alice"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("Alice Smith");

        err.getBuffer().setLength(0);
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of("REGULARS_USER", "Bo", "REGULARS_PIN", "1357"), out, err,
                "export", "all", "-o", dir.resolve("all.zip").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Only the owner can do that; Bo is signed in as staff.");
        assertThat(dir.resolve("all.zip")).doesNotExist();

        err.getBuffer().setLength(0);
        java.nio.file.Path copy = dir.resolveSibling(dir.getFileName() + "-copy");
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of("REGULARS_USER", "Bo", "REGULARS_PIN", "1357"), out, err,
                "store", "copy", "--to-file", copy.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Only the owner can do that; Bo is signed in as staff.");
        assertThat(copy.resolve("regulars.mv.db")).doesNotExist();

        err.getBuffer().setLength(0);
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of("REGULARS_USER", "Bo", "REGULARS_PIN", "1357"), out, err,
                "customer", "erase", "--yes", "000003")).isEqualTo(1);
        assertThat(err.toString()).contains("Only the owner can do that; Bo is signed in as staff.");
        try (AppContext ctx = TestStores.open(dir)) {
            assertThat(ctx.customers().byCode("000003").orElseThrow().erased()).isFalse();
        }

        err.getBuffer().setLength(0);
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of("REGULARS_USER", "Bo", "REGULARS_PIN", "0000"), out, err, "find", "Alice")).isEqualTo(1);
        assertThat(err.toString()).contains("That name and PIN do not match anyone allowed to sign in.");

        err.getBuffer().setLength(0);
        assertThat(Cli.run(dir, Locale.ENGLISH, Map.of("REGULARS_USER", "Mei", "REGULARS_PIN", "2468"), out, err,
                "export", "customers", "-o", dir.resolve("c.csv").toString())).as(err.toString()).isZero();
        assertThat(dir.resolve("c.csv")).exists();
    }

    @Test
    void followUpOwnersArePeopleAndTheStaffFiguresHaveARowForEachPerson() {
        try (AppContext ctx = TestStores.open(dir)) {
            long customer = ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").build()).id();
            var followUps = ctx.followUps();
            java.time.LocalDateTime due = TestStores.TODAY.atTime(15, 0);
            // before people: any name, as always
            var old = followUps.schedule(app.regulars.followup.FollowUp.planned(customer, app.regulars.followup.FollowUpKind.CHECK_IN, "Old", due)
                    .withOwner("Auntie Wu"));
            People people = ctx.people();
            people.add("Mei", Role.OWNER, pin("2468"));
            people.add("Bo", Role.STAFF, pin("1357"));
            people.add("Cai", Role.STAFF, pin("1111"));
            people.session().signOut();
            people.signIn("Bo", pin("1357"));

            assertThat(followUps.ownerChoices()).containsExactly("Bo", "Cai", "Mei");
            assertThat(followUps.defaultOwner()).isEqualTo("Bo");
            var mine = followUps.schedule(app.regulars.followup.FollowUp.planned(customer, app.regulars.followup.FollowUpKind.CHECK_IN, "Call", due)
                    .withOwner(" bo "));
            assertThat(mine.owner()).as("the person's own spelling").isEqualTo("Bo");
            assertThatThrownBy(() -> followUps.schedule(app.regulars.followup.FollowUp.planned(customer,
                    app.regulars.followup.FollowUpKind.CHECK_IN, "Call", due).withOwner("Stranger")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.notAPerson"));
            // an owner written before people stays when the follow-up is edited, and can be given to a person
            assertThat(followUps.update(old.withTitle("Old, edited")).owner()).isEqualTo("Auntie Wu");
            assertThat(followUps.update(old.withOwner("cai")).owner()).isEqualTo("Cai");
            followUps.complete(mine.id(), app.regulars.followup.ContactChannel.PHONE, "Called", null, null);

            var staff = new app.regulars.insight.InsightService(ctx.database(), new app.regulars.insight.InsightRepository(), TestStores.CLOCK);
            staff.usePeople(people);
            var rows = staff.staffFigures(app.regulars.insight.Period.month(2026, 11), TestStores.TODAY);
            assertThat(rows).extracting(app.regulars.insight.StaffFigures::owner).containsExactly("Bo", "Cai", "Mei");
            assertThat(rows.getFirst().due()).isEqualTo(1);
            assertThat(rows.getFirst().doneOnTime()).isEqualTo(1);
            assertThat(rows.getFirst().followedUp()).isEqualTo(1);
            assertThat(rows.get(2).due()).as("Mei: a row with nothing done").isZero();
        }
    }

    @Test
    void aPersonChangesTheirOwnPinTheCurrentOneFirstAndAWrongOneChangesNothing() {
        try (AppContext ctx = TestStores.open(dir)) {
            People people = ctx.people();
            people.add("Mei", Role.OWNER, pin("2468"));
            people.add("Bo", Role.STAFF, pin("1357"));
            people.session().signOut();
            assertThatThrownBy(() -> people.changeOwnPin(pin("1357"), pin("8642")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.signInFirst"));
            people.signIn("Bo", pin("1357"));
            assertThatThrownBy(() -> people.changeOwnPin(pin("2468"), pin("8642"))) // the owner's PIN is not Bo's
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.currentPin"));
            assertThatThrownBy(() -> people.changeOwnPin(pin("1357"), pin("86")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.pin"));
            assertThat(people.signIn("Bo", pin("1357")).name()).as("nothing changed").isEqualTo("Bo");

            people.changeOwnPin(pin("1357"), pin("8642")); // staff may: their own PIN only
            people.session().signOut();
            assertThatThrownBy(() -> people.signIn("Bo", pin("1357")))
                    .satisfies(e -> assertThat(((UserException) e).key()).isEqualTo("people.error.signIn"));
            assertThat(people.signIn("bo", pin("8642")).role()).isEqualTo(Role.STAFF);
            assertThat(people.signIn("Mei", pin("2468")).role()).as("the others' PINs as they were").isEqualTo(Role.OWNER);
        }
    }

}
