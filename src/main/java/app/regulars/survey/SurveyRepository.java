package app.regulars.survey;

import app.regulars.customer.CustomerRepository;
import app.regulars.store.jooq.tables.records.SurveyQuestionRecord;
import app.regulars.store.jooq.tables.records.SurveyRecord;
import app.regulars.store.jooq.tables.records.SurveyResponseRecord;
import app.regulars.store.jooq.tables.records.SurveyVersionRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import app.regulars.i18n.UserException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.CUSTOMER_TAG;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.SURVEY;
import static app.regulars.store.jooq.Tables.SURVEY_ANSWER;
import static app.regulars.store.jooq.Tables.SURVEY_CHOICE;
import static app.regulars.store.jooq.Tables.SURVEY_QUESTION;
import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;
import static app.regulars.store.jooq.Tables.SURVEY_VERSION;

/** Surveys, their versions, questions, responses and answers in the H2 file: the only place their SQL lives. */
public final class SurveyRepository {

    public long insertSurvey(DSLContext dsl, SurveyKind kind, String templateKey, String name, String nameZh, LocalDateTime now) {
        SurveyRecord r = dsl.newRecord(SURVEY);
        r.setKind(kind.name());
        r.setTemplateKey(templateKey);
        r.setName(name);
        r.setNameZh(nameZh);
        r.setCurrentVersion(0);
        r.setArchived(false);
        r.setCreatedAt(now);
        r.store();
        return r.getId();
    }

    public boolean templateExists(DSLContext dsl, String key) {
        return dsl.fetchExists(SURVEY, SURVEY.TEMPLATE_KEY.eq(key));
    }

    public void updateSurvey(DSLContext dsl, long id, SurveyKind kind, String name, String nameZh) {
        dsl.update(SURVEY).set(SURVEY.KIND, kind.name()).set(SURVEY.NAME, name).set(SURVEY.NAME_ZH, nameZh)
                .where(SURVEY.ID.eq(id)).execute();
    }

    /** Adds version {@code no} with its questions and makes it the survey's current one. */
    public long insertVersion(DSLContext dsl, long surveyId, int no, List<Question> questions, LocalDateTime now) {
        SurveyVersionRecord v = dsl.newRecord(SURVEY_VERSION);
        v.setSurveyId(surveyId);
        v.setVersionNo(no);
        v.setCreatedAt(now);
        v.store();
        insertQuestions(dsl, v.getId(), questions);
        dsl.update(SURVEY).set(SURVEY.CURRENT_VERSION, no).where(SURVEY.ID.eq(surveyId)).execute();
        return v.getId();
    }

    /** Replaces a version's questions (only while no response uses it). */
    public void replaceQuestions(DSLContext dsl, long versionId, List<Question> questions) {
        dsl.deleteFrom(SURVEY_CHOICE).where(SURVEY_CHOICE.QUESTION_ID.in(
                DSL.select(SURVEY_QUESTION.ID).from(SURVEY_QUESTION).where(SURVEY_QUESTION.VERSION_ID.eq(versionId)))).execute();
        dsl.deleteFrom(SURVEY_QUESTION).where(SURVEY_QUESTION.VERSION_ID.eq(versionId)).execute();
        insertQuestions(dsl, versionId, questions);
    }

    private void insertQuestions(DSLContext dsl, long versionId, List<Question> questions) {
        int pos = 0;
        for (Question q : questions) {
            SurveyQuestionRecord r = dsl.newRecord(SURVEY_QUESTION);
            r.setVersionId(versionId);
            r.setPosition(++pos);
            r.setKind(q.kind().name());
            r.setText(q.text());
            r.setTextZh(q.textZh());
            r.setRequired(q.required());
            r.setScaleMin(q.scaleMin());
            r.setScaleMax(q.scaleMax());
            r.setLowLabel(q.lowLabel());
            r.setLowLabelZh(q.lowLabelZh());
            r.setHighLabel(q.highLabel());
            r.setHighLabelZh(q.highLabelZh());
            r.store();
            int cpos = 0;
            for (Choice c : q.choices()) {
                dsl.insertInto(SURVEY_CHOICE, SURVEY_CHOICE.QUESTION_ID, SURVEY_CHOICE.POSITION, SURVEY_CHOICE.LABEL, SURVEY_CHOICE.LABEL_ZH)
                        .values(r.getId(), ++cpos, c.label(), c.labelZh()).execute();
            }
        }
    }

    public List<SurveySummary> list(DSLContext dsl, boolean includeArchived) {
        Field<Integer> count = DSL.field(DSL.selectCount().from(SURVEY_RESPONSE).where(SURVEY_RESPONSE.SURVEY_ID.eq(SURVEY.ID)));
        return dsl.select(SURVEY.ID, SURVEY.KIND, SURVEY.NAME, SURVEY.NAME_ZH, SURVEY.CURRENT_VERSION, count)
                .from(SURVEY)
                .where(includeArchived ? DSL.noCondition() : SURVEY.ARCHIVED.isFalse())
                .orderBy(SURVEY.ID)
                .fetch(r -> new SurveySummary(r.value1(), SurveyKind.valueOf(r.value2()), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** A survey by id or by name (either language, case-insensitive). */
    /**
     * The survey a user names: its id, its full name (English or Chinese), its short name (the
     * part in brackets at the end, "NPS" of "Net Promoter Score (NPS)") or its kind (NPS, CSAT).
     * A short name or kind that fits several surveys not archived is a {@link UserException}
     * listing them; archived surveys count only when nothing else fits.
     */
    public Optional<Long> find(DSLContext dsl, String idOrName) {
        String s = idOrName.strip();
        if (s.matches("\\d{1,18}")) {
            Long id = dsl.select(SURVEY.ID).from(SURVEY).where(SURVEY.ID.eq(Long.parseLong(s))).fetchOne(SURVEY.ID);
            if (id != null) {
                return Optional.of(id);
            }
        }
        Optional<Long> byName = dsl.select(SURVEY.ID).from(SURVEY)
                .where(DSL.lower(SURVEY.NAME).eq(s.toLowerCase(Locale.ROOT)).or(SURVEY.NAME_ZH.eq(s)))
                .orderBy(SURVEY.ARCHIVED, SURVEY.ID).limit(1).fetchOptional(SURVEY.ID);
        if (byName.isPresent() || s.isEmpty()) {
            return byName;
        }
        // Few surveys in a shop: the short names and kinds are compared here rather than in SQL.
        String wanted = s.toLowerCase(Locale.ROOT);
        List<org.jooq.Record5<Long, String, String, String, Boolean>> all = dsl
                .select(SURVEY.ID, SURVEY.NAME, SURVEY.NAME_ZH, SURVEY.KIND, SURVEY.ARCHIVED).from(SURVEY)
                .orderBy(SURVEY.ARCHIVED, SURVEY.ID).fetch();
        for (boolean archivedToo : new boolean[] {false, true}) {
            List<Long> fits = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (var r : all) {
                if (r.value5() && !archivedToo) {
                    continue;
                }
                boolean fit = wanted.equals(shortName(r.value2())) || wanted.equals(shortName(r.value3()))
                        || wanted.equals(r.value4().toLowerCase(Locale.ROOT));
                if (fit) {
                    fits.add(r.value1());
                    names.add(r.value1() + " " + r.value2());
                }
            }
            if (fits.size() == 1) {
                return Optional.of(fits.getFirst());
            }
            if (fits.size() > 1) {
                throw new UserException("survey.error.ambiguous", s, String.join(", ", names));
            }
        }
        return Optional.empty();
    }

    /** The text in brackets at the end of a name ("nps" of "Net Promoter Score (NPS)" or "净推荐值（NPS）"), lower case; null when none. */
    static String shortName(String name) {
        if (name == null) {
            return null;
        }
        java.util.regex.Matcher m = SHORT_NAME.matcher(name.strip());
        return m.find() ? m.group(1).strip().toLowerCase(Locale.ROOT) : null;
    }

    private static final java.util.regex.Pattern SHORT_NAME = java.util.regex.Pattern.compile("[(（]([^()（）]+)[)）]$");

    /** The survey at its current version, or at {@code versionNo} when given. */
    public Optional<Survey> get(DSLContext dsl, long id, Integer versionNo) {
        SurveyRecord s = dsl.fetchOne(SURVEY, SURVEY.ID.eq(id));
        if (s == null) {
            return Optional.empty();
        }
        int no = versionNo != null ? versionNo : s.getCurrentVersion();
        SurveyVersionRecord v = dsl.fetchOne(SURVEY_VERSION, SURVEY_VERSION.SURVEY_ID.eq(id).and(SURVEY_VERSION.VERSION_NO.eq(no)));
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(new Survey(s.getId(), SurveyKind.valueOf(s.getKind()), s.getTemplateKey(), s.getName(), s.getNameZh(),
                no, v.getId(), s.getArchived(), questions(dsl, v.getId())));
    }

    private List<Question> questions(DSLContext dsl, long versionId) {
        List<SurveyQuestionRecord> qs = dsl.selectFrom(SURVEY_QUESTION).where(SURVEY_QUESTION.VERSION_ID.eq(versionId))
                .orderBy(SURVEY_QUESTION.POSITION).fetch();
        Map<Long, List<Choice>> choices = new LinkedHashMap<>();
        dsl.selectFrom(SURVEY_CHOICE).where(SURVEY_CHOICE.QUESTION_ID.in(qs.stream().map(SurveyQuestionRecord::getId).toList()))
                .orderBy(SURVEY_CHOICE.QUESTION_ID, SURVEY_CHOICE.POSITION)
                .forEach(c -> choices.computeIfAbsent(c.getQuestionId(), k -> new ArrayList<>())
                        .add(new Choice(c.getId(), c.getLabel(), c.getLabelZh())));
        return qs.stream().map(q -> new Question(q.getId(), QuestionKind.valueOf(q.getKind()), q.getText(), q.getTextZh(),
                q.getRequired(), q.getScaleMin(), q.getScaleMax(), q.getLowLabel(), q.getLowLabelZh(), q.getHighLabel(),
                q.getHighLabelZh(), choices.getOrDefault(q.getId(), List.of()))).toList();
    }

    public long countResponses(DSLContext dsl, long surveyId) {
        return dsl.fetchCount(SURVEY_RESPONSE, SURVEY_RESPONSE.SURVEY_ID.eq(surveyId));
    }

    public long countVersionResponses(DSLContext dsl, long versionId) {
        return dsl.fetchCount(SURVEY_RESPONSE, SURVEY_RESPONSE.VERSION_ID.eq(versionId));
    }

    public void setArchived(DSLContext dsl, long id, boolean archived) {
        dsl.update(SURVEY).set(SURVEY.ARCHIVED, archived).where(SURVEY.ID.eq(id)).execute();
    }

    /** Deletes every response given by a customer (walk-ins' stay), with its answers. */
    public int deleteCustomerResponses(DSLContext dsl) {
        return dsl.deleteFrom(SURVEY_RESPONSE).where(SURVEY_RESPONSE.CUSTOMER_ID.isNotNull()).execute();
    }

    /** Deletes a survey that has no responses, with all its versions. */
    public void delete(DSLContext dsl, long id) {
        var versions = DSL.select(SURVEY_VERSION.ID).from(SURVEY_VERSION).where(SURVEY_VERSION.SURVEY_ID.eq(id));
        var questions = DSL.select(SURVEY_QUESTION.ID).from(SURVEY_QUESTION).where(SURVEY_QUESTION.VERSION_ID.in(versions));
        dsl.deleteFrom(SURVEY_CHOICE).where(SURVEY_CHOICE.QUESTION_ID.in(questions)).execute();
        dsl.deleteFrom(SURVEY_QUESTION).where(SURVEY_QUESTION.VERSION_ID.in(versions)).execute();
        dsl.deleteFrom(SURVEY_VERSION).where(SURVEY_VERSION.SURVEY_ID.eq(id)).execute();
        dsl.deleteFrom(SURVEY).where(SURVEY.ID.eq(id)).execute();
    }

    public long insertResponse(DSLContext dsl, NewResponse r, long versionId, Integer score, String comment, LocalDateTime now) {
        SurveyResponseRecord rec = dsl.newRecord(SURVEY_RESPONSE);
        rec.setSurveyId(r.surveyId());
        rec.setVersionId(versionId);
        rec.setCustomerId(r.customerId());
        rec.setWalkInName(r.walkInName());
        rec.setChannel(r.channel().name());
        rec.setAnsweredOn(r.answeredOn());
        rec.setScore(score);
        rec.setComment(comment);
        rec.setCreatedAt(now);
        rec.store();
        long id = rec.getId();
        var insert = dsl.insertInto(SURVEY_ANSWER, SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.QUESTION_ID, SURVEY_ANSWER.SCORE,
                SURVEY_ANSWER.CHOICE_ID, SURVEY_ANSWER.TEXT_VALUE);
        boolean any = false;
        for (Answer a : r.answers()) {
            if (a.isEmpty()) {
                continue;
            }
            if (a.choiceIds().isEmpty()) {
                insert = insert.values(id, a.questionId(), a.score(), null, a.text());
            } else {
                for (Long c : a.choiceIds()) {
                    insert = insert.values(id, a.questionId(), null, c, null);
                }
            }
            any = true;
        }
        if (any) {
            insert.execute();
        }
        return id;
    }

    public void setComplaint(DSLContext dsl, long responseId, long followUpId) {
        dsl.update(SURVEY_RESPONSE).set(SURVEY_RESPONSE.COMPLAINT_FOLLOWUP_ID, followUpId)
                .where(SURVEY_RESPONSE.ID.eq(responseId)).execute();
    }

    public void link(DSLContext dsl, long responseId, long customerId) {
        dsl.update(SURVEY_RESPONSE).set(SURVEY_RESPONSE.CUSTOMER_ID, customerId)
                .where(SURVEY_RESPONSE.ID.eq(responseId)).execute();
    }

    private Condition filter(long surveyId, ResultFilter f) {
        Condition c = SURVEY_RESPONSE.SURVEY_ID.eq(surveyId);
        if (f.from() != null) {
            c = c.and(SURVEY_RESPONSE.ANSWERED_ON.ge(f.from()));
        }
        if (f.to() != null) {
            c = c.and(SURVEY_RESPONSE.ANSWERED_ON.le(f.to()));
        }
        if (f.tag() != null) {
            c = c.and(DSL.exists(DSL.selectOne().from(CUSTOMER_TAG)
                    .where(CUSTOMER_TAG.CUSTOMER_ID.eq(SURVEY_RESPONSE.CUSTOMER_ID)).and(CUSTOMER_TAG.TAG.eq(f.tag()))));
        }
        if (f.tierId() != null) {
            c = c.and(DSL.exists(DSL.selectOne().from(CUSTOMER_MEMBERSHIP)
                    .where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(SURVEY_RESPONSE.CUSTOMER_ID)).and(CUSTOMER_MEMBERSHIP.TIER_ID.eq(f.tierId()))));
        }
        return c;
    }

    /** The membership tiers in their order (none when the shop has not set any up). */
    public List<TierChoice> tiers(DSLContext dsl) {
        return dsl.select(MEMBER_TIER.ID, MEMBER_TIER.NAME, MEMBER_TIER.NAME_KEY).from(MEMBER_TIER)
                .orderBy(MEMBER_TIER.POSITION, MEMBER_TIER.ID).fetch(r -> new TierChoice(r.value1(), r.value2(), r.value3()));
    }

    /** Count, NPS groups and CSAT figures, the distribution and the trend: all aggregated in SQL. */
    public SurveyResults results(DSLContext dsl, long surveyId, ResultFilter f, boolean byQuarter) {
        Condition where = filter(surveyId, f);
        Field<Integer> score = SURVEY_RESPONSE.SCORE;
        Field<Integer> total = DSL.count();
        Field<Integer> scored = DSL.count(score);
        Field<Integer> promoters = DSL.count().filterWhere(score.ge(9));
        Field<Integer> passives = DSL.count().filterWhere(score.between(7, 8));
        Field<Integer> detractors = DSL.count().filterWhere(score.le(6));
        Field<Integer> top = DSL.count().filterWhere(score.ge(4));
        Field<java.math.BigDecimal> avg = DSL.avg(score.cast(Double.class));
        Record r = dsl.select(total, scored, promoters, passives, detractors, top, avg).from(SURVEY_RESPONSE).where(where).fetchOne();
        long n = r.get(total);
        long s = r.get(scored);
        long p = r.get(promoters);
        long d = r.get(detractors);
        Double nps = s == 0 ? null : npsOf(p, d, s);
        Double average = r.get(avg) == null ? null : r.get(avg).doubleValue();
        Double topShare = s == 0 ? null : 100.0 * r.get(top) / s;

        Map<Integer, Long> distribution = new TreeMap<>();
        dsl.select(score, DSL.count()).from(SURVEY_RESPONSE).where(where.and(score.isNotNull())).groupBy(score)
                .forEach(x -> distribution.put(x.value1(), x.value2().longValue()));

        Field<Integer> year = DSL.year(SURVEY_RESPONSE.ANSWERED_ON);
        Field<Integer> part = byQuarter ? DSL.quarter(SURVEY_RESPONSE.ANSWERED_ON) : DSL.month(SURVEY_RESPONSE.ANSWERED_ON);
        List<SurveyResults.TrendPoint> trend = dsl.select(year, part, total, scored, promoters, detractors, avg)
                .from(SURVEY_RESPONSE).where(where).groupBy(year, part).orderBy(year, part)
                .fetch(x -> {
                    long sc = x.get(scored);
                    String label = byQuarter ? x.value1() + "-Q" + x.value2() : String.format("%d-%02d", x.value1(), x.value2());
                    return new SurveyResults.TrendPoint(label, x.get(total),
                            sc == 0 ? null : npsOf(x.get(promoters), x.get(detractors), sc),
                            x.get(avg) == null ? null : x.get(avg).doubleValue());
                });
        return new SurveyResults(n, s, p, r.get(passives), d, nps, average, topShare, distribution, trend);
    }

    static double npsOf(long promoters, long detractors, long scored) {
        return 100.0 * (promoters - detractors) / scored;
    }

    private static final int PAGE = 1000;

    /** Responses of a survey in the filter, newest first, at most {@code limit}; {@code commentsOnly} keeps those with a comment. */
    public List<ResponseRow> responses(DSLContext dsl, long surveyId, ResultFilter f, boolean commentsOnly, boolean walkInsOnly, int limit) {
        Condition c = filter(surveyId, f);
        if (commentsOnly) {
            c = c.and(SURVEY_RESPONSE.COMMENT.isNotNull());
        }
        if (walkInsOnly) {
            c = c.and(SURVEY_RESPONSE.CUSTOMER_ID.isNull());
        }
        return rows(dsl, c, limit);
    }

    public List<ResponseRow> ofCustomer(DSLContext dsl, long customerId, int limit) {
        return rows(dsl, SURVEY_RESPONSE.CUSTOMER_ID.eq(customerId), limit);
    }

    private List<ResponseRow> rows(DSLContext dsl, Condition c, int limit) {
        return dsl.select(SURVEY_RESPONSE.ID, SURVEY_RESPONSE.SURVEY_ID, SURVEY.NAME, SURVEY.NAME_ZH, SURVEY_RESPONSE.ANSWERED_ON,
                        SURVEY_RESPONSE.CHANNEL, SURVEY_RESPONSE.SCORE, SURVEY_RESPONSE.COMMENT, SURVEY_RESPONSE.CUSTOMER_ID,
                        CUSTOMER.CODE, CUSTOMER.NAME, SURVEY_RESPONSE.WALK_IN_NAME, SURVEY_RESPONSE.COMPLAINT_FOLLOWUP_ID)
                .from(SURVEY_RESPONSE).join(SURVEY).on(SURVEY.ID.eq(SURVEY_RESPONSE.SURVEY_ID))
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(SURVEY_RESPONSE.CUSTOMER_ID))
                .where(c).orderBy(SURVEY_RESPONSE.ANSWERED_ON.desc(), SURVEY_RESPONSE.ID.desc()).limit(limit)
                .fetch(r -> new ResponseRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), ResponseChannel.valueOf(r.value6()),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13()));
    }

    public Optional<ResponseRow> response(DSLContext dsl, long id) {
        return rows(dsl, SURVEY_RESPONSE.ID.eq(id), 1).stream().findFirst();
    }

    /** An export row: the response and its answers keyed by question position (choices as labels). */
    public record ExportRow(ResponseRow response, Map<Integer, List<Object>> answers) {
    }

    /**
     * Every response of a survey in the filter, oldest first, a page at a time (so a million
     * rows never sit in memory at once), with each response's answers by question position.
     */
    public void forEachResponse(DSLContext dsl, long surveyId, ResultFilter f, boolean chinese, Consumer<List<ExportRow>> page) {
        long after = 0;
        while (true) {
            List<ResponseRow> rows = dsl.select(SURVEY_RESPONSE.ID, SURVEY_RESPONSE.SURVEY_ID, SURVEY.NAME, SURVEY.NAME_ZH,
                            SURVEY_RESPONSE.ANSWERED_ON, SURVEY_RESPONSE.CHANNEL, SURVEY_RESPONSE.SCORE, SURVEY_RESPONSE.COMMENT,
                            SURVEY_RESPONSE.CUSTOMER_ID, CUSTOMER.CODE, CUSTOMER.NAME, SURVEY_RESPONSE.WALK_IN_NAME,
                            SURVEY_RESPONSE.COMPLAINT_FOLLOWUP_ID)
                    .from(SURVEY_RESPONSE).join(SURVEY).on(SURVEY.ID.eq(SURVEY_RESPONSE.SURVEY_ID))
                    .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(SURVEY_RESPONSE.CUSTOMER_ID))
                    .where(filter(surveyId, f).and(SURVEY_RESPONSE.ID.gt(after))).orderBy(SURVEY_RESPONSE.ID).limit(PAGE)
                    .fetch(r -> new ResponseRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), ResponseChannel.valueOf(r.value6()),
                            r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13()));
            if (rows.isEmpty()) {
                return;
            }
            List<Long> ids = rows.stream().map(ResponseRow::id).toList();
            Map<Long, Map<Integer, List<Object>>> answers = answersOf(dsl, ids, chinese);
            page.accept(rows.stream().map(r -> new ExportRow(r, answers.getOrDefault(r.id(), Map.of()))).toList());
            after = ids.getLast();
            if (rows.size() < PAGE) {
                return;
            }
        }
    }

    private Map<Long, Map<Integer, List<Object>>> answersOf(DSLContext dsl, Collection<Long> responseIds, boolean chinese) {
        Map<Long, Map<Integer, List<Object>>> out = new LinkedHashMap<>();
        dsl.select(SURVEY_ANSWER.RESPONSE_ID, SURVEY_QUESTION.POSITION, SURVEY_ANSWER.SCORE, SURVEY_CHOICE.LABEL, SURVEY_CHOICE.LABEL_ZH,
                        SURVEY_ANSWER.TEXT_VALUE)
                .from(SURVEY_ANSWER).join(SURVEY_QUESTION).on(SURVEY_QUESTION.ID.eq(SURVEY_ANSWER.QUESTION_ID))
                .leftJoin(SURVEY_CHOICE).on(SURVEY_CHOICE.ID.eq(SURVEY_ANSWER.CHOICE_ID))
                .where(SURVEY_ANSWER.RESPONSE_ID.in(responseIds))
                .orderBy(SURVEY_ANSWER.RESPONSE_ID, SURVEY_QUESTION.POSITION, SURVEY_CHOICE.POSITION)
                .forEach(r -> {
                    Object v = r.value3() != null ? r.value3()
                            : r.value4() != null ? new Choice(null, r.value4(), r.value5()).label(chinese) : r.value6();
                    out.computeIfAbsent(r.value1(), k -> new TreeMap<>()).computeIfAbsent(r.value2(), k -> new ArrayList<>()).add(v);
                });
        return out;
    }

    /** Whether the customer exists and was not erased (an erased customer takes no new answers: they would be theirs again). */
    public boolean customerExists(DSLContext dsl, long id) {
        return dsl.fetchExists(CUSTOMER, CUSTOMER.ID.eq(id).and(CUSTOMER.ERASED_AT.isNull()));
    }

    public Optional<Long> customerByCode(DSLContext dsl, String code) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.CODE.eq(code.strip())).and(CUSTOMER.ERASED_AT.isNull())
                .fetchOptional(CUSTOMER.ID);
    }


    // ---- privacy requests (decision 0021) ----

    /** One answer of a customer's response: the question as asked (in the language asked for) and the answer (a score, a choice's label, a text). */
    public record AnswerLine(long responseId, int position, String question, Object answer) {
    }

    /** Every answer the customer gave, by response and question. */
    public List<AnswerLine> answersOfCustomer(DSLContext dsl, long customerId, boolean chinese) {
        List<AnswerLine> out = new ArrayList<>();
        dsl.select(SURVEY_ANSWER.RESPONSE_ID, SURVEY_QUESTION.POSITION, SURVEY_QUESTION.TEXT, SURVEY_QUESTION.TEXT_ZH,
                        SURVEY_ANSWER.SCORE, SURVEY_CHOICE.LABEL, SURVEY_CHOICE.LABEL_ZH, SURVEY_ANSWER.TEXT_VALUE)
                .from(SURVEY_ANSWER).join(SURVEY_RESPONSE).on(SURVEY_RESPONSE.ID.eq(SURVEY_ANSWER.RESPONSE_ID))
                .join(SURVEY_QUESTION).on(SURVEY_QUESTION.ID.eq(SURVEY_ANSWER.QUESTION_ID))
                .leftJoin(SURVEY_CHOICE).on(SURVEY_CHOICE.ID.eq(SURVEY_ANSWER.CHOICE_ID))
                .where(SURVEY_RESPONSE.CUSTOMER_ID.eq(customerId))
                .orderBy(SURVEY_ANSWER.RESPONSE_ID, SURVEY_QUESTION.POSITION, SURVEY_CHOICE.POSITION)
                .forEach(r -> {
                    String question = chinese && r.value4() != null && !r.value4().isBlank() ? r.value4() : r.value3();
                    Object answer = r.value5() != null ? r.value5()
                            : r.value6() != null ? new Choice(null, r.value6(), r.value7()).label(chinese) : r.value8();
                    out.add(new AnswerLine(r.value1(), r.value2(), question, answer));
                });
        return out;
    }

    /**
     * Leaves of an erased customer's responses only the figures (survey, date, channel, scores and
     * choices: the shop's NPS and satisfaction stay right): their comments, written answers and any
     * name go, and the responses no longer open a complaint (the complaint follow-ups are gone).
     */
    public void erase(DSLContext dsl, long customerId) {
        dsl.update(SURVEY_ANSWER).set(SURVEY_ANSWER.TEXT_VALUE, (String) null)
                .where(SURVEY_ANSWER.RESPONSE_ID.in(DSL.select(SURVEY_RESPONSE.ID).from(SURVEY_RESPONSE)
                        .where(SURVEY_RESPONSE.CUSTOMER_ID.eq(customerId))))
                .and(SURVEY_ANSWER.TEXT_VALUE.isNotNull()).execute();
        dsl.update(SURVEY_RESPONSE).set(SURVEY_RESPONSE.COMMENT, (String) null).set(SURVEY_RESPONSE.WALK_IN_NAME, (String) null)
                .set(SURVEY_RESPONSE.COMPLAINT_FOLLOWUP_ID, (Long) null)
                .where(SURVEY_RESPONSE.CUSTOMER_ID.eq(customerId)).execute();
    }

    /** Masks {@code terms} (an erased customer's name, phones, ...) in other responses' comments, written answers and walk-in names. */
    public void maskMentions(DSLContext dsl, long erasedId, List<String> terms) {
        if (terms.isEmpty()) {
            return;
        }
        Condition others = SURVEY_RESPONSE.CUSTOMER_ID.isNull().or(SURVEY_RESPONSE.CUSTOMER_ID.ne(erasedId));
        for (Field<String> text : List.of(SURVEY_RESPONSE.COMMENT, SURVEY_RESPONSE.WALK_IN_NAME)) {
            dsl.update(SURVEY_RESPONSE).set(text, CustomerRepository.masked(text, terms))
                    .where(others).and(CustomerRepository.mentions(text, terms)).execute();
        }
        dsl.update(SURVEY_ANSWER).set(SURVEY_ANSWER.TEXT_VALUE, CustomerRepository.masked(SURVEY_ANSWER.TEXT_VALUE, terms))
                .where(SURVEY_ANSWER.RESPONSE_ID.in(DSL.select(SURVEY_RESPONSE.ID).from(SURVEY_RESPONSE).where(others)))
                .and(CustomerRepository.mentions(SURVEY_ANSWER.TEXT_VALUE, terms)).execute();
    }

    // ---- merges of customers (decision 0025) ----

    /** How many survey answers these customers gave, by the bundle key that names them. */
    public java.util.Map<String, Integer> countForMerge(DSLContext dsl, java.util.Collection<Long> customerIds) {
        return java.util.Map.of("merge.count.surveyAnswers", dsl.fetchCount(SURVEY_RESPONSE, SURVEY_RESPONSE.CUSTOMER_ID.in(customerIds)));
    }

    /** Moves the survey answers of {@code others} to {@code keptId}. */
    public void moveForMerge(DSLContext dsl, long keptId, java.util.Collection<Long> others) {
        dsl.update(SURVEY_RESPONSE).set(SURVEY_RESPONSE.CUSTOMER_ID, keptId).where(SURVEY_RESPONSE.CUSTOMER_ID.in(others)).execute();
    }

    /**
     * This feature's files in the shop's export ({@code export all}, decision 0026), in the order an
     * import loads them: the surveys with their versions, questions and choices (its setup), then the
     * responses and their answers.
     */
    public static List<app.regulars.store.ArchiveTable> archiveTables() {
        return List.of(
                app.regulars.store.ArchiveTable.setup("surveys", SURVEY).values(SURVEY.KIND, SurveyKind.class),
                app.regulars.store.ArchiveTable.setup("survey_versions", SURVEY_VERSION),
                app.regulars.store.ArchiveTable.setup("survey_questions", SURVEY_QUESTION).values(SURVEY_QUESTION.KIND, QuestionKind.class),
                app.regulars.store.ArchiveTable.setup("survey_choices", SURVEY_CHOICE),
                app.regulars.store.ArchiveTable.of("survey_responses", SURVEY_RESPONSE).values(SURVEY_RESPONSE.CHANNEL, ResponseChannel.class),
                app.regulars.store.ArchiveTable.of("survey_answers", SURVEY_ANSWER));
    }
}
