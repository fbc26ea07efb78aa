package app.regulars.store;

import app.regulars.i18n.UserException;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static app.regulars.store.jooq.Tables.PERSON;

/**
 * The people of a store and their sign-in (decision 0033): names, roles, PINs kept as a salted
 * slow hash ({@link StoreKey#pinHash}), active or not. The first person made is the owner and is
 * signed in at once; every later change is the owner's alone; the last active owner can neither
 * be disabled nor made staff.
 */
public final class People {
    /** A PIN: digits only, this many at least and at most. */
    public static final int PIN_MIN = 4;
    public static final int PIN_MAX = 12;
    public static final int NAME_MAX = 100;

    private final Database db;
    private final Clock clock;

    public People(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        refresh(db.dsl());
    }

    public Session session() {
        return db.session();
    }

    /** Whether the window asks for the owner to make themself or for a sign-in: a shared store, or one with people. */
    public boolean teamMode() {
        return db.engine() == Database.Engine.POSTGRESQL || db.session().peopleExist();
    }

    private void refresh(DSLContext dsl) {
        db.session().peopleExist(dsl.fetchExists(dsl.selectOne().from(PERSON).where(PERSON.ACTIVE.isTrue())));
    }

    /** Everyone, active first, by name. */
    public List<Person> all() {
        return db.dsl().selectFrom(PERSON).orderBy(PERSON.ACTIVE.desc(), PERSON.NAME_KEY).fetch(People::person);
    }

    /** The names of the active people, by name: the choices of a follow-up's owner. */
    public List<String> activeNames() {
        return db.dsl().select(PERSON.NAME).from(PERSON).where(PERSON.ACTIVE.isTrue()).orderBy(PERSON.NAME_KEY).fetch(PERSON.NAME);
    }

    /** The active person {@code typed} names (case and spaces aside), spelled as theirs; empty when none does. */
    public Optional<String> nameOf(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        return db.dsl().select(PERSON.NAME).from(PERSON).where(PERSON.NAME_KEY.eq(key(typed))).and(PERSON.ACTIVE.isTrue())
                .fetchOptional(PERSON.NAME);
    }

    private static Person person(Record r) {
        return new Person(r.get(PERSON.ID), r.get(PERSON.NAME), Role.valueOf(r.get(PERSON.ROLE)), r.get(PERSON.ACTIVE));
    }

    /** What "the same name" means: case and spaces aside. */
    public static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Adds a person. The first of a store is the owner whatever {@code role} says, and is signed in;
     * after that only the owner adds people. {@code people.error.*} for a name or PIN that will not do.
     */
    public Person add(String name, Role role, char[] pin) {
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            throw new UserException("people.error.nameNeeded");
        }
        if (clean.length() > NAME_MAX) {
            throw new UserException("people.error.nameTooLong", NAME_MAX);
        }
        checkPin(pin);
        String hash = StoreKey.pinHash(pin); // slow: before the transaction
        LocalDateTime now = LocalDateTime.now(clock);
        Person made = db.write(cfg -> {
            DSLContext tx = cfg.dsl();
            boolean first = !tx.fetchExists(tx.selectOne().from(PERSON));
            if (!first) {
                db.session().requireOwner();
            }
            if (tx.fetchExists(tx.selectOne().from(PERSON).where(PERSON.NAME_KEY.eq(key(clean))))) {
                throw new UserException("people.error.nameTaken", clean);
            }
            Role r = first ? Role.OWNER : role;
            long id = tx.insertInto(PERSON).set(PERSON.NAME, clean).set(PERSON.NAME_KEY, key(clean)).set(PERSON.ROLE, r.name())
                    .set(PERSON.PIN_HASH, hash).set(PERSON.ACTIVE, true).set(PERSON.CREATED_AT, now).set(PERSON.UPDATED_AT, now)
                    .returningResult(PERSON.ID).fetchOne().value1();
            refresh(tx);
            return new Person(id, clean, r, true);
        });
        if (made.owner() && db.session().person().isEmpty()) {
            db.session().signIn(made); // the first person, who made themself
        }
        return made;
    }

    /** Signs {@code name} in with {@code pin}; one message ({@code people.error.signIn}) for an unknown name, a wrong PIN or a disabled person. */
    public Person signIn(String name, char[] pin) {
        Optional<Record> row = name == null ? Optional.empty()
                : db.dsl().selectFrom(PERSON).where(PERSON.NAME_KEY.eq(key(name))).fetchOptional().map(r -> r);
        boolean matches = StoreKey.pinMatches(pin == null ? new char[0] : pin,
                row.map(r -> r.get(PERSON.PIN_HASH)).orElseGet(Unknown::hash)); // as slow for an unknown name
        if (row.isEmpty() || !matches || !row.get().get(PERSON.ACTIVE)) {
            throw new UserException("people.error.signIn");
        }
        Person p = person(row.get());
        db.session().signIn(p);
        return p;
    }

    /** A hash no PIN matches: an unknown name takes as long as a wrong PIN (made at the first sign-in, not at every start). */
    private static final class Unknown {
        private static final String HASH = StoreKey.pinHash("0000".toCharArray()).replaceFirst("\\$[^$]*$", "\\$AAAA");

        static String hash() {
            return HASH;
        }
    }

    public void setRole(long id, Role role) {
        change(id, tx -> tx.update(PERSON).set(PERSON.ROLE, role.name()));
    }

    public void setActive(long id, boolean active) {
        change(id, tx -> tx.update(PERSON).set(PERSON.ACTIVE, active));
    }

    public void resetPin(long id, char[] pin) {
        checkPin(pin);
        String hash = StoreKey.pinHash(pin);
        change(id, tx -> tx.update(PERSON).set(PERSON.PIN_HASH, hash));
    }

    /**
     * The person signed in gives themself a new PIN, their current one first (staff too; a forgotten
     * PIN is the owner's {@link #resetPin}). A wrong current PIN is refused and changes nothing.
     */
    public void changeOwnPin(char[] current, char[] next) {
        Person me = db.session().person().orElseThrow(() -> new UserException("people.error.signInFirst"));
        String stored = db.dsl().select(PERSON.PIN_HASH).from(PERSON).where(PERSON.ID.eq(me.id())).and(PERSON.ACTIVE.isTrue())
                .fetchOptional(PERSON.PIN_HASH).orElseThrow(() -> new UserException("people.error.unknown"));
        if (!StoreKey.pinMatches(current == null ? new char[0] : current, stored)) {
            throw new UserException("people.error.currentPin");
        }
        checkPin(next);
        String hash = StoreKey.pinHash(next);
        LocalDateTime now = LocalDateTime.now(clock);
        db.write(cfg -> cfg.dsl().update(PERSON).set(PERSON.PIN_HASH, hash).set(PERSON.UPDATED_AT, now)
                .where(PERSON.ID.eq(me.id())).execute());
    }

    private void change(long id, java.util.function.Function<DSLContext, org.jooq.UpdateSetMoreStep<app.regulars.store.jooq.tables.records.PersonRecord>> set) {
        db.session().requireOwner();
        LocalDateTime now = LocalDateTime.now(clock);
        db.write(cfg -> {
            DSLContext tx = cfg.dsl();
            int n = set.apply(tx).set(PERSON.UPDATED_AT, now).where(PERSON.ID.eq(id)).execute();
            if (n == 0) {
                throw new UserException("people.error.unknown");
            }
            if (!tx.fetchExists(tx.selectOne().from(PERSON).where(PERSON.ACTIVE.isTrue()).and(PERSON.ROLE.eq(Role.OWNER.name())))) {
                throw new UserException("people.error.lastOwner"); // rolled back
            }
            refresh(tx);
            return n;
        });
        db.session().person().filter(p -> p.id() == id).ifPresent(p -> db.session().signIn(
                all().stream().filter(x -> x.id() == id).findFirst().orElse(p)));
    }

    private static void checkPin(char[] pin) {
        boolean digits = pin != null && pin.length >= PIN_MIN && pin.length <= PIN_MAX;
        for (int i = 0; digits && i < pin.length; i++) {
            digits = pin[i] >= '0' && pin[i] <= '9';
        }
        if (!digits) {
            throw new UserException("people.error.pin", PIN_MIN, PIN_MAX);
        }
    }

    static void clear(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }
}
