package app.regulars.followup;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static app.regulars.store.jooq.Tables.FOLLOW_UP_RESCHEDULE;
import static app.regulars.store.jooq.Tables.INTERACTION;

/**
 * The SQL of {@link FollowUpActivity}: where contacts and follow-ups stand, and the customers
 * with one since (decision 0024).
 */
final class FollowUpActivityRepository {
    /** The highest contact, follow-up and reschedule ids, as {@code i,f,r}. */
    String mark(DSLContext dsl) {
        return max(dsl, INTERACTION.ID, INTERACTION) + "," + max(dsl, FOLLOW_UP.ID, FOLLOW_UP) + ","
                + max(dsl, FOLLOW_UP_RESCHEDULE.ID, FOLLOW_UP_RESCHEDULE);
    }

    private static long max(DSLContext dsl, org.jooq.Field<Long> id, org.jooq.Table<?> table) {
        Long v = dsl.select(DSL.max(id)).from(table).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    /**
     * Of {@code ids}, the customers with a contact, a follow-up a person planned, a generated one
     * someone completed, cancelled, retitled or moved, after the mark (null: ever); each with its
     * message key. A generated follow-up still as generated (a birthday greeting, a check-in) is
     * the program's own.
     */
    Map<Long, String> since(DSLContext dsl, String mark, Collection<Long> ids) {
        long[] m = {0, 0, 0};
        if (mark != null) {
            String[] parts = mark.split(",");
            for (int i = 0; i < 3 && i < parts.length; i++) {
                m[i] = Long.parseLong(parts[i].strip());
            }
        }
        Map<Long, String> out = new LinkedHashMap<>();
        dsl.selectDistinct(INTERACTION.CUSTOMER_ID).from(INTERACTION).where(INTERACTION.CUSTOMER_ID.in(ids)).and(INTERACTION.ID.gt(m[0]))
                .fetch(INTERACTION.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.contact"));
        dsl.selectDistinct(FOLLOW_UP.CUSTOMER_ID).from(FOLLOW_UP).where(FOLLOW_UP.CUSTOMER_ID.in(ids)).and(FOLLOW_UP.ID.gt(m[1]))
                .and(FOLLOW_UP.GENERATION_KEY.isNull().or(FOLLOW_UP.STATUS.ne(FollowUpStatus.PLANNED.name()))
                        .or(FOLLOW_UP.TITLE_TYPED.isTrue()))
                .fetch(FOLLOW_UP.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.followUp"));
        dsl.selectDistinct(FOLLOW_UP.CUSTOMER_ID).from(FOLLOW_UP_RESCHEDULE)
                .join(FOLLOW_UP).on(FOLLOW_UP.ID.eq(FOLLOW_UP_RESCHEDULE.FOLLOW_UP_ID))
                .where(FOLLOW_UP.CUSTOMER_ID.in(ids)).and(FOLLOW_UP_RESCHEDULE.ID.gt(m[2]))
                .fetch(FOLLOW_UP.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.followUp"));
        return out;
    }
}
