package app.regulars.customer;

import app.regulars.store.jooq.DefaultSchema;
import app.regulars.store.jooq.tables.records.CustomerRecord;
import org.jooq.DSLContext;
import org.jooq.ForeignKey;
import org.jooq.Table;
import org.jooq.TableField;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static app.regulars.store.jooq.Tables.CONSENT_CHANGE;
import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MERGE;
import static app.regulars.store.jooq.Tables.CUSTOMER_PHONE;
import static app.regulars.store.jooq.Tables.CUSTOMER_SEARCH;
import static app.regulars.store.jooq.Tables.CUSTOMER_TAG;
import static app.regulars.store.jooq.Tables.DUPLICATE_DISMISSAL;

/** The SQL of duplicates and merges (decision 0025): what the finder reads, dismissed pairs, the record of merges. */
public final class MergeRepository {
    /**
     * The customer feature's own tables that point at a customer and go with them when a merge
     * deletes them: the phones and tags (united into the kept profile, rewritten with it), the
     * search text (rewritten), the dismissed pairs (the merged profile is a new question), the custom
     * fields' values (united into the kept profile, decision 0027).
     */
    private static final Set<Table<?>> GO_WITH_THE_CUSTOMER = Set.of(CUSTOMER_PHONE, CUSTOMER_TAG, CUSTOMER_SEARCH, DUPLICATE_DISMISSAL,
            app.regulars.store.jooq.Tables.CUSTOM_VALUE);

    /**
     * Every active customer who is not erased, as the duplicate finder compares them, with their
     * phones: a scan of each table, the archived and erased left out here, from the JDBC result sets
     * (not a jOOQ record per row). Reading the active ones through the (archived, sort name) index
     * and joining their phones took H2 a lookup per row, several times as long at 100,000 customers.
     */
    public List<DuplicateFinder.Person> people(DSLContext dsl) {
        Map<Long, DuplicateFinder.Person> byId = new java.util.LinkedHashMap<>();
        try (ResultSet rows = dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER.SORT_NAME, CUSTOMER.EMAIL,
                        CUSTOMER.BIRTHDAY_CALENDAR, CUSTOMER.BIRTH_YEAR, CUSTOMER.BIRTH_MONTH, CUSTOMER.BIRTH_DAY, CUSTOMER.BIRTH_LEAP_MONTH,
                        CUSTOMER.ARCHIVED, CUSTOMER.ERASED_AT)
                .from(CUSTOMER).fetchSize(5000).fetchResultSet()) {
            while (rows.next()) {
                if (rows.getBoolean(11) || rows.getObject(12) != null) {
                    continue;
                }
                long id = rows.getLong(1);
                String kind = rows.getString(6);
                int month = rows.getInt(8);
                boolean hasMonth = !rows.wasNull();
                int day = rows.getInt(9);
                boolean hasDay = !rows.wasNull();
                Birthday birthday = null;
                if (kind != null && hasMonth && hasDay) {
                    int year = rows.getInt(7);
                    Integer y = rows.wasNull() ? null : year;
                    birthday = new Birthday(Birthday.Kind.valueOf(kind), y, month, day, rows.getBoolean(10));
                }
                byId.put(id, new DuplicateFinder.Person(id, rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                        birthday, List.of()));
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("Reading the customers", e);
        }
        Map<Long, List<Phone>> phones = new HashMap<>();
        try (ResultSet rows = dsl.select(CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.POSITION, CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE)
                .fetchSize(5000).fetchResultSet()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                if (byId.containsKey(id)) {
                    phones.computeIfAbsent(id, k -> new ArrayList<>(2)).add(new Phone(rows.getInt(2), rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("Reading the phones", e);
        }
        List<DuplicateFinder.Person> out = new ArrayList<>(byId.size());
        for (DuplicateFinder.Person p : byId.values()) {
            List<Phone> numbers = phones.get(p.id());
            if (numbers == null) {
                out.add(p);
            } else {
                numbers.sort(java.util.Comparator.comparingInt(Phone::position));
                out.add(new DuplicateFinder.Person(p.id(), p.code(), p.name(), p.sortName(), p.email(), p.birthday(),
                        numbers.stream().map(Phone::number).toList()));
            }
        }
        return out;
    }

    private record Phone(int position, String number) {
    }

    /** The pairs dismissed as "Not a duplicate". */
    public Set<DuplicateFinder.Pair> dismissed(DSLContext dsl) {
        Set<DuplicateFinder.Pair> out = new HashSet<>();
        dsl.select(DUPLICATE_DISMISSAL.LOW_ID, DUPLICATE_DISMISSAL.HIGH_ID).from(DUPLICATE_DISMISSAL)
                .forEach(r -> out.add(new DuplicateFinder.Pair(r.value1(), r.value2())));
        return out;
    }

    /** Remembers that the two customers are two people; nothing when it is known already. */
    public void dismiss(DSLContext dsl, DuplicateFinder.Pair pair, LocalDateTime now) {
        dsl.insertInto(DUPLICATE_DISMISSAL, DUPLICATE_DISMISSAL.LOW_ID, DUPLICATE_DISMISSAL.HIGH_ID, DUPLICATE_DISMISSAL.DISMISSED_AT)
                .values(pair.low(), pair.high(), now)
                .onDuplicateKeyIgnore()
                .execute();
    }

    /** Locks the customers' rows for the merge's transaction; returns the ids that exist. */
    public Set<Long> lock(DSLContext dsl, Collection<Long> ids) {
        return new HashSet<>(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.in(ids)).forUpdate().fetch(CUSTOMER.ID));
    }

    /** How many entries of consent history these customers have. */
    public int consentChanges(DSLContext dsl, Collection<Long> ids) {
        return dsl.fetchCount(CONSENT_CHANGE, CONSENT_CHANGE.CUSTOMER_ID.in(ids));
    }

    /**
     * Moves the customer feature's own records of {@code others} to {@code keptId}: their consent
     * history, and the record of those merged into them before (their card numbers then find the
     * kept customer too).
     */
    public void moveOwn(DSLContext dsl, long keptId, Collection<Long> others) {
        dsl.update(CONSENT_CHANGE).set(CONSENT_CHANGE.CUSTOMER_ID, keptId).where(CONSENT_CHANGE.CUSTOMER_ID.in(others)).execute();
        dsl.update(CUSTOMER_MERGE).set(CUSTOMER_MERGE.CUSTOMER_ID, keptId).where(CUSTOMER_MERGE.CUSTOMER_ID.in(others)).execute();
    }

    /** Records on the kept customer that {@code merged} was merged into them. */
    public void record(DSLContext dsl, long keptId, Customer merged, LocalDateTime at, MergeRecord.Source source) {
        dsl.insertInto(CUSTOMER_MERGE, CUSTOMER_MERGE.CUSTOMER_ID, CUSTOMER_MERGE.MERGED_CODE, CUSTOMER_MERGE.MERGED_NAME,
                        CUSTOMER_MERGE.MERGED_AT, CUSTOMER_MERGE.SOURCE)
                .values(keptId, merged.code(), merged.name(), at, source.name())
                .execute();
    }

    /** The highest id of the merges recorded (0: none): where merges stand when an import ends (decision 0024). */
    public long lastMergeId(DSLContext dsl) {
        Long v = dsl.select(org.jooq.impl.DSL.max(CUSTOMER_MERGE.ID)).from(CUSTOMER_MERGE).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    /** Of {@code ids}, the customers someone was merged into after the merge {@code afterId}. */
    public Set<Long> mergedIntoSince(DSLContext dsl, long afterId, Collection<Long> ids) {
        return new HashSet<>(dsl.selectDistinct(CUSTOMER_MERGE.CUSTOMER_ID).from(CUSTOMER_MERGE)
                .where(CUSTOMER_MERGE.CUSTOMER_ID.in(ids)).and(CUSTOMER_MERGE.ID.gt(afterId))
                .fetch(CUSTOMER_MERGE.CUSTOMER_ID));
    }

    /**
     * The tables that still hold records of {@code others}, other than the customer feature's own
     * that go with them: every foreign key to {@code customer} in the schema, so that a feature
     * added later that moves nothing (no {@link MergeHook}) makes merges fail instead of losing its
     * records to {@code ON DELETE CASCADE}.
     */
    public List<String> leftBehind(DSLContext dsl, Collection<Long> others) {
        List<String> out = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (GO_WITH_THE_CUSTOMER.contains(table)) {
                continue;
            }
            for (ForeignKey<?, CustomerRecord> key : table.getReferencesTo(CUSTOMER)) {
                @SuppressWarnings("unchecked")
                TableField<?, Long> field = (TableField<?, Long>) key.getFields().getFirst();
                if (dsl.fetchExists(dsl.selectOne().from(table).where(field.in(others)))) {
                    out.add(table.getName() + "." + field.getName());
                }
            }
        }
        return out;
    }

    /** Deletes the customers merged away (their phones, tags and search texts go with them). */
    public int delete(DSLContext dsl, Collection<Long> others) {
        return dsl.deleteFrom(CUSTOMER).where(CUSTOMER.ID.in(others)).execute();
    }
}
