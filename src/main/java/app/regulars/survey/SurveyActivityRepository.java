package app.regulars.survey;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;

/** The SQL of {@link SurveyActivity}: where survey answers stand, and the customers with one since (decision 0024). */
final class SurveyActivityRepository {
    /** The highest response id. */
    String mark(DSLContext dsl) {
        Long v = dsl.select(DSL.max(SURVEY_RESPONSE.ID)).from(SURVEY_RESPONSE).fetchOne(0, Long.class);
        return Long.toString(v == null ? 0 : v);
    }

    /** Of {@code ids}, the customers with a survey answer after the mark (null: ever). */
    Map<Long, String> since(DSLContext dsl, String mark, Collection<Long> ids) {
        long m = mark == null ? 0 : Long.parseLong(mark.strip());
        Map<Long, String> out = new LinkedHashMap<>();
        dsl.selectDistinct(SURVEY_RESPONSE.CUSTOMER_ID).from(SURVEY_RESPONSE)
                .where(SURVEY_RESPONSE.CUSTOMER_ID.in(ids)).and(SURVEY_RESPONSE.ID.gt(m))
                .fetch(SURVEY_RESPONSE.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.survey"));
        return out;
    }
}
