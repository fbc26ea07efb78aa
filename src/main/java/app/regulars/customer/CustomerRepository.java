package app.regulars.customer;

import app.regulars.store.jooq.tables.records.CustomerRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static app.regulars.store.jooq.Sequences.CUSTOMER_CODE_SEQ;
import static app.regulars.store.jooq.Tables.CONSENT_CHANGE;
import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MERGE;
import static app.regulars.store.jooq.Tables.CUSTOMER_PHONE;
import static app.regulars.store.jooq.Tables.CUSTOMER_SEARCH;
import static app.regulars.store.jooq.Tables.CUSTOMER_TAG;
import static app.regulars.store.jooq.Tables.PRIVACY_REQUEST;

/**
 * Customers in the H2 file: the only place their SQL lives. Each method takes the
 * {@link DSLContext} of the caller's transaction.
 */
public final class CustomerRepository {
    static final String CODE_FORMAT = "%06d";
    /** The custom fields' values, which are part of a customer (decision 0027). */
    private final CustomFieldRepository customValues = new CustomFieldRepository();

    /** Inserts a validated customer (code already set) with its phones, tags and search text. */
    public long insert(DSLContext dsl, Customer c, LocalDateTime now) {
        CustomerRecord r = dsl.newRecord(CUSTOMER);
        fill(r, c);
        r.setCreatedAt(c.createdAt() != null ? c.createdAt() : now);
        r.setUpdatedAt(now);
        r.store();
        long id = r.getId();
        writeChildren(dsl, id, c);
        if (c.fields() != null && !c.fields().isEmpty()) {
            customValues.replace(dsl, id, c.fields());
        }
        return id;
    }

    /** The columns a new customer is written with (the id comes from the identity). */
    private static final List<Field<?>> NEW_CUSTOMER = List.of(CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER.SORT_NAME, CUSTOMER.GENDER,
            CUSTOMER.BIRTHDAY_CALENDAR, CUSTOMER.BIRTH_YEAR, CUSTOMER.BIRTH_MONTH, CUSTOMER.BIRTH_DAY, CUSTOMER.BIRTH_LEAP_MONTH,
            CUSTOMER.EMAIL, CUSTOMER.WECHAT, CUSTOMER.ADDRESS, CUSTOMER.COMPANY, CUSTOMER.JOB_TITLE, CUSTOMER.SOURCE, CUSTOMER.NOTES,
            CUSTOMER.PREFERENCES, CUSTOMER.MARKETING_CONSENT, CUSTOMER.CONSENT_DATE, CUSTOMER.OPT_OUT_PHONE, CUSTOMER.OPT_OUT_SMS,
            CUSTOMER.OPT_OUT_WECHAT, CUSTOMER.OPT_OUT_EMAIL, CUSTOMER.ARCHIVED, CUSTOMER.ARCHIVED_AT, CUSTOMER.CREATED_AT, CUSTOMER.UPDATED_AT);

    /** Customers whose rows go to H2 in one JDBC batch per table. */
    static final int BATCH = 1000;

    /**
     * Inserts many validated customers (codes already set and free) with their phones, tags,
     * sort names, search texts and the first entry of their consent history (from {@code source}), as JDBC batches of prepared statements: {@value #BATCH}
     * customers, then their search texts, phones and tags, then the next {@value #BATCH}. The
     * statements are jOOQ's, rendered once; the values are bound straight to JDBC, because a
     * jOOQ record or bind per row cost more than H2 itself at a million rows (docs/decisions/0012).
     * Returns the ids in input order; {@code progress} gets the customers written so far.
     */
    public long[] insertMany(DSLContext dsl, List<Customer> customers, LocalDateTime now, ConsentSource source,
                             java.util.function.IntConsumer progress) {
        long[] ids = new long[customers.size()];
        if (customers.isEmpty()) {
            return ids;
        }
        String insertCustomer = dsl.render(dsl.insertInto(CUSTOMER).columns(NEW_CUSTOMER).values(placeholders(NEW_CUSTOMER)));
        String insertPhone = dsl.render(dsl.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.POSITION, CUSTOMER_PHONE.NUMBER)
                .values(DSL.val((Long) null), DSL.val((Integer) null), DSL.val((String) null)));
        String insertTag = dsl.render(dsl.insertInto(CUSTOMER_TAG, CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG)
                .values(DSL.val((Long) null), DSL.val((String) null)));
        String insertSearch = dsl.render(dsl.insertInto(CUSTOMER_SEARCH, CUSTOMER_SEARCH.CUSTOMER_ID, CUSTOMER_SEARCH.SEARCH_TEXT)
                .values(DSL.val((Long) null), DSL.val((String) null)));
        String insertValue = customValues.insertStatement(dsl);
        String insertConsent = dsl.render(dsl.insertInto(CONSENT_CHANGE, CONSENT_CHANGE.CUSTOMER_ID, CONSENT_CHANGE.CHANGED_AT,
                        CONSENT_CHANGE.SOURCE, CONSENT_CHANGE.MARKETING, CONSENT_CHANGE.CONSENT_DATE, CONSENT_CHANGE.OPT_OUTS)
                .values(DSL.val((Long) null), DSL.val((LocalDateTime) null), DSL.val((String) null), DSL.val((Boolean) null),
                        DSL.val((java.time.LocalDate) null), DSL.val((String) null)));
        // The search texts (pinyin, phones' digits, the tokens) made on another thread while this one
        // writes the customers' rows: the two cores work at once (decision 0035).
        java.util.concurrent.CompletableFuture<String[]> texts = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            String[] out = new String[customers.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = SearchTokens.text(customers.get(i));
            }
            return out;
        });
        dsl.connection(c -> {
            try (PreparedStatement customer = c.prepareStatement(insertCustomer, new String[] {app.regulars.store.Database.columnName(dsl, CUSTOMER.ID)});
                 PreparedStatement phone = c.prepareStatement(insertPhone);
                 PreparedStatement tag = c.prepareStatement(insertTag);
                 PreparedStatement search = c.prepareStatement(insertSearch);
                 PreparedStatement consent = c.prepareStatement(insertConsent);
                 PreparedStatement value = c.prepareStatement(insertValue)) {
                for (int from = 0; from < customers.size(); from += BATCH) {
                    int to = Math.min(customers.size(), from + BATCH);
                    for (int i = from; i < to; i++) {
                        bindCustomer(customer, customers.get(i), now);
                        customer.addBatch();
                    }
                    customer.executeBatch();
                    try (ResultSet keys = customer.getGeneratedKeys()) {
                        for (int i = from; i < to; i++) {
                            if (!keys.next()) {
                                throw new SQLException("The store returned fewer ids than customers inserted");
                            }
                            ids[i] = keys.getLong(1);
                        }
                    }
                    int phones = 0;
                    int tags = 0;
                    int consents = 0;
                    int values = 0;
                    for (int i = from; i < to; i++) {
                        Customer x = customers.get(i);
                        long id = ids[i];
                        search.setLong(1, id);
                        search.setString(2, searchText(texts, i));
                        search.addBatch();
                        if (worthRecording(x.consent())) {
                            consent.setLong(1, id);
                            consent.setObject(2, source == ConsentSource.SAMPLE && x.createdAt() != null ? x.createdAt() : now);
                            consent.setString(3, source.name());
                            consent.setBoolean(4, x.consent().marketing());
                            consent.setObject(5, x.consent().date());
                            consent.setString(6, optOutsText(x.consent()));
                            consent.addBatch();
                            consents++;
                        }
                        for (int p = 0; p < x.phones().size(); p++) {
                            phone.setLong(1, id);
                            phone.setInt(2, p);
                            phone.setString(3, x.phones().get(p));
                            phone.addBatch();
                            phones++;
                        }
                        for (String t : x.tags()) {
                            tag.setLong(1, id);
                            tag.setString(2, t);
                            tag.addBatch();
                            tags++;
                        }
                        if (x.fields() != null) {
                            for (Map.Entry<Long, FieldValue> v : x.fields().entrySet()) {
                                CustomFieldRepository.bind(value, id, v.getKey(), v.getValue());
                                values++;
                            }
                        }
                    }
                    search.executeBatch();
                    if (phones > 0) {
                        phone.executeBatch();
                    }
                    if (tags > 0) {
                        tag.executeBatch();
                    }
                    if (consents > 0) {
                        consent.executeBatch();
                    }
                    if (values > 0) {
                        value.executeBatch();
                    }
                    progress.accept(to);
                }
            }
        });
        return ids;
    }

    /**
     * Writes changed profiles over the stored ones (their phones, tags and search texts too) as JDBC
     * batches, like {@link #insertMany}: an import that updates customers. Each customer keeps its
     * id, card number and creation time; {@code updated_at} becomes {@code now}. A change of consent
     * is added to each one's history as made from {@code source}, with {@code consentBefore} the
     * consent it replaces (null: no entry).
     */
    public void updateMany(DSLContext dsl, List<Customer> customers, List<Consent> consentBefore, LocalDateTime now, ConsentSource source) {
        if (customers.isEmpty()) {
            return;
        }
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Field<?> f : NEW_CUSTOMER) {
            set.put(f, DSL.val(null, f));
        }
        set.put(CUSTOMER.ROW_VERSION, CUSTOMER.ROW_VERSION.plus(DSL.inline(1))); // no parameter: the id stays the last one
        String updateCustomer = dsl.render(dsl.update(CUSTOMER).set(set).where(CUSTOMER.ID.eq(DSL.val((Long) null))));
        String deletePhones = dsl.render(dsl.deleteFrom(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(DSL.val((Long) null))));
        String deleteTags = dsl.render(dsl.deleteFrom(CUSTOMER_TAG).where(CUSTOMER_TAG.CUSTOMER_ID.eq(DSL.val((Long) null))));
        String insertPhone = dsl.render(dsl.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.POSITION, CUSTOMER_PHONE.NUMBER)
                .values(DSL.val((Long) null), DSL.val((Integer) null), DSL.val((String) null)));
        String insertTag = dsl.render(dsl.insertInto(CUSTOMER_TAG, CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG)
                .values(DSL.val((Long) null), DSL.val((String) null)));
        String updateSearch = dsl.render(dsl.update(CUSTOMER_SEARCH).set(CUSTOMER_SEARCH.SEARCH_TEXT, DSL.val((String) null))
                .where(CUSTOMER_SEARCH.CUSTOMER_ID.eq(DSL.val((Long) null))));
        for (int i = 0; i < customers.size(); i++) {
            Consent before = consentBefore.get(i);
            if (before != null && !before.equals(customers.get(i).consent())) {
                insertConsentChange(dsl, customers.get(i).id(), now, source, customers.get(i).consent());
            }
        }
        int columns = NEW_CUSTOMER.size();
        dsl.connection(c -> {
            try (PreparedStatement customer = c.prepareStatement(updateCustomer);
                 PreparedStatement dropPhones = c.prepareStatement(deletePhones);
                 PreparedStatement dropTags = c.prepareStatement(deleteTags);
                 PreparedStatement phone = c.prepareStatement(insertPhone);
                 PreparedStatement tag = c.prepareStatement(insertTag);
                 PreparedStatement search = c.prepareStatement(updateSearch)) {
                for (int from = 0; from < customers.size(); from += BATCH) {
                    int to = Math.min(customers.size(), from + BATCH);
                    int phones = 0;
                    int tags = 0;
                    for (int i = from; i < to; i++) {
                        Customer x = customers.get(i);
                        long id = x.id();
                        if (x.createdAt() == null) {
                            throw new IllegalArgumentException("an update keeps the customer's creation time: read it first");
                        }
                        bindCustomer(customer, x.toBuilder().updatedAt(now).build(), now);
                        customer.setLong(columns + 1, id);
                        customer.addBatch();
                        dropPhones.setLong(1, id);
                        dropPhones.addBatch();
                        dropTags.setLong(1, id);
                        dropTags.addBatch();
                        search.setString(1, SearchTokens.text(x));
                        search.setLong(2, id);
                        search.addBatch();
                        for (int p = 0; p < x.phones().size(); p++) {
                            phone.setLong(1, id);
                            phone.setInt(2, p);
                            phone.setString(3, x.phones().get(p));
                            phone.addBatch();
                            phones++;
                        }
                        for (String t : x.tags()) {
                            tag.setLong(1, id);
                            tag.setString(2, t);
                            tag.addBatch();
                            tags++;
                        }
                    }
                    customer.executeBatch();
                    dropPhones.executeBatch();
                    dropTags.executeBatch();
                    search.executeBatch();
                    if (phones > 0) {
                        phone.executeBatch();
                    }
                    if (tags > 0) {
                        tag.executeBatch();
                    }
                }
            }
        });
        for (Customer x : customers) {
            if (x.fields() != null) { // given: the custom fields' values too (decision 0027)
                customValues.replace(dsl, x.id(), x.fields());
            }
        }
    }

    /** The search text the other thread made for customer {@code i}; its failure is this thread's. */
    private static String searchText(java.util.concurrent.CompletableFuture<String[]> texts, int i) {
        try {
            return texts.join()[i];
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** An email as customers are matched by it, in any case: what the generated column {@code email_key} holds. */
    static String emailKey(String email) {
        return email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
    }

    /** The customers an import's rows may be: the ids of those with these card numbers, phones (E.164) or emails ({@link #emailKey}). */
    public record Matches(Map<String, Long> byCode, Map<String, Long> byPhone, Map<String, Long> byEmail, Set<Long> erased) {
    }

    /**
     * Which customers have these card numbers, phones or emails (in any case): three indexed
     * {@code IN} lists, a thousand values at most each (and a fourth for card numbers no customer
     * has: those of customers merged into another, which give the kept one). A phone or email that
     * several customers share gives the first of them (the lowest id).
     */
    public Matches matches(DSLContext dsl, Collection<String> codes, Collection<String> phones, Collection<String> emailKeys) {
        Map<String, Long> byCode = new HashMap<>();
        Map<String, Long> byPhone = new HashMap<>();
        Map<String, Long> byEmail = new HashMap<>();
        Set<Long> erased = new java.util.HashSet<>();
        if (!dsl.fetchExists(CUSTOMER)) { // an import into an empty store: one look instead of three lists (decision 0035)
            return new Matches(byCode, byPhone, byEmail, erased);
        }
        if (!codes.isEmpty()) {
            dsl.select(CUSTOMER.CODE, CUSTOMER.ID, CUSTOMER.ERASED_AT).from(CUSTOMER).where(CUSTOMER.CODE.in(codes)).forEach(r -> {
                byCode.put(r.value1(), r.value2());
                if (r.value3() != null) {
                    erased.add(r.value2());
                }
            });
            // The card number of a customer merged into another is the kept customer's (decision 0025).
            List<String> rest = codes.stream().filter(c -> !byCode.containsKey(c)).toList();
            if (!rest.isEmpty()) {
                dsl.select(CUSTOMER_MERGE.MERGED_CODE, CUSTOMER.ID, CUSTOMER.ERASED_AT).from(CUSTOMER_MERGE)
                        .join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_MERGE.CUSTOMER_ID))
                        .where(CUSTOMER_MERGE.MERGED_CODE.in(rest)).forEach(r -> {
                            byCode.put(r.value1(), r.value2());
                            if (r.value3() != null) {
                                erased.add(r.value2());
                            }
                        });
            }
        }
        if (!phones.isEmpty()) {
            dsl.select(CUSTOMER_PHONE.NUMBER, CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.NUMBER.in(phones))
                    .forEach(r -> byPhone.merge(r.value1(), r.value2(), Math::min));
        }
        if (!emailKeys.isEmpty()) {
            dsl.select(CUSTOMER.EMAIL_KEY, CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.EMAIL_KEY.in(emailKeys))
                    .forEach(r -> byEmail.merge(r.value1(), r.value2(), Math::min));
        }
        return new Matches(byCode, byPhone, byEmail, erased);
    }

    /** Deletes these customers (everything of theirs cascades): to undo an import, a thousand at a time. */
    public int deleteIds(DSLContext dsl, Collection<Long> ids) {
        return ids.isEmpty() ? 0 : dsl.deleteFrom(CUSTOMER).where(CUSTOMER.ID.in(ids)).execute();
    }

    private static List<Field<?>> placeholders(List<Field<?>> columns) {
        List<Field<?>> out = new ArrayList<>(columns.size());
        for (Field<?> f : columns) {
            out.add(DSL.val(null, f));
        }
        return out;
    }

    /** The values of {@link #NEW_CUSTOMER}, in its order; the same values as {@link #fill}. */
    private static void bindCustomer(PreparedStatement ps, Customer c, LocalDateTime now) throws SQLException {
        Birthday b = c.birthday();
        Consent consent = c.consent();
        int i = 1;
        ps.setString(i++, c.code());
        ps.setString(i++, c.name());
        ps.setString(i++, SearchTokens.sortKey(c.name()));
        ps.setString(i++, c.gender() == null ? null : c.gender().name());
        ps.setString(i++, b == null ? null : b.kind().name());
        ps.setObject(i++, b == null ? null : b.year());
        ps.setObject(i++, b == null ? null : b.month());
        ps.setObject(i++, b == null ? null : b.day());
        ps.setBoolean(i++, b != null && b.leapMonth());
        ps.setString(i++, c.email());
        ps.setString(i++, c.wechat());
        ps.setString(i++, c.address());
        ps.setString(i++, c.company());
        ps.setString(i++, c.jobTitle());
        ps.setString(i++, c.source());
        ps.setString(i++, c.notes());
        ps.setString(i++, c.preferences());
        ps.setBoolean(i++, consent.marketing());
        ps.setObject(i++, consent.date());
        ps.setBoolean(i++, consent.optOuts().contains(MarketingChannel.PHONE));
        ps.setBoolean(i++, consent.optOuts().contains(MarketingChannel.SMS));
        ps.setBoolean(i++, consent.optOuts().contains(MarketingChannel.WECHAT));
        ps.setBoolean(i++, consent.optOuts().contains(MarketingChannel.EMAIL));
        ps.setBoolean(i++, c.archived());
        ps.setObject(i++, c.archived() ? now : null); // an archived customer imported is archived from the import on
        ps.setObject(i++, c.createdAt() != null ? c.createdAt() : now);
        ps.setObject(i, c.updatedAt() != null ? c.updatedAt() : now); // a loaded record may carry its last change
    }

    /** Whether a new customer's consent starts their history: they agreed, or opted out of something. */
    static boolean worthRecording(Consent consent) {
        return consent.marketing() || !consent.optOuts().isEmpty();
    }

    /** The opt-outs as stored in the history: each channel's name and a comma ({@code PHONE,SMS,}). */
    static String optOutsText(Consent consent) {
        StringBuilder sb = new StringBuilder();
        for (MarketingChannel ch : consent.optOutsInOrder()) {
            sb.append(ch.name()).append(',');
        }
        return sb.toString();
    }

    private static java.util.Set<MarketingChannel> optOuts(String text) {
        java.util.Set<MarketingChannel> out = EnumSet.noneOf(MarketingChannel.class);
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    try {
                        out.add(MarketingChannel.valueOf(part.strip()));
                    } catch (IllegalArgumentException e) {
                        // a channel a later version added: not one this version knows
                    }
                }
            }
        }
        return out;
    }

    /** Adds an entry to a customer's consent history: their consent after a change made from {@code source}. */
    public void insertConsentChange(DSLContext dsl, long customerId, LocalDateTime at, ConsentSource source, Consent consent) {
        dsl.insertInto(CONSENT_CHANGE, CONSENT_CHANGE.CUSTOMER_ID, CONSENT_CHANGE.CHANGED_AT, CONSENT_CHANGE.SOURCE,
                        CONSENT_CHANGE.MARKETING, CONSENT_CHANGE.CONSENT_DATE, CONSENT_CHANGE.OPT_OUTS)
                .values(customerId, at, source.name(), consent.marketing(), consent.date(), optOutsText(consent))
                .execute();
    }

    /** A customer's consent history, oldest first. */
    public List<ConsentChange> consentHistory(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CONSENT_CHANGE).where(CONSENT_CHANGE.CUSTOMER_ID.eq(customerId))
                .orderBy(CONSENT_CHANGE.CHANGED_AT, CONSENT_CHANGE.ID)
                .fetch(r -> new ConsentChange(r.getChangedAt(), source(r.getSource()),
                        new Consent(r.getMarketing(), r.getConsentDate(), optOuts(r.getOptOuts()))));
    }

    private static ConsentSource source(String name) {
        try {
            return ConsentSource.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ConsentSource.EARLIER;
        }
    }

    /** The consent of each of these customers (those that exist). */
    public Map<Long, Consent> consents(DSLContext dsl, Collection<Long> ids) {
        Map<Long, Consent> out = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            dsl.select(CUSTOMER.ID, CUSTOMER.MARKETING_CONSENT, CUSTOMER.CONSENT_DATE, CUSTOMER.OPT_OUT_PHONE, CUSTOMER.OPT_OUT_SMS,
                            CUSTOMER.OPT_OUT_WECHAT, CUSTOMER.OPT_OUT_EMAIL)
                    .from(CUSTOMER).where(CUSTOMER.ID.in(all.subList(from, Math.min(all.size(), from + 1000))))
                    .forEach(r -> out.put(r.value1(), consent(r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
        }
        return out;
    }

    static Consent consent(Boolean marketing, java.time.LocalDate date, Boolean phone, Boolean sms, Boolean wechat, Boolean email) {
        java.util.Set<MarketingChannel> out = EnumSet.noneOf(MarketingChannel.class);
        if (Boolean.TRUE.equals(phone)) {
            out.add(MarketingChannel.PHONE);
        }
        if (Boolean.TRUE.equals(sms)) {
            out.add(MarketingChannel.SMS);
        }
        if (Boolean.TRUE.equals(wechat)) {
            out.add(MarketingChannel.WECHAT);
        }
        if (Boolean.TRUE.equals(email)) {
            out.add(MarketingChannel.EMAIL);
        }
        return new Consent(Boolean.TRUE.equals(marketing), date, out);
    }

    /**
     * The customers not archived, for a statement that goes through all of them (the day's
     * greetings, check-ins and coupons, the insights' lists): {@code archived <> TRUE}. Written
     * {@code archived = FALSE}, H2 takes the (archived, sort_name) index and reads each row at its
     * place in name order, all over the table, and then every purchase or follow-up it looks up
     * for that customer too; this way it walks the table in id order (decision 0040: the day's
     * check-ins at 100,000 customers 13 s to 5.7 s). A statement that wants the rows in name
     * order, or a few of them, keeps the index with {@code archived = FALSE}.
     */
    public static Condition notArchived() {
        return CUSTOMER.ARCHIVED.ne(true);
    }

    /**
     * The customers marketing may reach (decision 0021): consent given and not opted out of every
     * channel, as {@link Consent#allowsMarketing()} says it; for the features that pick customers
     * in SQL (greetings, birthday coupons).
     */
    public static Condition marketingAllowed() {
        return CUSTOMER.MARKETING_CONSENT.isTrue().and(reachable());
    }

    /** The customers not opted out of every channel ({@link Consent#reachable()}): those a check-in may go to. */
    public static Condition reachable() {
        return DSL.not(CUSTOMER.OPT_OUT_PHONE.isTrue().and(CUSTOMER.OPT_OUT_SMS.isTrue())
                .and(CUSTOMER.OPT_OUT_WECHAT.isTrue()).and(CUSTOMER.OPT_OUT_EMAIL.isTrue()));
    }

    // ---- the shop's export (decision 0026) ----

    /**
     * This feature's files in the shop's export ({@code export all}), in the order an import loads
     * them. The search texts are not among them: each store makes its own ({@link #insertSearchTexts}).
     */
    public static List<app.regulars.store.ArchiveTable> archiveTables() {
        return List.of(
                app.regulars.store.ArchiveTable.of("customers", CUSTOMER)
                        .values(CUSTOMER.GENDER, Gender.class).values(CUSTOMER.BIRTHDAY_CALENDAR, Birthday.Kind.class)
                        .computed(CUSTOMER.EMAIL_KEY), // LOWER(email), generated (V013)
                app.regulars.store.ArchiveTable.of("customer_phones", CUSTOMER_PHONE),
                app.regulars.store.ArchiveTable.of("customer_tags", CUSTOMER_TAG),
                // The custom fields and their values (decision 0027): the definitions before the values.
                app.regulars.store.ArchiveTable.of("custom_fields", app.regulars.store.jooq.Tables.CUSTOM_FIELD)
                        .values(app.regulars.store.jooq.Tables.CUSTOM_FIELD.KIND, FieldKind.class),
                app.regulars.store.ArchiveTable.of("custom_values", app.regulars.store.jooq.Tables.CUSTOM_VALUE),
                app.regulars.store.ArchiveTable.of("consent_history", CONSENT_CHANGE).values(CONSENT_CHANGE.SOURCE, ConsentSource.class),
                app.regulars.store.ArchiveTable.of("privacy_requests", PRIVACY_REQUEST)
                        .values(PRIVACY_REQUEST.KIND, PrivacyRequest.Kind.class).values(PRIVACY_REQUEST.SOURCE, PrivacyRequest.Source.class),
                app.regulars.store.ArchiveTable.of("customer_merges", app.regulars.store.jooq.Tables.CUSTOMER_MERGE)
                        .values(app.regulars.store.jooq.Tables.CUSTOMER_MERGE.SOURCE, MergeRecord.Source.class),
                app.regulars.store.ArchiveTable.of("duplicate_dismissals", app.regulars.store.jooq.Tables.DUPLICATE_DISMISSAL));
    }

    /** The counter card numbers are drawn from: an import of everything carries on where the export left it. */
    public static org.jooq.Sequence<Long> codeSequence() {
        return CUSTOMER_CODE_SEQ;
    }

    /**
     * Writes the search texts of up to {@code limit} customers after id {@code after} (in id order; not
     * the erased ones, who have none), replacing any they had, as JDBC batches. Returns the last id
     * done, or -1 when there was none left.
     */
    public long insertSearchTexts(DSLContext dsl, long after, int limit) {
        List<Long> ids = dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.gt(after)).and(CUSTOMER.ERASED_AT.isNull())
                .orderBy(CUSTOMER.ID).limit(limit).fetch(CUSTOMER.ID);
        if (ids.isEmpty()) {
            return -1;
        }
        dsl.deleteFrom(CUSTOMER_SEARCH).where(CUSTOMER_SEARCH.CUSTOMER_ID.in(ids)).execute();
        String insertSearch = dsl.render(dsl.insertInto(CUSTOMER_SEARCH, CUSTOMER_SEARCH.CUSTOMER_ID, CUSTOMER_SEARCH.SEARCH_TEXT)
                .values(DSL.val((Long) null), DSL.val((String) null)));
        List<Customer> customers = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            customers.addAll(findByIds(dsl, ids.subList(from, Math.min(ids.size(), from + BATCH))));
        }
        dsl.connection(c -> {
            try (PreparedStatement search = c.prepareStatement(insertSearch)) {
                int n = 0;
                for (Customer x : customers) {
                    search.setLong(1, x.id());
                    search.setString(2, SearchTokens.text(x));
                    search.addBatch();
                    if (++n % BATCH == 0) {
                        search.executeBatch();
                    }
                }
                if (n % BATCH != 0) {
                    search.executeBatch();
                }
            }
        });
        return ids.getLast();
    }

    // ---- privacy requests (decision 0021) ----

    /**
     * Leaves of the customer only what their anonymous figures hang on: the row keeps its id, card
     * number and creation time; the name becomes {@code erasedName}, every other field empty, the
     * consent none, the row archived and marked erased; their phones, tags, search text, consent
     * history and custom fields' values are deleted.
     */
    public void erase(DSLContext dsl, long id, String erasedName, LocalDateTime now) {
        customValues.deleteValues(dsl, id);
        dsl.deleteFrom(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(id)).execute();
        dsl.deleteFrom(CUSTOMER_TAG).where(CUSTOMER_TAG.CUSTOMER_ID.eq(id)).execute();
        dsl.deleteFrom(CUSTOMER_SEARCH).where(CUSTOMER_SEARCH.CUSTOMER_ID.eq(id)).execute();
        dsl.deleteFrom(CONSENT_CHANGE).where(CONSENT_CHANGE.CUSTOMER_ID.eq(id)).execute();
        new ImportRepository().forget(dsl, id); // the profile an import replaced: personal data too
        // The customers merged into them were them: their card numbers stay, their names go.
        dsl.update(CUSTOMER_MERGE).set(CUSTOMER_MERGE.MERGED_NAME, (String) null).where(CUSTOMER_MERGE.CUSTOMER_ID.eq(id)).execute();
        dsl.update(CUSTOMER)
                .set(CUSTOMER.NAME, erasedName)
                .set(CUSTOMER.SORT_NAME, "")
                .set(CUSTOMER.GENDER, (String) null)
                .set(CUSTOMER.BIRTHDAY_CALENDAR, (String) null)
                .set(CUSTOMER.BIRTH_YEAR, (Integer) null)
                .set(CUSTOMER.BIRTH_MONTH, (Integer) null)
                .set(CUSTOMER.BIRTH_DAY, (Integer) null)
                .set(CUSTOMER.BIRTH_LEAP_MONTH, false)
                .set(CUSTOMER.EMAIL, (String) null)
                .set(CUSTOMER.WECHAT, (String) null)
                .set(CUSTOMER.ADDRESS, (String) null)
                .set(CUSTOMER.COMPANY, (String) null)
                .set(CUSTOMER.JOB_TITLE, (String) null)
                .set(CUSTOMER.SOURCE, (String) null)
                .set(CUSTOMER.NOTES, (String) null)
                .set(CUSTOMER.PREFERENCES, (String) null)
                .set(CUSTOMER.MARKETING_CONSENT, false)
                .set(CUSTOMER.CONSENT_DATE, (java.time.LocalDate) null)
                .set(CUSTOMER.OPT_OUT_PHONE, false)
                .set(CUSTOMER.OPT_OUT_SMS, false)
                .set(CUSTOMER.OPT_OUT_WECHAT, false)
                .set(CUSTOMER.OPT_OUT_EMAIL, false)
                .set(CUSTOMER.ARCHIVED, true)
                .set(CUSTOMER.ARCHIVED_AT, DSL.coalesce(CUSTOMER.ARCHIVED_AT, DSL.val(now)))
                .set(CUSTOMER.UPDATED_AT, now)
                .set(CUSTOMER.ROW_VERSION, CUSTOMER.ROW_VERSION.plus(DSL.inline(1)))
                .set(CUSTOMER.ERASED_AT, now)
                .where(CUSTOMER.ID.eq(id))
                .execute();
    }

    /** Masks the erased customer's {@link Erasure#terms()} where other customers' notes, preferences and addresses mention them. */
    public void maskMentions(DSLContext dsl, Erasure erasure) {
        if (erasure.terms().isEmpty()) {
            return;
        }
        for (Field<String> text : List.of(CUSTOMER.NOTES, CUSTOMER.PREFERENCES, CUSTOMER.ADDRESS)) {
            dsl.update(CUSTOMER).set(text, masked(text, erasure.terms()))
                    .set(CUSTOMER.ROW_VERSION, CUSTOMER.ROW_VERSION.plus(DSL.inline(1)))
                    .where(CUSTOMER.ID.ne(erasure.customerId())).and(mentions(text, erasure.terms())).execute();
        }
    }

    /** Adds a request to the log of privacy requests. */
    public void logRequest(DSLContext dsl, PrivacyRequest request) {
        dsl.insertInto(PRIVACY_REQUEST, PRIVACY_REQUEST.REQUESTED_AT, PRIVACY_REQUEST.KIND, PRIVACY_REQUEST.CUSTOMER_CODE,
                        PRIVACY_REQUEST.SOURCE)
                .values(request.at(), request.kind().name(), request.customerCode(), request.source().name())
                .execute();
    }

    /** The log of privacy requests, newest first, at most {@code limit}. */
    public List<PrivacyRequest> requests(DSLContext dsl, int limit) {
        return dsl.selectFrom(PRIVACY_REQUEST).orderBy(PRIVACY_REQUEST.REQUESTED_AT.desc(), PRIVACY_REQUEST.ID.desc()).limit(limit)
                .fetch(r -> new PrivacyRequest(r.getRequestedAt(), PrivacyRequest.Kind.valueOf(r.getKind()), r.getCustomerCode(),
                        PrivacyRequest.Source.valueOf(r.getSource())));
    }

    /**
     * Rows whose {@code text} mentions one of {@code terms} (a plain "contains", wildcards taken
     * literally): for the features that mask an erased customer in what they hold about others.
     */
    public static Condition mentions(Field<String> text, List<String> terms) {
        Condition any = DSL.falseCondition();
        for (String term : terms) {
            any = any.or(text.contains(term));
        }
        return any;
    }

    /** {@code text} with each of {@code terms} replaced by {@link Erasure#MASK}, the longest first. */
    public static Field<String> masked(Field<String> text, List<String> terms) {
        Field<String> out = text;
        for (String term : terms.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList()) {
            out = DSL.replace(out, DSL.val(term), DSL.val(Erasure.MASK));
        }
        return out;
    }

    /** The highest customer id so far (0 for none): what a bulk insert adds comes after it. */
    public long maxId(DSLContext dsl) {
        Long id = dsl.select(DSL.max(CUSTOMER.ID)).from(CUSTOMER).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /**
     * Deletes the customers with ids in {@code (after, upTo]} (their phones, tags, search texts and
     * everything else of theirs cascade): to undo a bulk insert, a range at a time.
     */
    public int deleteRange(DSLContext dsl, long after, long upTo) {
        return dsl.deleteFrom(CUSTOMER).where(CUSTOMER.ID.gt(after)).and(CUSTOMER.ID.le(upTo)).execute();
    }

    /**
     * The tables {@link #insertMany} fills, for a bulk load of about {@code customers} new customers
     * (-1: not known): large next to what they hold, their indexes are made again after it (decision 0029).
     */
    public static app.regulars.store.Database.LoadInto newCustomers(long customers) {
        return app.regulars.store.Database.LoadInto.tables(customers, CUSTOMER, CUSTOMER_PHONE, CUSTOMER_TAG, CUSTOMER_SEARCH, CONSENT_CHANGE);
    }

    /** Which of these codes are taken already (by a customer, or by one merged into another: decision 0025). */
    public Set<String> existingCodes(DSLContext dsl, Collection<String> codes) {
        Set<String> out = new java.util.HashSet<>();
        List<String> all = List.copyOf(codes);
        // an import into an empty store asks for every code of its file: an empty table answers at once
        boolean customers = !all.isEmpty() && dsl.fetchExists(CUSTOMER);
        boolean merged = !all.isEmpty() && dsl.fetchExists(CUSTOMER_MERGE);
        for (int from = 0; from < all.size() && (customers || merged); from += 1000) {
            List<String> some = all.subList(from, Math.min(all.size(), from + 1000));
            if (customers) {
                out.addAll(dsl.select(CUSTOMER.CODE).from(CUSTOMER).where(CUSTOMER.CODE.in(some)).fetch(CUSTOMER.CODE));
            }
            if (merged) {
                out.addAll(dsl.select(CUSTOMER_MERGE.MERGED_CODE).from(CUSTOMER_MERGE).where(CUSTOMER_MERGE.MERGED_CODE.in(some))
                        .fetch(CUSTOMER_MERGE.MERGED_CODE));
            }
        }
        return out;
    }

    /**
     * The next {@code count} member-card numbers from the code sequence, in order, in one
     * statement. Numbers already taken (imported codes) are not filtered here: see
     * {@link #existingCodes}.
     */
    public List<String> drawCodes(DSLContext dsl, int count) {
        if (count <= 0) {
            return List.of();
        }
        List<Long> values = dsl.select(CUSTOMER_CODE_SEQ.nextval()).from(DSL.generateSeries(1, count)).fetch(0, Long.class);
        List<String> out = new ArrayList<>(values.size());
        values.stream().sorted().forEach(v -> out.add(CODE_FORMAT.formatted(v)));
        return out;
    }

    /**
     * Stores a changed profile, its custom fields' values only when given ({@link Customer#fields()}
     * not null), if the row is still at the version it was read at ({@link Customer#version()}): one
     * {@code UPDATE ... SET row_version = row_version + 1 WHERE id = ? AND row_version = ?}, which
     * both engines evaluate against the row as committed (PostgreSQL waits for a save in progress on
     * it and checks again). Returns false, having changed nothing, when someone else changed or
     * removed the row since (decision 0031).
     */
    public boolean update(DSLContext dsl, Customer c, LocalDateTime now) {
        CustomerRecord r = dsl.newRecord(CUSTOMER);
        fill(r, c);
        r.setUpdatedAt(now);
        int changed = dsl.update(CUSTOMER).set(r).set(CUSTOMER.ROW_VERSION, CUSTOMER.ROW_VERSION.plus(DSL.inline(1)))
                .where(CUSTOMER.ID.eq(c.id())).and(CUSTOMER.ROW_VERSION.eq(c.version()))
                .execute();
        if (changed == 0) {
            return false;
        }
        dsl.deleteFrom(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(c.id())).execute();
        dsl.deleteFrom(CUSTOMER_TAG).where(CUSTOMER_TAG.CUSTOMER_ID.eq(c.id())).execute();
        Customer whole = c;
        if (c.fields() != null) {
            customValues.replace(dsl, c.id(), c.fields());
        } else { // the values stay, and stay in the search text
            whole = c.toBuilder().fields(customValues.values(dsl, List.of(c.id())).getOrDefault(c.id(), Map.of())).build();
        }
        writeChildren(dsl, c.id(), whole);
        return true;
    }

    /**
     * Locks these customers' rows until the transaction ends ({@code SELECT ... FOR UPDATE}, in id
     * order), so that what is read of them next is what an update will change: no save from another
     * computer comes in between (decision 0031).
     */
    public void lock(DSLContext dsl, Collection<Long> ids) {
        dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.in(ids)).orderBy(CUSTOMER.ID).forUpdate().fetch();
    }

    /** Writes a customer's search text again from what is stored (after a custom field that held some of it is gone). */
    public void rewriteSearchText(DSLContext dsl, Collection<Long> ids) {
        for (Customer c : findByIds(dsl, ids)) {
            String text = SearchTokens.text(c);
            dsl.insertInto(CUSTOMER_SEARCH, CUSTOMER_SEARCH.CUSTOMER_ID, CUSTOMER_SEARCH.SEARCH_TEXT).values(c.id(), text)
                    .onDuplicateKeyUpdate().set(CUSTOMER_SEARCH.SEARCH_TEXT, text).execute();
        }
    }

    private void fill(CustomerRecord r, Customer c) {
        r.setCode(c.code());
        r.setName(c.name());
        r.setSortName(SearchTokens.sortKey(c.name()));
        r.setGender(c.gender() == null ? null : c.gender().name());
        Birthday b = c.birthday();
        r.setBirthdayCalendar(b == null ? null : b.kind().name());
        r.setBirthYear(b == null ? null : b.year());
        r.setBirthMonth(b == null ? null : b.month());
        r.setBirthDay(b == null ? null : b.day());
        r.setBirthLeapMonth(b != null && b.leapMonth());
        r.setEmail(c.email());
        r.setWechat(c.wechat());
        r.setAddress(c.address());
        r.setCompany(c.company());
        r.setJobTitle(c.jobTitle());
        r.setSource(c.source());
        r.setNotes(c.notes());
        r.setPreferences(c.preferences());
        Consent consent = c.consent();
        r.setMarketingConsent(consent.marketing());
        r.setConsentDate(consent.date());
        r.setOptOutPhone(consent.optOuts().contains(MarketingChannel.PHONE));
        r.setOptOutSms(consent.optOuts().contains(MarketingChannel.SMS));
        r.setOptOutWechat(consent.optOuts().contains(MarketingChannel.WECHAT));
        r.setOptOutEmail(consent.optOuts().contains(MarketingChannel.EMAIL));
        r.setArchived(c.archived());
    }

    /** The phones, tags and search text of a customer just inserted, or whose old ones were just deleted. */
    private void writeChildren(DSLContext dsl, long id, Customer c) {
        // The card numbers of the customers merged into this one find it too (decision 0025).
        java.util.Set<String> tokens = SearchTokens.of(c);
        for (String merged : dsl.select(CUSTOMER_MERGE.MERGED_CODE).from(CUSTOMER_MERGE).where(CUSTOMER_MERGE.CUSTOMER_ID.eq(id))
                .fetch(CUSTOMER_MERGE.MERGED_CODE)) {
            tokens.add(SearchTokens.normalize(merged));
        }
        String text = SearchTokens.text(tokens);
        // An upsert: a customer stored by SQL (a test, a benchmark) has none yet.
        dsl.insertInto(CUSTOMER_SEARCH, CUSTOMER_SEARCH.CUSTOMER_ID, CUSTOMER_SEARCH.SEARCH_TEXT).values(id, text)
                .onDuplicateKeyUpdate().set(CUSTOMER_SEARCH.SEARCH_TEXT, text).execute();
        var phones = dsl.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.POSITION, CUSTOMER_PHONE.NUMBER);
        for (int i = 0; i < c.phones().size(); i++) {
            phones = phones.values(id, i, c.phones().get(i));
        }
        if (!c.phones().isEmpty()) {
            phones.execute();
        }
        if (!c.tags().isEmpty()) {
            var tags = dsl.insertInto(CUSTOMER_TAG, CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG);
            for (String tag : c.tags()) {
                tags = tags.values(id, tag);
            }
            tags.execute();
        }
    }

    public Optional<Customer> findById(DSLContext dsl, long id) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOptional().map(r -> toCustomer(dsl, r));
    }

    public Optional<Customer> findByCode(DSLContext dsl, String code) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.CODE.eq(code)).fetchOptional().map(r -> toCustomer(dsl, r));
    }

    /** The customers merged into this one, oldest first (decision 0025). */
    public List<MergeRecord> mergedInto(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CUSTOMER_MERGE).where(CUSTOMER_MERGE.CUSTOMER_ID.eq(customerId))
                .orderBy(CUSTOMER_MERGE.MERGED_AT, CUSTOMER_MERGE.ID)
                .fetch(r -> new MergeRecord(r.getMergedCode(), r.getMergedName(), r.getMergedAt(), mergeSource(r.getSource())));
    }

    private static MergeRecord.Source mergeSource(String name) {
        try {
            return MergeRecord.Source.valueOf(name);
        } catch (IllegalArgumentException e) {
            return MergeRecord.Source.WINDOW;
        }
    }

    /** The customer a card number was merged into, if it was (decision 0025). */
    public Optional<Long> mergedCodeOwner(DSLContext dsl, String code) {
        return dsl.select(CUSTOMER_MERGE.CUSTOMER_ID).from(CUSTOMER_MERGE).where(CUSTOMER_MERGE.MERGED_CODE.eq(code))
                .fetchOptional(CUSTOMER_MERGE.CUSTOMER_ID);
    }

    public List<Customer> findByIds(DSLContext dsl, Collection<Long> ids) {
        Map<Long, List<String>> phones = phonesOf(dsl, ids);
        Map<Long, List<String>> tags = tagsOf(dsl, ids);
        Map<Long, Map<Long, FieldValue>> values = customValues.values(dsl, ids);
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.in(ids)).orderBy(CUSTOMER.SORT_NAME, CUSTOMER.ID).fetch()
                .map(r -> toCustomer(r, phones.getOrDefault(r.getId(), List.of()), tags.getOrDefault(r.getId(), List.of()),
                        values.getOrDefault(r.getId(), Map.of())));
    }

    private Customer toCustomer(DSLContext dsl, CustomerRecord r) {
        List<Long> one = List.of(r.getId());
        return toCustomer(r, phonesOf(dsl, one).getOrDefault(r.getId(), List.of()), tagsOf(dsl, one).getOrDefault(r.getId(), List.of()),
                customValues.values(dsl, one).getOrDefault(r.getId(), Map.of()));
    }

    private static Customer toCustomer(CustomerRecord r, List<String> phones, List<String> tags, Map<Long, FieldValue> values) {
        EnumSet<MarketingChannel> optOuts = EnumSet.noneOf(MarketingChannel.class);
        if (r.getOptOutPhone()) optOuts.add(MarketingChannel.PHONE);
        if (r.getOptOutSms()) optOuts.add(MarketingChannel.SMS);
        if (r.getOptOutWechat()) optOuts.add(MarketingChannel.WECHAT);
        if (r.getOptOutEmail()) optOuts.add(MarketingChannel.EMAIL);
        return Customer.builder()
                .id(r.getId())
                .code(r.getCode())
                .name(r.getName())
                .gender(r.getGender() == null ? null : Gender.valueOf(r.getGender()))
                .birthday(birthday(r.getBirthdayCalendar(), r.getBirthYear(), r.getBirthMonth(), r.getBirthDay(), r.getBirthLeapMonth()))
                .phones(phones)
                .email(r.getEmail())
                .wechat(r.getWechat())
                .address(r.getAddress())
                .company(r.getCompany())
                .jobTitle(r.getJobTitle())
                .source(r.getSource())
                .tags(tags)
                .notes(r.getNotes())
                .preferences(r.getPreferences())
                .consent(new Consent(r.getMarketingConsent(), r.getConsentDate(), optOuts))
                .archived(r.getArchived())
                .createdAt(r.getCreatedAt())
                .updatedAt(r.getUpdatedAt())
                .erasedAt(r.getErasedAt())
                .fields(values)
                .version(r.getRowVersion())
                .build();
    }

    private static Birthday birthday(String kind, Integer year, Integer month, Integer day, Boolean leap) {
        if (kind == null || month == null || day == null) {
            return null;
        }
        return new Birthday(Birthday.Kind.valueOf(kind), year, month, day, Boolean.TRUE.equals(leap));
    }

    private Map<Long, List<String>> phonesOf(DSLContext dsl, Collection<Long> ids) {
        Map<Long, List<String>> out = new HashMap<>();
        dsl.select(CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE)
                .where(CUSTOMER_PHONE.CUSTOMER_ID.in(ids))
                .orderBy(CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.POSITION)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    private Map<Long, List<String>> tagsOf(DSLContext dsl, Collection<Long> ids) {
        Map<Long, List<String>> out = new HashMap<>();
        dsl.select(CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG).from(CUSTOMER_TAG)
                .where(CUSTOMER_TAG.CUSTOMER_ID.in(ids))
                .orderBy(CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    /**
     * Ids of the customers matching every term (a term matches a customer when one of its
     * search tokens starts with it), optionally carrying a tag, in the given order, at most
     * {@code limit} (0: all).
     *
     * <p>In two steps, because H2 has one plan per statement and the right plan depends on
     * how many customers match. First the matching ids come from one scan of the customers'
     * search texts (a {@code LIKE} per term, decision 0018). Then they are put in list
     * order: a few are looked up by primary key and sorted; many are picked out of the sort
     * index, read in order, until {@code limit} are found. This is the search until the
     * in-memory index is built, and while it is stale after a write (decision 0014).
     */
    public long[] ids(DSLContext dsl, List<String> terms, String tag, boolean archived, CustomerSort sort, boolean ascending, int limit) {
        boolean byTag = tag != null && !tag.isBlank();
        if (terms.isEmpty() && !byTag) {
            if (limit > 0) {
                return firstIds(dsl, archived, sort, ascending, limit);
            }
            java.util.stream.LongStream.Builder all = java.util.stream.LongStream.builder();
            forEachInOrder(dsl, archived, sort, ascending, app.regulars.store.Database.ROWS_PER_READ, (id, key) -> {
                all.add(id);
                return true;
            });
            return all.build().toArray();
        }
        Set<Long> matches = null;
        if (!terms.isEmpty()) {
            Condition every = DSL.trueCondition();
            for (String term : terms) {
                if (term.indexOf(SearchTokens.SEPARATOR) >= 0) {
                    return new long[0]; // no token holds the separator
                }
                every = every.and(startsAToken(term));
            }
            matches = new java.util.HashSet<>(dsl.select(CUSTOMER_SEARCH.CUSTOMER_ID).from(CUSTOMER_SEARCH).where(every)
                    .fetch(CUSTOMER_SEARCH.CUSTOMER_ID));
            if (matches.isEmpty()) {
                return new long[0];
            }
        }
        if (byTag) {
            matches = intersect(matches, new java.util.HashSet<>(
                    dsl.select(CUSTOMER_TAG.CUSTOMER_ID).from(CUSTOMER_TAG).where(CUSTOMER_TAG.TAG.eq(tag)).fetch(CUSTOMER_TAG.CUSTOMER_ID)));
            if (matches.isEmpty()) {
                return new long[0];
            }
        }
        int n = matches.size();
        int wanted = limit > 0 ? Math.min(limit, n) : n;
        long total = dsl.fetchCount(CUSTOMER);
        // Reading the order index costs about (total / n) entries per wanted id; a lookup by
        // key costs about a few index entries per match. Pick the cheaper.
        double scanCost = wanted * (double) total / n;
        if (scanCost > n * LOOKUP_COST) {
            // The ids are inlined: H2 checks a list of constants against a hash set, but a
            // list of parameters (or = ANY(?)) value by value, quadratic in the matches;
            // IN (SELECT ... FROM UNNEST(?)) it even runs again for every row.
            var select = dsl.select(CUSTOMER.ID).from(CUSTOMER)
                    .where(CUSTOMER.ARCHIVED.eq(archived)).and(CUSTOMER.ID.in(matches.stream().map(DSL::inline).toList()))
                    .orderBy(order(sort, ascending));
            return toArray(limit > 0 ? select.limit(limit).fetch(CUSTOMER.ID) : select.fetch(CUSTOMER.ID));
        }
        long[] out = new long[wanted];
        int[] found = {0};
        // The order index in pages (decision 0054), each a bit more than the expected share of the
        // index holds, until enough are found.
        int page = (int) Math.min(app.regulars.store.Database.ROWS_PER_READ, (long) (scanCost * 1.3) + 1000);
        Set<Long> wantedIds = matches;
        forEachInOrder(dsl, archived, sort, ascending, page, (id, key) -> {
            if (wantedIds.contains(id)) {
                out[found[0]++] = id;
            }
            return found[0] < wanted;
        });
        return found[0] == out.length ? out : java.util.Arrays.copyOf(out, found[0]);
    }

    /** A lookup by primary key and its share of the sort cost, in order-index entries read. */
    private static final double LOOKUP_COST = 4.0;

    /**
     * A customer one of whose tokens starts with {@code term}: the separator and the term, its
     * wildcards escaped, somewhere in its search text (H2 checks a {@code %text%} pattern as a
     * plain "contains"). Digits also match reversed phone tokens ("last digits").
     */
    private static Condition startsAToken(String term) {
        Condition c = CUSTOMER_SEARCH.SEARCH_TEXT.like(likeAnywhere(SearchTokens.SEPARATOR + term), LIKE_ESCAPE);
        if (SearchTokens.isDigits(term)) {
            String reversed = SearchTokens.REVERSED + new StringBuilder(term).reverse().toString();
            c = c.or(CUSTOMER_SEARCH.SEARCH_TEXT.like(likeAnywhere(SearchTokens.SEPARATOR + reversed), LIKE_ESCAPE));
        }
        return c;
    }

    private static final char LIKE_ESCAPE = '\\';

    /** A LIKE pattern that finds {@code text} anywhere, its {@code %}, {@code _} and escape characters taken literally. */
    static String likeAnywhere(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' || ch == '_' || ch == LIKE_ESCAPE) {
                sb.append(LIKE_ESCAPE);
            }
            sb.append(ch);
        }
        return sb.append('%').toString();
    }

    private static Set<Long> intersect(Set<Long> sofar, Set<Long> next) {
        if (sofar == null) {
            return next;
        }
        Set<Long> small = sofar.size() <= next.size() ? sofar : next;
        Set<Long> large = small == sofar ? next : sofar;
        small.retainAll(large);
        return small;
    }

    private static long[] toArray(List<Long> ids) {
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    /**
     * The list order. Every query that uses it has {@code archived = ?}; the order still starts
     * with {@code archived}, because only then does H2 see that the (archived, sort_name, id)
     * and (archived, created_at, id) indexes give the rows in this order: the first page of
     * 100,000 then reads 100 index entries (6 ms) instead of every row, sorted (0.3 s, 2.3 s
     * with a cold file).
     */
    private static List<SortField<?>> order(CustomerSort sort, boolean asc) {
        SortField<Boolean> archived = asc ? CUSTOMER.ARCHIVED.asc() : CUSTOMER.ARCHIVED.desc();
        return switch (sort) {
            case NAME -> List.of(archived, asc ? CUSTOMER.SORT_NAME.asc() : CUSTOMER.SORT_NAME.desc(), asc ? CUSTOMER.ID.asc() : CUSTOMER.ID.desc());
            case CODE -> List.of(asc ? CUSTOMER.CODE.asc() : CUSTOMER.CODE.desc());
            case CREATED -> List.of(archived, asc ? CUSTOMER.CREATED_AT.asc() : CUSTOMER.CREATED_AT.desc(),
                    asc ? CUSTOMER.ID.asc() : CUSTOMER.ID.desc());
        };
    }

    /**
     * Every customer (archived or not as asked) in list order, with the value it is ordered by
     * (its sort name, code or time added), {@code page} rows a query (decision 0054). A page
     * starts after the last one's value, from the index of that order, which H2 then reads for
     * the page alone: one query for everyone had H2 write the 100,000 rows to a temporary store
     * and read them back. H2 takes only the first column of a row-value comparison such as
     * {@code (sort_name, id) > (?, ?)} for the index's range, so a page asks for the values
     * after the last one, and the customers sharing that value come first, by id, in pages of
     * their own.
     */
    void forEachInOrder(DSLContext dsl, boolean archived, CustomerSort sort, boolean ascending, int page, OrderSink each) {
        switch (sort) {
            case NAME -> forEachInOrder(dsl, CUSTOMER.ARCHIVED.eq(archived), CUSTOMER.SORT_NAME, false, order(sort, ascending), ascending, page, each);
            case CREATED -> forEachInOrder(dsl, CUSTOMER.ARCHIVED.eq(archived), CUSTOMER.CREATED_AT, false, order(sort, ascending), ascending, page, each);
            // codes are unique; "archived <> ?" lets H2 walk the code index rather than sort every
            // active customer for each page (archived = ? takes the (archived, sort_name) index)
            // (and the name: the same order, in which H2 reads ix_customer_code_name alone, not the code's unique index and the rows)
            case CODE -> forEachInOrder(dsl, CUSTOMER.ARCHIVED.ne(!archived), CUSTOMER.CODE, true,
                    List.of(ascending ? CUSTOMER.CODE.asc() : CUSTOMER.CODE.desc(), ascending ? CUSTOMER.NAME.asc() : CUSTOMER.NAME.desc()),
                    ascending, page, each);
        }
    }

    private static <K> void forEachInOrder(DSLContext dsl, Condition which, Field<K> key, boolean unique, List<SortField<?>> order,
                                           boolean ascending, int page, OrderSink each) {
        Last<K> last = readPage(dsl, which, key, order, page, each);
        while (last.read() == page) {
            if (!unique) {
                Last<K> tie = last;
                while (tie.read() == page) { // the rest of those ordered by the same value
                    tie = readPage(dsl, which.and(key.eq(last.key())).and(ascending ? CUSTOMER.ID.gt(tie.id()) : CUSTOMER.ID.lt(tie.id())),
                            key, order, page, each);
                }
                if (tie.read() == Last.STOPPED) {
                    return;
                }
            }
            last = readPage(dsl, which.and(ascending ? key.gt(last.key()) : key.lt(last.key())), key, order, page, each);
        }
    }

    /** What a page read ended with: how many rows ({@link #STOPPED}: the sink asked for no more), the last one's id and value. */
    private record Last<K>(int read, long id, K key) {
        static final int STOPPED = -1;
    }

    private static <K> Last<K> readPage(DSLContext dsl, Condition where, Field<K> key, List<SortField<?>> order, int page, OrderSink each) {
        int read = 0;
        long id = 0;
        K value = null;
        try (ResultSet rows = orderPage(dsl, where, key, order, page).fetchSize(page).fetchResultSet()) {
            while (rows.next()) {
                read++;
                id = rows.getLong(1);
                value = rows.getObject(2, key.getType());
                if (!each.accept(id, value)) {
                    return new Last<>(Last.STOPPED, id, value);
                }
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("Reading the customers in list order", e);
        }
        return new Last<>(read, id, value);
    }

    /** One page's query of {@link #forEachInOrder}. */
    static <K> org.jooq.ResultQuery<org.jooq.Record2<Long, K>> orderPage(DSLContext dsl, Condition where, Field<K> key, List<SortField<?>> order, int page) {
        return dsl.select(CUSTOMER.ID, key).from(CUSTOMER).where(where).orderBy(order).limit(page);
    }

    /** A customer in a list order: its id and the value it is ordered by; false when no more are wanted. */
    @FunctionalInterface
    interface OrderSink {
        boolean accept(long id, Object key);
    }

    /**
     * The ids of the first {@code limit} customers in list order (everyone, archived or not as
     * asked): the list's first page, read without the ids of all 100,000 ({@link #forEachInOrder},
     * in pages); and how many there are in all.
     */
    public long[] firstIds(DSLContext dsl, boolean archived, CustomerSort sort, boolean ascending, int limit) {
        return toArray(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ARCHIVED.eq(archived)).orderBy(order(sort, ascending))
                .limit(limit).fetch(CUSTOMER.ID));
    }

    public int count(DSLContext dsl, boolean archived) {
        if (archived) {
            return dsl.fetchCount(CUSTOMER, CUSTOMER.ARCHIVED.isTrue());
        }
        // All less the archived, in one statement: H2 keeps a table's number of rows, and the archived
        // are few (read through their index), where counting the active read every one of them
        // (133 ms of the first page at 100,000 customers, decision 0037).
        return dsl.select(DSL.field(DSL.selectCount().from(CUSTOMER))
                        .minus(DSL.field(DSL.selectCount().from(CUSTOMER).where(CUSTOMER.ARCHIVED.isTrue()))))
                .fetchSingle().value1();
    }

    /** The list rows of these customers, in the order of {@code ids}. */
    public List<CustomerSummary> summaries(DSLContext dsl, long[] ids) {
        if (ids.length == 0) {
            return List.of();
        }
        List<Long> idList = new ArrayList<>(ids.length);
        for (long id : ids) {
            idList.add(id);
        }
        Field<String> firstPhone = DSL.field(DSL.select(CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE)
                .where(CUSTOMER_PHONE.CUSTOMER_ID.eq(CUSTOMER.ID)).and(CUSTOMER_PHONE.POSITION.eq(0)));
        Map<Long, List<String>> tags = tagsOf(dsl, idList);
        Map<Long, Map<Long, FieldValue>> values = customValues.values(dsl, idList);
        Map<Long, CustomerSummary> byId = new LinkedHashMap<>();
        dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME, firstPhone, CUSTOMER.EMAIL, CUSTOMER.COMPANY,
                        CUSTOMER.BIRTHDAY_CALENDAR, CUSTOMER.BIRTH_YEAR, CUSTOMER.BIRTH_MONTH, CUSTOMER.BIRTH_DAY,
                        CUSTOMER.BIRTH_LEAP_MONTH, CUSTOMER.ARCHIVED)
                .from(CUSTOMER).where(CUSTOMER.ID.in(idList))
                .forEach(r -> byId.put(r.value1(), new CustomerSummary(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), tags.getOrDefault(r.value1(), List.of()),
                        birthday(r.value7(), r.value8(), r.value9(), r.value10(), r.value11()), r.value12(),
                        values.getOrDefault(r.value1(), Map.of()))));
        List<CustomerSummary> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            CustomerSummary s = byId.get(id);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether a customer (other than {@code exceptId}) has this card number, or had it before being merged into another (decision 0025). */
    public boolean codeExists(DSLContext dsl, String code, Long exceptId) {
        Condition c = CUSTOMER.CODE.eq(code);
        if (exceptId != null) {
            c = c.and(CUSTOMER.ID.ne(exceptId));
        }
        return dsl.fetchExists(CUSTOMER, c) || dsl.fetchExists(CUSTOMER_MERGE, CUSTOMER_MERGE.MERGED_CODE.eq(code));
    }

    /** The next free member-card number from the code sequence (imported codes are skipped). */
    public String nextCode(DSLContext dsl) {
        while (true) {
            String code = CODE_FORMAT.formatted(dsl.nextval(CUSTOMER_CODE_SEQ));
            if (!codeExists(dsl, code, null)) {
                return code;
            }
        }
    }

    /**
     * Other customers (active or archived) with one of these phones or this email: the first 20 by
     * id. Two look-ups, each through its index (the phones', the email key's), merged here: one
     * statement with {@code id IN (phones) OR email_key = ?} read every customer (100 ms and
     * 17 MB of garbage for each profile opened at 100,000 customers, decision 0040).
     */
    public List<Customer> withPhoneOrEmail(DSLContext dsl, Collection<String> phones, String email, Long exceptId) {
        int limit = 20;
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        if (!phones.isEmpty()) {
            ids.addAll(dsl.selectDistinct(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE)
                    .where(CUSTOMER_PHONE.NUMBER.in(phones))
                    .and(exceptId == null ? DSL.noCondition() : CUSTOMER_PHONE.CUSTOMER_ID.ne(exceptId))
                    .orderBy(CUSTOMER_PHONE.CUSTOMER_ID).limit(limit).fetch(CUSTOMER_PHONE.CUSTOMER_ID));
        }
        if (email != null && !email.isBlank()) {
            ids.addAll(dsl.select(CUSTOMER.ID).from(CUSTOMER)
                    .where(CUSTOMER.EMAIL_KEY.eq(emailKey(email.strip())))
                    .and(exceptId == null ? DSL.noCondition() : CUSTOMER.ID.ne(exceptId))
                    .orderBy(CUSTOMER.ID).limit(limit).fetch(CUSTOMER.ID));
        }
        List<Long> first = ids.stream().limit(limit).toList();
        return first.isEmpty() ? List.of() : findByIds(dsl, first);
    }

    public int setArchived(DSLContext dsl, Collection<Long> ids, boolean archived, LocalDateTime now) {
        return dsl.update(CUSTOMER)
                .set(CUSTOMER.ARCHIVED, archived)
                .set(CUSTOMER.ARCHIVED_AT, archived ? now : null)
                .set(CUSTOMER.UPDATED_AT, now)
                .set(CUSTOMER.ROW_VERSION, CUSTOMER.ROW_VERSION.plus(DSL.inline(1)))
                .where(CUSTOMER.ID.in(ids)).and(CUSTOMER.ARCHIVED.ne(archived))
                .and(archived ? DSL.noCondition() : CUSTOMER.ERASED_AT.isNull()) // an erased customer stays archived
                .execute();
    }

    public int countActive(DSLContext dsl) {
        return dsl.fetchCount(CUSTOMER, CUSTOMER.ARCHIVED.isFalse());
    }

    /**
     * Every customer, archived or not: H2 answers a plain {@code COUNT(*)} from the table's size at once, which
     * after a kill can still include a few rows of a transaction that never committed (see {@link #isEmpty}).
     */
    public int countAll(DSLContext dsl) {
        return dsl.fetchCount(CUSTOMER);
    }

    /**
     * Whether the store has no customer, by looking for one: H2 answers a plain {@code COUNT(*)} from the table's
     * size, which after a process was killed can count a few rows of a transaction that never committed, no read
     * seeing them (their undo log entries did not reach the file: H2 rolls such "leftovers" back when a write
     * reaches them; h2database issue 2080). A store a killed fill left empty must read as empty.
     */
    public boolean isEmpty(DSLContext dsl) {
        return !dsl.fetchExists(CUSTOMER);
    }

    /** The tables {@link #tagsInUse} reads: a write to none of them leaves its answer current ({@code Database.writeCount(tables)}). */
    static final org.jooq.Table<?>[] TAGS = {CUSTOMER_TAG};

    /** All tags in use, most used first. */
    public List<String> tagsInUse(DSLContext dsl) {
        return dsl.select(CUSTOMER_TAG.TAG).from(CUSTOMER_TAG).groupBy(CUSTOMER_TAG.TAG)
                .orderBy(DSL.count().desc(), CUSTOMER_TAG.TAG).limit(200).fetch(CUSTOMER_TAG.TAG);
    }

    /** Ids of every active customer, in code order: for export, a batch at a time. */
    public long[] activeIdsByCode(DSLContext dsl) {
        return ids(dsl, List.of(), null, false, CustomerSort.CODE, true, 0);
    }

    /** Ids of every archived customer (erased ones too), in code order: for an export that includes them. */
    public long[] archivedIdsByCode(DSLContext dsl) {
        return ids(dsl, List.of(), null, true, CustomerSort.CODE, true, 0);
    }

    /**
     * Every customer's id and archived flag in list order (name), the active ones first, for the
     * search index: in the order of the (archived, sort_name, id) index, which H2 then reads
     * instead of sorting every row (0.4 s against 1.5 s at 100,000 customers, cold).
     */
    public void forEachInListOrder(DSLContext dsl, ListOrderSink each) {
        forEachInListOrder(dsl, app.regulars.store.Database.ROWS_PER_READ, each);
    }

    /** The same, {@code page} rows a query ({@link #forEachInOrder}). */
    void forEachInListOrder(DSLContext dsl, int page, ListOrderSink each) {
        for (boolean archived : new boolean[] {false, true}) {
            forEachInOrder(dsl, archived, CustomerSort.NAME, true, page, (id, sortName) -> {
                each.accept(archived, id, (String) sortName);
                return true;
            });
        }
    }

    /**
     * Every customer's id and search text ({@link SearchTokens#text}), in id order, for the search
     * index; from the JDBC result set, not a jOOQ record per row. (Not with H2's
     * {@code LAZY_QUERY_EXECUTION}: it saved 2 MB, and a lazy read failed with "Chunk not found"
     * while H2 rewrote the file's chunks in the background, decision 0018.) In ranges of ids of
     * {@link app.regulars.store.Database#ROWS_PER_READ} rows: one query for all had H2 write the
     * 100,000 texts to a temporary store and read them back: 0.4-0.6 s and 150-180 MB of garbage
     * (0.9 s and 240 MB from a cold cache) against 0.04 s and 6-10 MB (0.46 s and 156 MB cold).
     */
    public void forEachSearchText(DSLContext dsl, SearchTextSink each) {
        forEachSearchText(dsl, app.regulars.store.Database.ROWS_PER_READ, each);
    }

    /** The same, {@code page} rows a query. */
    void forEachSearchText(DSLContext dsl, int page, SearchTextSink each) {
        long after = Long.MIN_VALUE;
        while (true) {
            int read = 0;
            try (java.sql.ResultSet rows = dsl.select(CUSTOMER_SEARCH.CUSTOMER_ID, CUSTOMER_SEARCH.SEARCH_TEXT).from(CUSTOMER_SEARCH)
                    .where(CUSTOMER_SEARCH.CUSTOMER_ID.gt(after)).orderBy(CUSTOMER_SEARCH.CUSTOMER_ID).limit(page)
                    .fetchSize(page).fetchResultSet()) {
                while (rows.next()) {
                    after = rows.getLong(1);
                    read++;
                    each.accept(after, rows.getString(2));
                }
            } catch (java.sql.SQLException e) {
                throw new org.jooq.exception.DataAccessException("Reading the search texts", e);
            }
            if (read < page) {
                return;
            }
        }
    }

    /**
     * What places {@code ids} in the search index, for those of them still here: each one's archived
     * flag, sort name and search text (null when it has none), to {@code each}, in no particular order.
     */
    public void forEachSearchEntry(DSLContext dsl, java.util.Collection<Long> ids, SearchEntrySink each) {
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            dsl.select(CUSTOMER.ID, CUSTOMER.ARCHIVED, CUSTOMER.SORT_NAME, CUSTOMER_SEARCH.SEARCH_TEXT).from(CUSTOMER)
                    .leftJoin(CUSTOMER_SEARCH).on(CUSTOMER_SEARCH.CUSTOMER_ID.eq(CUSTOMER.ID))
                    .where(CUSTOMER.ID.in(all.subList(from, Math.min(all.size(), from + 1000))))
                    .forEach(r -> each.accept(r.value1(), Boolean.TRUE.equals(r.value2()), r.value3(), r.value4()));
        }
    }

    /** A customer in list order: archived or not, its id and its sort name. */
    @FunctionalInterface
    public interface ListOrderSink {
        void accept(boolean archived, long id, String sortName);
    }

    /** A customer's place in the search index: id, archived or not, sort name, search text (or null). */
    @FunctionalInterface
    public interface SearchEntrySink {
        void accept(long id, boolean archived, String sortName, String searchText);
    }

    /** A customer and its search text: its tokens, each after {@link SearchTokens#SEPARATOR}. */
    @FunctionalInterface
    public interface SearchTextSink {
        void accept(long customerId, String searchText);
    }
}
