package app.regulars.customer;

import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * The customer use cases: validation and normalization, saving (one durable transaction
 * each), search, bulk tagging and archiving. Knows nothing of JavaFX; the window and the
 * command line both go through here.
 */
public final class CustomerService {
    public static final int MAX_NAME = 100;
    public static final int MAX_CODE = 32;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_WECHAT = 64;
    public static final int MAX_SHORT = 100;
    public static final int MAX_COMPANY = 200;
    public static final int MAX_ADDRESS = 500;
    public static final int MAX_LONG = 4000;
    public static final int MAX_TAG = 40;
    public static final int MAX_TAGS = 20;
    public static final int MAX_PHONES = 5;
    /** A search shows at most this many matches; typing more narrows them. */
    public static final int SEARCH_LIMIT = 1000;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern CODE = Pattern.compile("^[\\p{L}\\p{N}_-]+$");
    private static final Pattern PHONE_QUERY = Pattern.compile("^[+\\d][\\d\\s()-]*$");

    private static final Logger LOG = LoggerFactory.getLogger(CustomerService.class);
    private final Database db;
    private final CustomerRepository repository;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final SearchIndex searchIndex;
    private final CustomFieldRepository fieldRepository = new CustomFieldRepository();
    /** The custom fields as last read; this service is their only writer (null: not read yet). */
    private volatile CustomFields fields;
    /** Runs the search index's builds; shut down on {@link #close}. */
    private final java.util.concurrent.ExecutorService indexThread;
    /**
     * The writes that changed customers, their tags or their search tokens, counted when each
     * has returned: the search index follows this count, not every write of the store (a
     * purchase or a follow-up leaves it as it is). Every write to the customer tables goes
     * through {@link #write} or {@link #bulkLoad} here, so it is counted.
     */
    private final java.util.concurrent.atomic.AtomicLong customerWrites = new java.util.concurrent.atomic.AtomicLong();
    /** What the other features record about customers, for the undo of an import (decision 0024). */
    private final List<CustomerActivity> activities = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ImportRepository imports = new ImportRepository();

    public CustomerService(Database db, CustomerRepository repository, PhoneNumbers phones, Clock clock) {
        this(db, repository, phones, clock, null);
    }

    /** With the executor that builds the search index (tests hold it back); null: a thread of its own. */
    CustomerService(Database db, CustomerRepository repository, PhoneNumbers phones, Clock clock, java.util.concurrent.Executor indexBuilder) {
        this.db = db;
        this.repository = repository;
        this.phones = phones;
        this.clock = clock;
        this.indexThread = indexBuilder != null ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "regulars-search-index");
            t.setDaemon(true);
            return t;
        });
        this.searchIndex = new SearchIndex(customerWrites::get, () -> SearchIndex.read(repository, db.dsl()),
                indexBuilder != null ? indexBuilder : indexThread);
    }

    /** A write to the customer tables: one durable transaction ({@link Database#write}), counted for the search index. */
    private <T> T write(org.jooq.TransactionalCallable<T> work) {
        try {
            return db.write(work);
        } finally {
            customerWrites.incrementAndGet();
        }
    }

    /**
     * Customers changed by another computer on a shared store (live refresh, decision 0034). When
     * the change leaves what places them in the search index as it was (a purchase, a follow-up,
     * points: {@link SearchIndex#holdsAfter}) the index stays as it is; otherwise it is stale from
     * now on (searches go to SQL until its rebuild, as after a write here). Reads those customers:
     * off the JavaFX thread.
     */
    public void changedElsewhere(java.util.Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        boolean holds;
        try {
            holds = searchIndex.holdsAfter(customerIds, (ids, each) -> repository.forEachSearchEntry(db.dsl(), ids, each));
        } catch (RuntimeException e) { // the server gone for a moment: stale, to be safe
            holds = false;
        }
        if (!holds) {
            customerWrites.incrementAndGet();
        }
    }

    /** More customers changed by another computer than to look at one by one (an import): the search index is stale. */
    public void manyChangedElsewhere() {
        customerWrites.incrementAndGet();
    }

    /** A write to the customer tables by another class of this feature (an erasure), counted for the search index. */
    <T> T writeCustomers(org.jooq.TransactionalCallable<T> work) {
        return write(work);
    }

    /** A bulk load into the customer tables ({@link Database#bulkLoad}), counted for the search index. */
    private <T> T bulkLoad(java.util.function.Supplier<T> load) {
        return bulkLoad(null, load);
    }

    /**
     * A bulk load of new customers into the customer tables ({@code into}: their indexes and foreign
     * keys rebuilt after it when it is large, decision 0029; null: kept up), counted for the search index.
     */
    private <T> T bulkLoad(Database.LoadInto into, java.util.function.Supplier<T> load) {
        try {
            return db.bulkLoad(into, load);
        } finally {
            customerWrites.incrementAndGet();
        }
    }

    /** The tables a bulk insert of {@code customers} new customers fills (decision 0029); -1: not known. */
    static Database.LoadInto newCustomers(long customers) {
        return CustomerRepository.newCustomers(customers);
    }

    /** Who is signed in to the store (decision 0033). */
    public app.regulars.store.Session session() {
        return db.session();
    }

    public PhoneNumbers phones() {
        return phones;
    }

    /** Adds a feature's records about customers to what the undo of an import checks (decision 0024). */
    public void addActivity(CustomerActivity activity) {
        activities.add(activity);
    }

    List<CustomerActivity> activities() {
        return List.copyOf(activities);
    }

    /** A bulk write to the customer tables by another class of this feature (an import's undo), counted for the search index. */
    <T> T bulkLoadCustomers(java.util.function.Supplier<T> load) {
        return bulkLoad(load);
    }

    /** As {@link #bulkLoadCustomers(java.util.function.Supplier)}, filling {@code into} (decision 0029; null: indexes kept up). */
    <T> T bulkLoadCustomers(Database.LoadInto into, java.util.function.Supplier<T> load) {
        return bulkLoad(into, load);
    }

    Database database() {
        return db;
    }

    CustomerRepository repository() {
        return repository;
    }

    LocalDateTime stamp() {
        return now();
    }

    /** How many write transactions the store has run: a view compares it to know whether to read again. */
    public long writeCount() {
        return db.writeCount();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * The profile as it will be stored, or every problem with it. Touches the database only to read
     * the custom fields the first time ({@link #customFields}).
     */
    public Customer normalize(Customer in) {
        return normalize(in, customFields());
    }

    /** As {@link #normalize(Customer)}, with the custom fields given. */
    public Customer normalize(Customer in, CustomFields defined) {
        return normalize(in, defined, phones::normalize);
    }

    /**
     * As {@link #normalize(Customer, CustomFields)}, each phone put in E.164 by {@code phone}
     * (as {@link PhoneNumbers#normalize}: a {@link UserException} when it is not a number): an
     * import's second pass gives the numbers its first pass found (decision 0035), the demo its
     * numbers as it made them in E.164 through the same library.
     */
    public Customer normalize(Customer in, CustomFields defined, java.util.function.UnaryOperator<String> phone) {
        Map<CustomerField, FieldProblem> problems = new EnumMap<>(CustomerField.class);
        Map<Long, FieldValue> values = in.fields() == null ? null : customValues(in.fields(), defined, problems);
        String name = collapse(in.name());
        if (name == null) {
            problems.put(CustomerField.NAME, FieldProblem.of("customer.error.nameRequired"));
        } else if (name.length() > MAX_NAME) {
            problems.put(CustomerField.NAME, FieldProblem.of("customer.error.tooLong", MAX_NAME));
        }
        String code = trim(in.code());
        if (code != null) {
            if (code.length() > MAX_CODE) {
                problems.put(CustomerField.CODE, FieldProblem.of("customer.error.tooLong", MAX_CODE));
            } else if (!CODE.matcher(code).matches()) {
                problems.put(CustomerField.CODE, FieldProblem.of("customer.error.codeChars"));
            }
        }
        List<String> e164 = new ArrayList<>();
        for (String raw : in.phones()) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                String n = phone.apply(raw);
                if (!e164.contains(n)) {
                    e164.add(n);
                }
            } catch (UserException e) {
                problems.putIfAbsent(CustomerField.PHONES, FieldProblem.of(e.key(), e.args()));
            }
        }
        if (e164.size() > MAX_PHONES) {
            problems.putIfAbsent(CustomerField.PHONES, FieldProblem.of("customer.error.tooManyPhones", MAX_PHONES));
        }
        String email = trim(in.email());
        if (email != null) {
            if (email.length() > MAX_EMAIL) {
                problems.put(CustomerField.EMAIL, FieldProblem.of("customer.error.tooLong", MAX_EMAIL));
            } else if (!EMAIL.matcher(email).matches()) {
                problems.put(CustomerField.EMAIL, FieldProblem.of("customer.error.emailInvalid", email));
            }
        }
        String wechat = trim(in.wechat());
        if (wechat != null && (wechat.length() > MAX_WECHAT || wechat.chars().anyMatch(Character::isWhitespace))) {
            problems.put(CustomerField.WECHAT, FieldProblem.of("customer.error.wechatInvalid", MAX_WECHAT));
        }
        checkLength(problems, CustomerField.ADDRESS, in.address(), MAX_ADDRESS);
        checkLength(problems, CustomerField.COMPANY, in.company(), MAX_COMPANY);
        checkLength(problems, CustomerField.JOB_TITLE, in.jobTitle(), MAX_SHORT);
        checkLength(problems, CustomerField.SOURCE, in.source(), MAX_SHORT);
        checkLength(problems, CustomerField.NOTES, in.notes(), MAX_LONG);
        checkLength(problems, CustomerField.PREFERENCES, in.preferences(), MAX_LONG);
        List<String> tags = normalizeTags(in.tags(), problems);
        Birthday birthday = in.birthday();
        if (birthday != null && birthday.year() != null && birthday.kind() == Birthday.Kind.SOLAR
                && LocalDate.of(birthday.year(), birthday.month(), birthday.day()).isAfter(today())) {
            problems.put(CustomerField.BIRTHDAY, FieldProblem.of("customer.error.birthdayFuture"));
        }
        Consent consent = in.consent();
        if (consent.date() != null && consent.date().isAfter(today())) {
            problems.put(CustomerField.CONSENT, FieldProblem.of("customer.error.consentFuture"));
        }
        if (consent.marketing() && consent.date() == null) {
            consent = new Consent(true, today(), consent.optOuts());
        }
        if (!problems.isEmpty()) {
            throw new InvalidCustomerException(problems);
        }
        return in.toBuilder()
                .code(code)
                .name(name)
                .phones(e164)
                .email(email)
                .wechat(wechat)
                .address(trim(in.address()))
                .company(trim(in.company()))
                .jobTitle(trim(in.jobTitle()))
                .source(trim(in.source()))
                .notes(trim(in.notes()))
                .preferences(trim(in.preferences()))
                .tags(tags)
                .consent(consent)
                .fields(values)
                .build();
    }

    /**
     * The values in their stored forms, by field id in field order, for the fields that exist; the
     * first value a field cannot take is the problem of {@link CustomerField#CUSTOM}, naming the field.
     */
    private static Map<Long, FieldValue> customValues(Map<Long, FieldValue> in, CustomFields defined,
                                                     Map<CustomerField, FieldProblem> problems) {
        Map<Long, FieldValue> out = new LinkedHashMap<>();
        for (CustomField f : defined.all()) {
            FieldValue v = in.get(f.id());
            if (v == null) {
                continue;
            }
            try {
                String stored = f.read(v.text());
                if (stored != null) {
                    out.put(f.id(), new FieldValue(f.kind(), stored));
                }
            } catch (UserException e) {
                problems.putIfAbsent(CustomerField.CUSTOM, FieldProblem.of(e.key(), e.args()));
            }
        }
        return out;
    }

    // ---- custom fields (decision 0027) ----

    /** The shop's custom fields, in order. */
    public CustomFields customFields() {
        CustomFields known = fields;
        if (known == null) {
            known = fieldRepository.fields(db.dsl());
            fields = known;
        }
        return known;
    }

    /**
     * Adds a field (its id null) or changes one's name, options and list column (its kind stays);
     * returns it as saved. A name must be given, at most {@value CustomField#MAX_NAME} characters, and
     * no other field's ignoring case; a choice needs an option; an option in use cannot go.
     */
    public CustomField saveField(CustomField input) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        CustomField f = checkField(input);
        CustomField saved = write(cfg -> {
            DSLContext dsl = cfg.dsl();
            if (fieldRepository.nameTaken(dsl, f.name(), f.id())) {
                throw new UserException("customer.custom.error.nameTaken", f.name());
            }
            if (f.id() == null) {
                return f.withId(fieldRepository.insert(dsl, f));
            }
            CustomField before = fieldRepository.fields(dsl).byId(f.id()).orElseThrow(() -> new UserException("customer.custom.error.gone"));
            CustomField kept = new CustomField(f.id(), f.name(), before.kind(), before.kind() == FieldKind.CHOICE ? f.options() : List.of(),
                    f.inList());
            for (String option : before.options()) {
                boolean still = kept.options().stream().anyMatch(o -> FieldKind.key(o).equals(FieldKind.key(option)));
                int used = still ? 0 : fieldRepository.countValues(dsl, f.id(), option);
                if (used > 0) {
                    throw new UserException("customer.custom.error.optionInUse", option, used);
                }
            }
            fieldRepository.update(dsl, kept);
            return kept;
        });
        fields = null;
        return saved;
    }

    private static CustomField checkField(CustomField in) {
        String name = collapse(in.name());
        if (name == null) {
            throw new UserException("customer.custom.error.nameRequired");
        }
        if (name.length() > CustomField.MAX_NAME) {
            throw new UserException("customer.custom.error.nameTooLong", CustomField.MAX_NAME);
        }
        if (CustomerColumn.forHeader(name).isPresent()) { // a file's column would mean the profile's own field
            throw new UserException("customer.custom.error.nameReserved", name);
        }
        if (in.kind() == null) {
            throw new UserException("customer.custom.error.kindRequired");
        }
        List<String> options = new ArrayList<>();
        if (in.kind() == FieldKind.CHOICE || in.id() != null) {
            Set<String> seen = new java.util.HashSet<>();
            for (String o : in.options()) {
                String option = collapse(o);
                if (option == null || !seen.add(FieldKind.key(option))) {
                    continue;
                }
                if (option.length() > CustomField.MAX_OPTION) {
                    throw new UserException("customer.custom.error.optionTooLong", CustomField.MAX_OPTION);
                }
                options.add(option);
            }
            if (options.size() > CustomField.MAX_OPTIONS) {
                throw new UserException("customer.custom.error.tooManyOptions", CustomField.MAX_OPTIONS);
            }
            if (in.kind() == FieldKind.CHOICE && options.isEmpty()) {
                throw new UserException("customer.custom.error.optionsRequired");
            }
        }
        return new CustomField(in.id(), name, in.kind(), options, in.inList());
    }

    /** Puts the fields in this order (their ids; those left out go after them). */
    public CustomFields reorderFields(List<Long> ids) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        db.write(cfg -> {
            List<Long> order = new ArrayList<>(ids);
            for (CustomField f : fieldRepository.fields(cfg.dsl()).all()) {
                if (!order.contains(f.id())) {
                    order.add(f.id());
                }
            }
            fieldRepository.reorder(cfg.dsl(), order);
            return null;
        });
        fields = null;
        return customFields();
    }

    /** How many customers have a value of the field: what removing it would delete. */
    public int valuesOf(long fieldId) {
        return fieldRepository.countValues(db.dsl(), fieldId);
    }

    /**
     * Removes a field and every customer's value of it, in one transaction; the search texts that
     * held its values are written again. Returns how many values went.
     */
    public int removeField(long fieldId) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        int removed = write(cfg -> {
            DSLContext dsl = cfg.dsl();
            CustomField f = fieldRepository.fields(dsl).byId(fieldId).orElse(null);
            if (f == null) {
                return 0;
            }
            List<Long> had = fieldRepository.customersWithValue(dsl, fieldId);
            fieldRepository.delete(dsl, fieldId);
            if (f.kind().searchable()) {
                for (int from = 0; from < had.size(); from += 1000) {
                    repository.rewriteSearchText(dsl, had.subList(from, Math.min(had.size(), from + 1000)));
                }
            }
            return had.size();
        });
        fields = null;
        LOG.info("Removed custom field {} and {} values", fieldId, removed);
        return removed;
    }

    /**
     * The customers whose value of {@code field} matches (a {@link FieldFilter}): {@code text} for a
     * text (contained), a choice or a yes/no (equal); {@code from}/{@code to} for a number or a date
     * (stored forms, either null: open).
     */
    public Set<Long> withValue(CustomField field, String text, String from, String to) {
        return fieldRepository.matching(db.dsl(), field, text, from, to);
    }

    private static List<String> normalizeTags(List<String> raw, Map<CustomerField, FieldProblem> problems) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String t : raw) {
            String tag = collapse(t);
            if (tag == null) {
                continue;
            }
            if (tag.length() > MAX_TAG) {
                problems.put(CustomerField.TAGS, FieldProblem.of("customer.error.tagTooLong", MAX_TAG));
                continue;
            }
            byKey.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        if (byKey.size() > MAX_TAGS) {
            problems.put(CustomerField.TAGS, FieldProblem.of("customer.error.tooManyTags", MAX_TAGS));
        }
        return List.copyOf(byKey.values());
    }

    private static void checkLength(Map<CustomerField, FieldProblem> problems, CustomerField field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            problems.put(field, FieldProblem.of("customer.error.tooLong", max));
        }
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");

    static String collapse(String s) {
        String t = trim(s);
        return t == null ? null : SPACES.matcher(t).replaceAll(" ");
    }

    /**
     * Saves a new or changed profile as one transaction; when this returns, the save
     * survives the process being killed. A new customer without a code gets the next one.
     * A change of consent is recorded in the consent history as made in the customer form.
     */
    public Customer save(Customer input) {
        return save(input, ConsentSource.EDITOR);
    }

    /** As {@link #save(Customer)}, a change of consent recorded as made from {@code source}. */
    public Customer save(Customer input, ConsentSource source) {
        Customer c = normalize(input, customFields());
        return write(cfg -> saveIn(cfg.dsl(), c, now(), source));
    }

    private Customer saveIn(DSLContext dsl, Customer c, LocalDateTime now, ConsentSource source) {
        if (c.code() != null && repository.codeExists(dsl, c.code(), c.id())) {
            throw new InvalidCustomerException(Map.of(CustomerField.CODE, FieldProblem.of("customer.error.codeTaken", c.code())));
        }
        if (c.id() == null) {
            Customer withCode = c.code() == null ? c.toBuilder().code(repository.nextCode(dsl)).build() : c;
            long id = repository.insert(dsl, withCode, now);
            if (CustomerRepository.worthRecording(c.consent())) {
                repository.insertConsentChange(dsl, id, now, source, c.consent());
            }
            return repository.findById(dsl, id).orElseThrow();
        }
        Optional<Customer> before = repository.findById(dsl, c.id());
        if (before.isEmpty()) {
            throw new UserException("customer.error.gone");
        }
        if (before.get().erased()) {
            throw new UserException("customer.error.erased"); // nothing of them may come back through the form
        }
        // Optimistic locking (decision 0031): the row changes only while it is at the version the
        // form read; else nothing is written and the user sees the other save, with its time.
        if (before.get().version() != c.version() || !repository.update(dsl, c, now)) {
            Customer current = before.get().version() != c.version() ? before.get() : repository.findById(dsl, c.id())
                    .orElseThrow(() -> new UserException("customer.error.gone"));
            throw new CustomerChangedException(current);
        }
        if (!before.get().consent().equals(c.consent())) {
            repository.insertConsentChange(dsl, c.id(), now, source, c.consent());
        }
        return repository.findById(dsl, c.id()).orElseThrow();
    }

    /** The customer's consent history, oldest first: each entry their consent after a change, when and from where. */
    public List<ConsentChange> consentHistory(long customerId) {
        return repository.consentHistory(db.dsl(), customerId);
    }

    /** The consent of each of these customers (for lists that show "No calls · No SMS" beside them). */
    public Map<Long, Consent> consents(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : repository.consents(db.dsl(), ids);
    }

    /**
     * Saves many new profiles: all of them or, on any failure, none (see
     * {@link #insertAll(Consumer, ConsentSource, IntConsumer, BooleanSupplier)}). The inputs must already be
     * normalized (see {@link #normalize}). Codes follow the same rules as {@link #save}: a given
     * code must be free, a missing one is the next free number.
     */
    public int insertAll(List<Customer> normalized, ConsentSource source, IntConsumer progress, BooleanSupplier cancelled) {
        return insertAll(normalized.size(), slices -> {
            for (int from = 0; from < normalized.size(); from += SLICE) {
                slices.add(normalized.subList(from, Math.min(normalized.size(), from + SLICE)));
            }
        }, source, progress, cancelled);
    }

    /**
     * Makes every customer's search text again (the export of everything does not carry them: each
     * store makes its own), {@value #SLICE} customers a transaction.
     */
    public void rebuildSearchTexts() {
        bulkLoad(() -> {
            long after = 0;
            while (after >= 0) {
                long from = after;
                after = db.dsl().transactionResult(cfg -> repository.insertSearchTexts(cfg.dsl(), from, SLICE));
            }
            return null;
        });
    }

    /** Customers committed per transaction by a bulk insert. */
    public static final int SLICE = 5_000;
    /** Customers deleted per transaction when a bulk insert is undone. */
    private static final int UNDO_RANGE = 1_000;

    /** Takes normalized new customers a slice at a time while a bulk insert runs. */
    @FunctionalInterface
    public interface Slices {
        void add(List<Customer> normalized);
    }

    /**
     * Saves the new customers that {@code producer} hands over, a slice at a time, all or
     * nothing: an import or a fill of any size, streamed (the producer never needs them all in
     * memory). Each slice is one transaction of JDBC batches inside {@link Database#bulkLoad};
     * before the first, the setting {@link #FILL_PENDING} records the highest id so far, and it
     * is removed after the last. A failure or a cancel (a {@code UserException}
     * {@code common.cancelled} from {@code cancelled}), in the producer or here, deletes the
     * customers already committed; if the process dies instead, {@link #undoInterruptedFill}
     * deletes them at the next start. One transaction for all of them (before, decision 0003)
     * was two to three times slower in H2, which re-touches every row of a transaction when it
     * commits, and grew the file by gigabytes (docs/decisions/0012-bulk-imports.md).
     * {@code progress} gets the customers written so far. While it runs nothing else should add
     * customers: the import is the only writer (the command line holds the store alone, the
     * first-start screen opens nothing else).
     */
    public int insertAll(Consumer<Slices> producer, ConsentSource source, IntConsumer progress, BooleanSupplier cancelled) {
        return insertAll(-1, producer, source, progress, cancelled);
    }

    /**
     * {@link #insertAll(Consumer, ConsentSource, IntConsumer, BooleanSupplier)} of about {@code expected}
     * customers (-1: not known): a load large next to the customers there is stored with the customer
     * tables' indexes and foreign keys made again after it, from sorted runs (decision 0029).
     */
    public int insertAll(long expected, Consumer<Slices> producer, ConsentSource source, IntConsumer progress, BooleanSupplier cancelled) {
        Settings settings = new Settings(db);
        long after = repository.maxId(db.dsl());
        settings.put(FILL_PENDING, Long.toString(after));
        LocalDateTime now = now();
        int[] done = {0};
        try {
            bulkLoad(newCustomers(expected), () -> {
                producer.accept(slice -> {
                    for (Customer c : slice) {
                        if (c.id() != null) {
                            throw new IllegalArgumentException("insertAll takes new customers only");
                        }
                    }
                    int before = done[0];
                    db.dsl().transaction(cfg -> {
                        DSLContext dsl = cfg.dsl();
                        repository.insertMany(dsl, withCodes(dsl, slice), now, source, k -> {
                            if (cancelled.getAsBoolean()) {
                                throw new UserException("common.cancelled");
                            }
                            progress.accept(before + k);
                        });
                    });
                    done[0] += slice.size();
                });
                return null;
            });
        } catch (RuntimeException e) {
            undoBulkInsert(settings, after);
            throw e;
        }
        settings.remove(FILL_PENDING);
        if (done[0] == 0) {
            progress.accept(0);
        }
        return done[0];
    }

    /**
     * Set while {@link #insertAll(Consumer, ConsentSource, IntConsumer, BooleanSupplier)} (an import, a demo or
     * sample fill) runs, to the highest customer id before it: a store opened with it set holds
     * an interrupted bulk insert, whose customers are those after that id. (Stores from before
     * decision 0012 hold {@code true}: the fill of an empty store.)
     */
    public static final String FILL_PENDING = "bulk.customerFill.pending";

    /**
     * Fills an EMPTY store with many new profiles, {@code slice} per transaction, all or nothing
     * (the demo command and the first-start sample shop; see
     * {@link #insertAll(Consumer, ConsentSource, IntConsumer, BooleanSupplier)}).
     */
    public int fillEmpty(List<Customer> normalized, int slice, IntConsumer progress, BooleanSupplier cancelled) {
        if (!isEmpty()) {
            throw new UserException("demo.error.notEmpty", countAll());
        }
        return insertAll(normalized.size(), slices -> {
            for (int from = 0; from < normalized.size(); from += slice) {
                slices.add(normalized.subList(from, Math.min(normalized.size(), from + slice)));
            }
        }, ConsentSource.SAMPLE, progress, cancelled);
    }

    /**
     * Deletes what a bulk insert that never finished (the process was killed, the power went)
     * committed, as the insert itself does on a failure; run once when the store opens. Returns
     * how many customers it deleted.
     */
    public int undoInterruptedFill() {
        Settings settings = new Settings(db);
        Optional<String> pending = settings.get(FILL_PENDING);
        Optional<ImportRepository.Run> running = imports.newest(db.dsl(), ImportRepository.Kind.CUSTOMERS, ImportRepository.State.RUNNING);
        if (running.isPresent()) {
            // an import that matched duplicates: what it changed is put back too (decision 0024)
            long after = pending.filter(p -> p.matches("\\d+")).map(Long::parseLong).orElse(running.get().firstId());
            int before = countAll();
            new ImportWriter(this).rollBack(running.get().id(), after);
            LOG.warn("An interrupted import was undone: {} customers deleted, the customers it changed put back", before - countAll());
            return before - countAll();
        }
        if (pending.isEmpty()) {
            return 0;
        }
        long after = pending.get().matches("\\d+") ? Long.parseLong(pending.get()) : 0; // "true": a fill of an empty store
        int deleted = undoBulkInsert(settings, after);
        LOG.warn("An interrupted import or fill left {} customers; deleted them", deleted);
        return deleted;
    }

    /** Deletes the customers after id {@code after}, {@value #UNDO_RANGE} per short transaction, then the flag. */
    private int undoBulkInsert(Settings settings, long after) {
        int deleted = bulkLoad(() -> {
            long upTo = repository.maxId(db.dsl());
            int n = 0;
            for (long from = after; from < upTo; from += UNDO_RANGE) {
                long lo = from;
                long hi = Math.min(upTo, from + UNDO_RANGE);
                n += db.dsl().transactionResult(cfg -> repository.deleteRange(cfg.dsl(), lo, hi));
            }
            return n;
        });
        settings.remove(FILL_PENDING);
        return deleted;
    }

    // ---- imports that match duplicates (decision 0024) ----

    /**
     * One row of an import as its storing pass hands it over: the customer as the row has it
     * (normalized), and where it goes. {@code into}: 0, a new customer; above 0, the customer with
     * that id (one already there, or one an earlier slice of this import added); below 0,
     * {@code -(i + 1)}: the customer item {@code i} of the same slice adds. {@code consentStated}:
     * whether the row filled a consent cell (else its consent, "none", says nothing).
     */
    public record ImportItem(Customer customer, long into, boolean consentStated) {
    }

    /** Takes an import's rows a slice at a time; returns, for each, the id of the customer it went to. */
    @FunctionalInterface
    public interface ImportSlices {
        long[] add(List<ImportItem> slice);
    }

    /**
     * What an import's storing pass did with its rows: {@code added} made a new customer each,
     * {@code updated} changed one, {@code skipped} matched one and changed nothing (with the rows the
     * check pass already set aside).
     */
    public record ImportCounts(int added, int updated, int skipped) {
    }

    /**
     * Stores an import's rows that {@code producer} hands over a slice at a time, all or nothing,
     * like {@link #insertAll(Consumer, ConsentSource, IntConsumer, BooleanSupplier)} (committed slices
     * of JDBC batches under the flag {@link #FILL_PENDING}); rows that go to a customer already there
     * change them as {@code rule} says ({@link OnDuplicate#FILL} or {@link OnDuplicate#OVERWRITE}),
     * and only those that change are written. It records what the undo of the import needs
     * ({@link ImportUndoService}), and forgets the import before: only the last one can be undone.
     * {@code rowsRead} and {@code skippedRows} (the rows the check pass set aside) are recorded
     * with it. A failure, a cancel or a killed process puts back what it changed and deletes what it
     * added. While it runs nothing else should write customers (as for {@code insertAll}).
     */
    public ImportCounts importAll(String fileName, int rowsRead, int skippedRows, OnDuplicate rule, Consumer<ImportSlices> producer,
                                  ConsentSource source, IntConsumer progress, BooleanSupplier cancelled) {
        return new ImportWriter(this).run(fileName, rowsRead, skippedRows, rule, producer, source, progress, cancelled);
    }

    /**
     * Which customers an import's rows may be, a chunk at a time: those with these card numbers,
     * phones (E.164) or emails (as typed; matched in any case). See {@link CustomerRepository#matches}.
     */
    public CustomerRepository.Matches matches(Collection<String> codes, Collection<String> phones, Collection<String> emails) {
        List<String> keys = new ArrayList<>(emails.size());
        for (String e : emails) {
            keys.add(CustomerRepository.emailKey(e));
        }
        return repository.matches(db.dsl(), codes, phones, keys);
    }

    /** An email as an import matches it: in any case. */
    public static String emailKey(String email) {
        return CustomerRepository.emailKey(email);
    }

    /** As saving them one by one would number them: given codes checked, missing ones drawn in order. */
    List<Customer> withCodes(DSLContext dsl, List<Customer> customers) {
        Set<String> given = new java.util.HashSet<>();
        int missing = 0;
        for (Customer c : customers) {
            if (c.code() == null) {
                missing++;
            } else {
                given.add(c.code());
            }
        }
        Set<String> existing = repository.existingCodes(dsl, given);
        Set<String> taken = new java.util.HashSet<>();
        java.util.ArrayDeque<String> drawn = new java.util.ArrayDeque<>();
        List<Customer> out = new ArrayList<>(customers.size());
        for (Customer c : customers) {
            String code = c.code();
            if (code != null) {
                if (existing.contains(code) || !taken.add(code)) {
                    throw new InvalidCustomerException(Map.of(CustomerField.CODE, FieldProblem.of("customer.error.codeTaken", code)));
                }
                out.add(c);
                continue;
            }
            do {
                while (drawn.isEmpty()) {
                    List<String> next = new ArrayList<>(repository.drawCodes(dsl, Math.clamp(missing, 1, 5000)));
                    next.removeAll(repository.existingCodes(dsl, next));
                    drawn.addAll(next);
                }
                code = drawn.poll();
            } while (!taken.add(code));
            missing--;
            out.add(c.toBuilder().code(code).build());
        }
        return out;
    }

    /** Other customers that already have one of this profile's phones or its email. */
    public List<Customer> duplicatesOf(Customer input) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String raw : input.phones()) {
            try {
                if (raw != null && !raw.isBlank()) {
                    numbers.add(phones.normalize(raw));
                }
            } catch (UserException ignored) {
                // an invalid phone is reported by validation, not here
            }
        }
        return repository.withPhoneOrEmail(db.dsl(), numbers, trim(input.email()), input.id());
    }

    public Optional<Customer> get(long id) {
        return repository.findById(db.dsl(), id);
    }

    /** The customer with this card number, or the one a customer with it was merged into (decision 0025). */
    public Optional<Customer> byCode(String code) {
        String c = code.strip();
        Optional<Customer> found = repository.findByCode(db.dsl(), c);
        return found.isPresent() ? found : repository.mergedCodeOwner(db.dsl(), c).flatMap(id -> repository.findById(db.dsl(), id));
    }

    /**
     * Ids of the customers matching a query, in list order: every word of the query must
     * start one of a customer's search tokens (name, pinyin, initials, phone digits from the
     * start or the end, email, WeChat, code, tags, company). An empty query lists everyone.
     */
    public long[] search(String query, String tag, boolean archived, CustomerSort sort, boolean ascending) {
        return search(query, tag, archived, sort, ascending, null);
    }

    /**
     * One search, answered from SQL without starting the search index's build: for a process
     * that searches once and ends (the command line's {@code find}), which otherwise built the
     * index beside its SQL answer and waited for the build as it closed (at 100,000 customers
     * 3 s of a 6 s command). The same answers as {@link #search}.
     */
    public long[] searchOnce(String query, boolean archived) {
        List<String> terms = terms(query);
        return repository.ids(db.dsl(), terms, null, archived, CustomerSort.NAME, true, terms.isEmpty() ? 0 : SEARCH_LIMIT);
    }

    /**
     * As {@link #search(String, String, boolean, CustomerSort, boolean)}, among the customers in
     * {@code within} only (a {@link ListFilter}'s set; null: everyone). The limit applies to the
     * matches inside the set, so a narrow set still shows all its matches.
     */
    public long[] search(String query, String tag, boolean archived, CustomerSort sort, boolean ascending, Set<Long> within) {
        List<String> terms = terms(query);
        int limit = terms.isEmpty() ? 0 : SEARCH_LIMIT;
        if (within != null && within.isEmpty()) {
            return new long[0];
        }
        boolean indexable = !terms.isEmpty() && trim(tag) == null && sort == CustomerSort.NAME;
        // Only a search that can use the index starts its build: the list's first page (nothing
        // typed) goes to SQL and asks for the build once it is shown (prepareSearch).
        SearchIndex.Snapshot index = indexable ? searchIndex.fresh() : null;
        long[] ids;
        if (index != null) {
            ids = index.search(terms, archived, ascending, within == null ? limit : 0);
        } else {
            ids = repository.ids(db.dsl(), terms, trim(tag), archived, sort, ascending, within == null ? limit : 0);
        }
        return within == null ? ids : keep(ids, within, limit);
    }

    /**
     * The first page of the list of everyone (nothing typed, no tag, no filter) and how many
     * there are: what the list shows at once while the ids of all of them are still read
     * ({@link #search}).
     */
    public FirstPage firstPage(boolean archived, CustomerSort sort, boolean ascending, int size) {
        ReadAhead ahead = readAhead.getAndSet(null);
        if (ahead != null && !archived && ahead.sort() == sort && ahead.ascending() == ascending && ahead.size() == size
                && ahead.writes() == db.writeCount()) {
            try {
                FirstPage page = ahead.page().join(); // still being read: waited for rather than read twice
                if (ahead.writes() == db.writeCount()) {
                    return page; // nothing was written since it was read
                }
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                LOG.debug("The page read ahead failed; read again", e);
            }
        }
        return readFirstPage(archived, sort, ascending, size);
    }

    private FirstPage readFirstPage(boolean archived, CustomerSort sort, boolean ascending, int size) {
        long[] ids = repository.firstIds(db.dsl(), archived, sort, ascending, size);
        return new FirstPage(ids, summaries(ids), repository.count(db.dsl(), archived));
    }

    /**
     * The first page of the active customers in {@code sort}, to be read ahead for the next {@link
     * #firstPage} that asks for the same (once): the window reads it on the thread that opened the
     * store, while the JavaFX thread builds the shell (decision 0037). Returns the reading, for the
     * caller to run; a {@code firstPage} asked for meanwhile waits for it. A write to the store before
     * the page is used makes that call read it again.
     */
    public Runnable readAheadFirstPage(CustomerSort sort, boolean ascending, int size) {
        java.util.concurrent.CompletableFuture<FirstPage> page = new java.util.concurrent.CompletableFuture<>();
        readAhead.set(new ReadAhead(sort, ascending, size, db.writeCount(), page));
        return () -> {
            try {
                page.complete(readFirstPage(false, sort, ascending, size));
            } catch (RuntimeException e) {
                page.completeExceptionally(e); // the list reads it itself
            } catch (Error e) {
                page.completeExceptionally(e); // nobody waits for a page that never comes
                throw e;
            }
        };
    }

    private record ReadAhead(CustomerSort sort, boolean ascending, int size, long writes,
                             java.util.concurrent.CompletableFuture<FirstPage> page) {
    }

    /** The first page read ahead, until it is used or another is asked for. */
    private final java.util.concurrent.atomic.AtomicReference<ReadAhead> readAhead = new java.util.concurrent.atomic.AtomicReference<>();

    /** A list's first page: its ids in order, their rows, and the length of the whole list. */
    public record FirstPage(long[] ids, List<CustomerSummary> rows, int total) {
    }

    /** The ids in {@code within}, in their order, at most {@code limit} (0: all). */
    private static long[] keep(long[] ids, Set<Long> within, int limit) {
        long[] out = new long[Math.min(ids.length, within.size())];
        int n = 0;
        for (long id : ids) {
            if (within.contains(id)) {
                out[n++] = id;
                if (n == limit || n == out.length) {
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Builds the in-memory search index now, on this thread. Searches build it in the
     * background by themselves; the benchmark and tests call this to measure or use it.
     * Returns false when writes kept it from finishing.
     */
    public boolean buildSearchIndex() {
        return searchIndex.rebuildNow() != null;
    }

    /**
     * Starts building the search index in the background if it is not up to date; the customer
     * list calls it once its first page is shown, so that the build never delays that page.
     */
    public void prepareSearch() {
        searchIndex.fresh();
    }

    /**
     * Runs {@code then} once the search index's first build, if one is under way, has ended (on
     * the index's thread); at once otherwise. The customer list's slow columns wait on it at the
     * start: two readers of the whole store side by side took the cores from each other and, at
     * 100,000 customers, grew the heap by their garbage together.
     */
    public void afterFirstSearchIndex(Runnable then) {
        searchIndex.afterFirstBuild(then);
    }

    /** Whether searches are answered from the in-memory index now (else from SQL: same answers, slower). */
    public boolean searchIndexReady() {
        return searchIndex.ready();
    }

    /** Stops the search index's background thread. */
    public void close() {
        if (indexThread != null) {
            // No interrupt: H2's file channel closes for every session when a thread reading it
            // is interrupted. A build under way finishes (about a second at 100,000 customers)
            // before the store closes under it.
            indexThread.shutdown();
            try {
                if (!indexThread.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("The search index was still being built when the store closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static List<String> terms(String query) {
        if (query != null && PHONE_QUERY.matcher(query.strip()).matches()) {
            String digits = query.replaceAll("\\D", "");
            return digits.isEmpty() ? List.of() : List.of(digits);
        }
        return SearchTokens.terms(query);
    }

    public List<CustomerSummary> summaries(long[] ids) {
        return repository.summaries(db.dsl(), ids);
    }

    public int archive(Collection<Long> ids) {
        return ids.isEmpty() ? 0 : write(cfg -> repository.setArchived(cfg.dsl(), ids, true, now()));
    }

    public int restore(Collection<Long> ids) {
        return ids.isEmpty() ? 0 : write(cfg -> repository.setArchived(cfg.dsl(), ids, false, now()));
    }

    /** Adds a tag to every given customer that lacks it; returns how many changed. */
    public int addTag(Collection<Long> ids, String tag) {
        String t = validTag(tag);
        return retag(ids, c -> {
            boolean has = c.tags().stream().anyMatch(x -> x.equalsIgnoreCase(t));
            if (has) {
                return null;
            }
            List<String> tags = new ArrayList<>(c.tags());
            tags.add(t);
            return tags;
        });
    }

    /** Removes a tag from every given customer that has it; returns how many changed. */
    public int removeTag(Collection<Long> ids, String tag) {
        String t = validTag(tag);
        return retag(ids, c -> {
            List<String> tags = new ArrayList<>(c.tags());
            return tags.removeIf(x -> x.equalsIgnoreCase(t)) ? tags : null;
        });
    }

    private String validTag(String tag) {
        String t = collapse(tag);
        if (t == null) {
            throw new UserException("customer.error.tagEmpty");
        }
        if (t.length() > MAX_TAG) {
            throw new UserException("customer.error.tagTooLong", MAX_TAG);
        }
        return t;
    }

    private int retag(Collection<Long> ids, java.util.function.Function<Customer, List<String>> change) {
        if (ids.isEmpty()) {
            return 0;
        }
        return write(cfg -> {
            DSLContext dsl = cfg.dsl();
            LocalDateTime now = now();
            int changed = 0;
            List<Long> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += 1000) {
                List<Long> slice = all.subList(from, Math.min(all.size(), from + 1000));
                repository.lock(dsl, slice); // read and written with no save of another computer in between
                for (Customer c : repository.findByIds(dsl, slice)) {
                    if (c.erased()) {
                        continue;
                    }
                    List<String> tags = change.apply(c);
                    if (tags != null) {
                        if (tags.size() > MAX_TAGS) {
                            throw new UserException("customer.error.tooManyTags", MAX_TAGS);
                        }
                        repository.update(dsl, c.toBuilder().tags(tags).build(), now);
                        changed++;
                    }
                }
            }
            return changed;
        });
    }

    /**
     * The tags in use, most used first; read again only after a write of the customers' tags (the
     * list asks at each refresh and the calendar at each load; a read groups every tag of every
     * customer).
     */
    public List<String> tagsInUse() {
        long writes = db.writeCount(CustomerRepository.TAGS); // before the read: a write during it reads again next time
        KeptTags kept = tagsInUse;
        if (kept != null && kept.writes() == writes) {
            return kept.tags();
        }
        List<String> tags = repository.tagsInUse(db.dsl());
        tagsInUse = new KeptTags(writes, tags);
        return tags;
    }

    private record KeptTags(long writes, List<String> tags) {
    }

    private volatile KeptTags tagsInUse;

    public int countActive() {
        return repository.countActive(db.dsl());
    }

    public int countAll() {
        return repository.countAll(db.dsl());
    }

    /** Whether there is no customer at all (not counted: see {@link CustomerRepository#isEmpty}). */
    public boolean isEmpty() {
        return repository.isEmpty(db.dsl());
    }

    /** Which of these codes belong to a customer already. */
    public Set<String> existingCodes(Collection<String> codes) {
        return repository.existingCodes(db.dsl(), codes);
    }

    public boolean codeExists(String code) {
        return repository.codeExists(db.dsl(), code, null);
    }

    /** Every active customer, in code order, a batch at a time (for export). */
    public void forEachActive(int batchSize, java.util.function.Consumer<List<Customer>> batch) {
        forEachOf(repository.activeIdsByCode(db.dsl()), batchSize, batch);
    }

    /**
     * Every active customer in code order, then (with {@code archived}) every archived one in code
     * order, a batch at a time: what {@code export customers} writes. Erased customers are left
     * out: nothing of their profile is left to export.
     */
    public void forEachForExport(boolean archived, int batchSize, java.util.function.Consumer<List<Customer>> batch) {
        forEachLoaded(repository.activeIdsByCode(db.dsl()), batchSize, batch);
        if (archived) {
            forEachLoaded(repository.archivedIdsByCode(db.dsl()), batchSize,
                    customers -> batch.accept(customers.stream().filter(c -> !c.erased()).toList()));
        }
    }

    /** How many customers {@link #forEachForExport} goes through, erased ones counted (for progress). */
    public int countForExport(boolean archived) {
        return archived ? countAll() : countActive();
    }

    /** Hands the customers {@code ids} (in that order; those no longer there, or erased, left out) to {@code batch}, {@code batchSize} at a time. */
    public void forEachOf(long[] ids, int batchSize, java.util.function.Consumer<List<Customer>> batch) {
        forEachLoaded(ids, batchSize, customers -> batch.accept(customers.stream().filter(c -> !c.erased()).toList()));
    }

    private void forEachLoaded(long[] ids, int batchSize, java.util.function.Consumer<List<Customer>> batch) {
        for (int from = 0; from < ids.length; from += batchSize) {
            List<Long> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(ids.length, from + batchSize); i++) {
                chunk.add(ids[i]);
            }
            List<Customer> loaded = new ArrayList<>(repository.findByIds(db.dsl(), chunk));
            Map<Long, Integer> order = new java.util.HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                order.put(chunk.get(i), i);
            }
            loaded.sort(java.util.Comparator.comparing(c -> order.get(c.id())));
            batch.accept(loaded);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
