package app.regulars.survey;

import app.regulars.customer.CustomerActivity;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/** Surveys' part of the undo of an import (decision 0024): a survey answer since the import stops its undo. */
final class SurveyActivity implements CustomerActivity {
    private final SurveyActivityRepository repository = new SurveyActivityRepository();

    @Override
    public String key() {
        return "survey";
    }

    @Override
    public String mark(DSLContext dsl) {
        return repository.mark(dsl);
    }

    @Override
    public Map<Long, String> recordsSince(DSLContext dsl, String mark, Collection<Long> customerIds) {
        return repository.since(dsl, mark, customerIds);
    }
}
