package app.regulars.customer;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOM_FIELD;
import static app.regulars.store.jooq.Tables.CUSTOM_VALUE;

/**
 * The custom fields' SQL (decision 0027): their definitions ({@code custom_field}) and the
 * customers' values ({@code custom_value}), each value in the column of its kind.
 */
public final class CustomFieldRepository {
    /** Ids per {@code IN} list. */
    private static final int CHUNK = 1000;

    // ---- definitions ----

    /** Every field, in position order. */
    public CustomFields fields(DSLContext dsl) {
        return new CustomFields(dsl.selectFrom(CUSTOM_FIELD).orderBy(CUSTOM_FIELD.POSITION, CUSTOM_FIELD.ID)
                .fetch(r -> new CustomField(r.getId(), r.getName(), FieldKind.valueOf(r.getKind()), options(r.getOptions()),
                        r.getInList())));
    }

    private static List<String> options(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).filter(s -> !s.isEmpty()).toList();
    }

    private static String optionsText(List<String> options) {
        StringBuilder sb = new StringBuilder();
        for (String o : options) {
            sb.append(o).append('\n');
        }
        return sb.toString();
    }

    /** Whether another field (not {@code exceptId}) has this name, ignoring case. */
    public boolean nameTaken(DSLContext dsl, String name, Long exceptId) {
        Condition c = CUSTOM_FIELD.NAME_KEY.eq(CustomFields.key(name));
        if (exceptId != null) {
            c = c.and(CUSTOM_FIELD.ID.ne(exceptId));
        }
        return dsl.fetchExists(CUSTOM_FIELD, c);
    }

    /** Adds a field after the others; returns its id. */
    public long insert(DSLContext dsl, CustomField f) {
        Integer last = dsl.select(DSL.max(CUSTOM_FIELD.POSITION)).from(CUSTOM_FIELD).fetchOne(0, Integer.class);
        return dsl.insertInto(CUSTOM_FIELD, CUSTOM_FIELD.NAME, CUSTOM_FIELD.NAME_KEY, CUSTOM_FIELD.KIND, CUSTOM_FIELD.OPTIONS,
                        CUSTOM_FIELD.POSITION, CUSTOM_FIELD.IN_LIST)
                .values(f.name(), f.key(), f.kind().name(), optionsText(f.options()), last == null ? 0 : last + 1, f.inList())
                .returningResult(CUSTOM_FIELD.ID).fetchOne(CUSTOM_FIELD.ID);
    }

    /** Changes a field's name, options and list flag (never its kind). */
    public void update(DSLContext dsl, CustomField f) {
        dsl.update(CUSTOM_FIELD)
                .set(CUSTOM_FIELD.NAME, f.name())
                .set(CUSTOM_FIELD.NAME_KEY, f.key())
                .set(CUSTOM_FIELD.OPTIONS, optionsText(f.options()))
                .set(CUSTOM_FIELD.IN_LIST, f.inList())
                .where(CUSTOM_FIELD.ID.eq(f.id())).execute();
    }

    /** Puts the fields in this order (their ids). */
    public void reorder(DSLContext dsl, List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            dsl.update(CUSTOM_FIELD).set(CUSTOM_FIELD.POSITION, i).where(CUSTOM_FIELD.ID.eq(ids.get(i))).execute();
        }
    }

    /** Deletes a field; its values go with it. */
    public void delete(DSLContext dsl, long fieldId) {
        dsl.deleteFrom(CUSTOM_FIELD).where(CUSTOM_FIELD.ID.eq(fieldId)).execute();
    }

    /** How many customers have a value of the field. */
    public int countValues(DSLContext dsl, long fieldId) {
        return dsl.fetchCount(CUSTOM_VALUE, CUSTOM_VALUE.FIELD_ID.eq(fieldId));
    }

    /** How many customers have this option as their value of a choice field. */
    public int countValues(DSLContext dsl, long fieldId, String option) {
        return dsl.fetchCount(CUSTOM_VALUE, CUSTOM_VALUE.FIELD_ID.eq(fieldId).and(CUSTOM_VALUE.TEXT_VALUE.eq(option)));
    }

    /** The customers with a value of the field. */
    public List<Long> customersWithValue(DSLContext dsl, long fieldId) {
        return dsl.select(CUSTOM_VALUE.CUSTOMER_ID).from(CUSTOM_VALUE).where(CUSTOM_VALUE.FIELD_ID.eq(fieldId))
                .fetch(CUSTOM_VALUE.CUSTOMER_ID);
    }

    // ---- values ----

    /**
     * The values of these customers by customer id, then field id (in field order): one query per
     * {@value #CHUNK} customers, as a page of the list or a batch of an export asks.
     */
    public Map<Long, Map<Long, FieldValue>> values(DSLContext dsl, Collection<Long> customerIds) {
        Map<Long, Map<Long, FieldValue>> out = new HashMap<>();
        List<Long> all = List.copyOf(customerIds);
        for (int from = 0; from < all.size(); from += CHUNK) {
            dsl.select(CUSTOM_VALUE.CUSTOMER_ID, CUSTOM_VALUE.FIELD_ID, CUSTOM_FIELD.KIND, CUSTOM_VALUE.TEXT_VALUE,
                            CUSTOM_VALUE.NUMBER_VALUE, CUSTOM_VALUE.DATE_VALUE)
                    .from(CUSTOM_VALUE).join(CUSTOM_FIELD).on(CUSTOM_FIELD.ID.eq(CUSTOM_VALUE.FIELD_ID))
                    .where(CUSTOM_VALUE.CUSTOMER_ID.in(all.subList(from, Math.min(all.size(), from + CHUNK))))
                    .orderBy(CUSTOM_VALUE.CUSTOMER_ID, CUSTOM_FIELD.POSITION, CUSTOM_FIELD.ID)
                    .forEach(r -> {
                        FieldKind kind = FieldKind.valueOf(r.value3());
                        String text = switch (kind) {
                            case NUMBER -> r.value5() == null ? null : plain(r.value5());
                            case DATE -> r.value6() == null ? null : r.value6().toString();
                            default -> r.value4();
                        };
                        if (text != null) {
                            out.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), new FieldValue(kind, text));
                        }
                    });
        }
        return out;
    }

    private static String plain(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Replaces a customer's values with {@code values} (stored forms, by field id). */
    public void replace(DSLContext dsl, long customerId, Map<Long, FieldValue> values) {
        dsl.deleteFrom(CUSTOM_VALUE).where(CUSTOM_VALUE.CUSTOMER_ID.eq(customerId)).execute();
        if (values.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(CUSTOM_VALUE, CUSTOM_VALUE.CUSTOMER_ID, CUSTOM_VALUE.FIELD_ID, CUSTOM_VALUE.TEXT_VALUE,
                CUSTOM_VALUE.NUMBER_VALUE, CUSTOM_VALUE.DATE_VALUE);
        for (Map.Entry<Long, FieldValue> e : values.entrySet()) {
            Stored s = stored(e.getValue());
            insert = insert.values(customerId, e.getKey(), s.text(), s.number(), s.date());
        }
        insert.execute();
    }

    /** Deletes a customer's values (an erasure). */
    public void deleteValues(DSLContext dsl, long customerId) {
        dsl.deleteFrom(CUSTOM_VALUE).where(CUSTOM_VALUE.CUSTOMER_ID.eq(customerId)).execute();
    }

    /** The statement a bulk insert binds each value to: customer, field, text, number, date. */
    public String insertStatement(DSLContext dsl) {
        return dsl.render(dsl.insertInto(CUSTOM_VALUE, CUSTOM_VALUE.CUSTOMER_ID, CUSTOM_VALUE.FIELD_ID, CUSTOM_VALUE.TEXT_VALUE,
                        CUSTOM_VALUE.NUMBER_VALUE, CUSTOM_VALUE.DATE_VALUE)
                .values(DSL.val((Long) null), DSL.val((Long) null), DSL.val((String) null), DSL.val((BigDecimal) null),
                        DSL.val((LocalDate) null)));
    }

    /** Binds one value to {@link #insertStatement} and adds it to the batch. */
    public static void bind(PreparedStatement ps, long customerId, long fieldId, FieldValue value) throws SQLException {
        Stored s = stored(value);
        ps.setLong(1, customerId);
        ps.setLong(2, fieldId);
        ps.setString(3, s.text());
        ps.setBigDecimal(4, s.number());
        ps.setObject(5, s.date());
        ps.addBatch();
    }

    private record Stored(String text, BigDecimal number, LocalDate date) {
    }

    private static Stored stored(FieldValue v) {
        return switch (v.kind()) {
            case NUMBER -> new Stored(null, new BigDecimal(v.text()), null);
            case DATE -> new Stored(null, null, LocalDate.parse(v.text()));
            default -> new Stored(v.text(), null, null);
        };
    }

    // ---- filters ----

    /**
     * The customers whose value of the field matches: for text, contains {@code text} ignoring
     * case; for a choice, equals it; for a yes/no, {@code "true"} or not; for a number or a date, lies within
     * {@code from}..{@code to} (stored forms; either may be null: open).
     */
    public Set<Long> matching(DSLContext dsl, CustomField field, String text, String from, String to) {
        Condition c = CUSTOM_VALUE.FIELD_ID.eq(field.id());
        switch (field.kind()) {
            case TEXT -> c = c.and(CUSTOM_VALUE.TEXT_VALUE.containsIgnoreCase(text));
            case CHOICE -> c = c.and(CUSTOM_VALUE.TEXT_VALUE.eq(text));
            case YES_NO -> {
                if (!Boolean.parseBoolean(text)) { // "no": everyone not ticked, a value of "no" or none at all
                    return new java.util.HashSet<>(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(DSL.notExists(
                            DSL.selectOne().from(CUSTOM_VALUE).where(CUSTOM_VALUE.CUSTOMER_ID.eq(CUSTOMER.ID))
                                    .and(CUSTOM_VALUE.FIELD_ID.eq(field.id())).and(CUSTOM_VALUE.TEXT_VALUE.eq("true")))).fetch(CUSTOMER.ID));
                }
                c = c.and(CUSTOM_VALUE.TEXT_VALUE.eq("true"));
            }
            case NUMBER -> {
                if (from != null) c = c.and(CUSTOM_VALUE.NUMBER_VALUE.ge(new BigDecimal(from)));
                if (to != null) c = c.and(CUSTOM_VALUE.NUMBER_VALUE.le(new BigDecimal(to)));
            }
            case DATE -> {
                if (from != null) c = c.and(CUSTOM_VALUE.DATE_VALUE.ge(LocalDate.parse(from)));
                if (to != null) c = c.and(CUSTOM_VALUE.DATE_VALUE.le(LocalDate.parse(to)));
            }
        }
        return new java.util.HashSet<>(dsl.select(CUSTOM_VALUE.CUSTOMER_ID).from(CUSTOM_VALUE).where(c).fetch(CUSTOM_VALUE.CUSTOMER_ID));
    }
}
