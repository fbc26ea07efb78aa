package app.regulars.survey;

import app.regulars.customer.CustomerMerge;
import app.regulars.customer.MergeHook;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/** Surveys' part of a merge of customers (decision 0025): the others' answers become the kept customer's. */
final class SurveyMerge implements MergeHook {
    private final SurveyRepository repository;

    SurveyMerge(SurveyRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<String, Integer> count(DSLContext dsl, Collection<Long> customerIds) {
        return repository.countForMerge(dsl, customerIds);
    }

    @Override
    public void move(DSLContext tx, CustomerMerge merge) {
        repository.moveForMerge(tx, merge.keptId(), merge.others());
    }
}
