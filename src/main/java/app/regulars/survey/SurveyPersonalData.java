package app.regulars.survey;

import app.regulars.customer.DataSection;
import app.regulars.customer.DataSection.Field;
import app.regulars.customer.DataSection.Shown;
import app.regulars.customer.Erasure;
import app.regulars.customer.PersonalData;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Surveys' part of a customer's privacy requests (decision 0021): every response and answer they
 * gave in an export; in an erasure the scores and choices stay (the shop's NPS and satisfaction
 * do not change) while comments and written answers go, and other responses that name them have
 * the name masked.
 */
final class SurveyPersonalData implements PersonalData {
    private final Database db;
    private final SurveyRepository repository;

    SurveyPersonalData(Database db, SurveyRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public List<DataSection> export(long customerId, Messages messages) {
        boolean chinese = messages.isChinese();
        Map<Long, List<String>> answers = new LinkedHashMap<>();
        for (SurveyRepository.AnswerLine a : repository.answersOfCustomer(db.dsl(), customerId, chinese)) {
            answers.computeIfAbsent(a.responseId(), k -> new ArrayList<>()).add(a.question() + ": " + (a.answer() == null ? "" : a.answer()));
        }
        List<List<Object>> rows = new ArrayList<>();
        List<ResponseRow> responses = new ArrayList<>(repository.ofCustomer(db.dsl(), customerId, Integer.MAX_VALUE));
        java.util.Collections.reverse(responses); // oldest first, as the other sections
        for (ResponseRow r : responses) {
            rows.add(Arrays.asList(r.answeredOn(), r.surveyName(chinese),
                    new Shown(r.channel().name(), messages.get(r.channel().key())), r.score(), r.comment(),
                    List.copyOf(answers.getOrDefault(r.id(), List.of()))));
        }
        return List.of(DataSection.list("surveyAnswers", messages.get("privacy.section.surveyAnswers"), List.of(
                Field.of("answeredOn", messages.get("survey.column.date")),
                new Field("survey", messages.get("survey.column.survey"), 1.4),
                new Field("channel", messages.get("survey.column.channel"), 0.8),
                new Field("score", messages.get("survey.column.score"), 0.6),
                new Field("comment", messages.get("survey.column.comment"), 1.8),
                new Field("answers", messages.get("privacy.field.answers"), 2.6)), rows));
    }

    @Override
    public void erase(DSLContext tx, Erasure erasure) {
        repository.erase(tx, erasure.customerId());
        repository.maskMentions(tx, erasure.customerId(), erasure.terms());
    }
}
