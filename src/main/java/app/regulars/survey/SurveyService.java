package app.regulars.survey;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Surveys' use cases: the built-in NPS and CSAT templates, editing (a survey with answers
 * gets a new version instead of losing questions), validated responses, the complaint a low
 * score opens (once), and the results figures (aggregated in SQL).
 */
public final class SurveyService {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyService.class);
    public static final String NPS_THRESHOLD = "surveys.threshold.nps";
    public static final String CSAT_THRESHOLD = "surveys.threshold.csat";
    public static final int DEFAULT_NPS_THRESHOLD = 6;
    public static final int DEFAULT_CSAT_THRESHOLD = 2;
    public static final int MAX_NAME = 200;
    public static final int MAX_QUESTION = 500;
    public static final int MAX_TEXT = 4000;
    public static final int LIST_LIMIT = 500;

    private final Database db;
    private final SurveyRepository repository;
    private final Settings settings;
    private final Messages messages;
    private final Clock clock;
    private volatile ComplaintOpener complaints = ComplaintOpener.NONE;

    public SurveyService(Database db, SurveyRepository repository, Settings settings, Messages messages, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    /** Wires the follow-up feature in (AppContext does; tests pass a recorder). */
    public void setComplaintOpener(ComplaintOpener opener) {
        this.complaints = opener == null ? ComplaintOpener.NONE : opener;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Adds the built-in NPS and CSAT surveys, in English and Chinese, unless they are there. */
    public void ensureTemplates() {
        if (repository.templateExists(db.dsl(), "nps") && repository.templateExists(db.dsl(), "csat")) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            if (!repository.templateExists(dsl, "nps")) {
                long id = repository.insertSurvey(dsl, SurveyKind.NPS, "nps", "Net Promoter Score (NPS)", "净推荐值 (NPS)", now);
                repository.insertVersion(dsl, id, 1, List.of(
                        Question.score("How likely are you to recommend us to a friend or colleague?", "您有多大可能向朋友或同事推荐我们？",
                                true, 0, 10, "Not at all likely", "完全不可能", "Extremely likely", "极有可能"),
                        Question.text("What is the main reason for your score?", "您给出这个分数的主要原因是什么？", false)), now);
            }
            if (!repository.templateExists(dsl, "csat")) {
                long id = repository.insertSurvey(dsl, SurveyKind.CSAT, "csat", "Customer satisfaction (CSAT)", "顾客满意度 (CSAT)", now);
                repository.insertVersion(dsl, id, 1, List.of(
                        Question.score("How satisfied were you with your visit or call today?", "您对这次到店或通话满意吗？",
                                true, 1, 5, "Very dissatisfied", "非常不满意", "Very satisfied", "非常满意"),
                        Question.text("What could we do better?", "我们哪里可以做得更好？", false)), now);
            }
            return null;
        });
    }

    public List<SurveySummary> list() {
        return repository.list(db.dsl(), false);
    }

    public Survey get(long id) {
        return repository.get(db.dsl(), id, null).orElseThrow(() -> new UserException("survey.error.notFound", String.valueOf(id)));
    }

    public Survey version(long id, int versionNo) {
        return repository.get(db.dsl(), id, versionNo).orElseThrow(() -> new UserException("survey.error.notFound", String.valueOf(id)));
    }

    /** A survey by its id or its name (English or Chinese); a message when there is none. */
    public Survey find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new UserException("survey.error.notFound", "");
        }
        return repository.find(db.dsl(), idOrName).map(this::get)
                .orElseThrow(() -> new UserException("survey.error.notFound", idOrName.strip()));
    }

    /**
     * Creates a survey ({@code id} null) or edits one. When the current version already has
     * answers, the edit becomes a new version and the old answers keep their questions;
     * otherwise the version's questions are replaced. Returns the survey as saved.
     */
    public Survey save(Long id, String name, List<Question> questions) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new UserException("survey.error.nameRequired");
        }
        if (n.length() > MAX_NAME) {
            throw new UserException("survey.error.tooLong", MAX_NAME);
        }
        validateQuestions(questions);
        Question first = questions.stream().filter(q -> q.kind() == QuestionKind.SCORE).findFirst().orElse(null);
        SurveyKind kind = first == null ? SurveyKind.CUSTOM : SurveyKind.ofScale(first.scaleMin(), first.scaleMax());
        LocalDateTime now = LocalDateTime.now(clock);
        long saved = db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            if (id == null) {
                long newId = repository.insertSurvey(dsl, kind, null, n, null, now);
                repository.insertVersion(dsl, newId, 1, questions, now);
                return newId;
            }
            Survey current = repository.get(dsl, id, null).orElseThrow(() -> new UserException("survey.error.notFound", String.valueOf(id)));
            // A built-in template keeps its Chinese name unless the English one changed.
            String zh = n.equals(current.name()) ? current.nameZh() : null;
            repository.updateSurvey(dsl, id, kind, n, zh);
            if (repository.countVersionResponses(dsl, current.versionId()) > 0) {
                repository.insertVersion(dsl, id, current.version() + 1, questions, now);
            } else {
                repository.replaceQuestions(dsl, current.versionId(), questions);
            }
            return id;
        });
        return get(saved);
    }

    private static void validateQuestions(List<Question> questions) {
        if (questions == null || questions.isEmpty()) {
            throw new UserException("survey.error.noQuestions");
        }
        int i = 0;
        for (Question q : questions) {
            i++;
            if (q.text() == null || q.text().isBlank()) {
                throw new UserException("survey.error.questionText", i);
            }
            if (q.text().length() > MAX_QUESTION) {
                throw new UserException("survey.error.tooLong", MAX_QUESTION);
            }
            switch (q.kind()) {
                case SCORE -> {
                    if (q.scaleMin() == null || q.scaleMax() == null || q.scaleMin() < 0 || q.scaleMax() > 10 || q.scaleMin() >= q.scaleMax()) {
                        throw new UserException("survey.error.scale", i);
                    }
                }
                case SINGLE, MULTI -> {
                    if (q.choices().size() < 2 || q.choices().stream().anyMatch(c -> c.label() == null || c.label().isBlank())) {
                        throw new UserException("survey.error.choices", i);
                    }
                }
                case TEXT -> {
                }
            }
        }
    }

    /** Deletes a survey without answers; one with answers stays (archive it instead) and the message says so. */
    public void delete(long id) {
        db.write(cfg -> {
            long n = repository.countResponses(cfg.dsl(), id);
            if (n > 0) {
                throw new UserException("survey.error.hasResponses", n);
            }
            repository.delete(cfg.dsl(), id);
            return null;
        });
    }

    /** Hides a survey from the lists; its answers and results stay. */
    public void archive(long id, boolean archived) {
        db.write(cfg -> {
            repository.setArchived(cfg.dsl(), id, archived);
            return null;
        });
    }

    public int threshold(SurveyKind kind) {
        String key = kind == SurveyKind.NPS ? NPS_THRESHOLD : CSAT_THRESHOLD;
        int fallback = kind == SurveyKind.NPS ? DEFAULT_NPS_THRESHOLD : DEFAULT_CSAT_THRESHOLD;
        try {
            return settings.get(key).map(String::strip).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void setThreshold(SurveyKind kind, int value) {
        int max = kind == SurveyKind.NPS ? 10 : 5;
        int min = kind == SurveyKind.NPS ? 0 : 1;
        if (kind == SurveyKind.CUSTOM || value < min || value > max) {
            throw new UserException("survey.error.threshold", min, max);
        }
        settings.put(kind == SurveyKind.NPS ? NPS_THRESHOLD : CSAT_THRESHOLD, Integer.toString(value));
    }

    /** Checks a response against the survey's current version; the first problem as a message. */
    public Survey validate(NewResponse r) {
        return validate(r, messages.isChinese());
    }

    /** As {@link #validate(NewResponse)}, naming questions in Chinese or English as the user reads them. */
    public Survey validate(NewResponse r, boolean zh) {
        Survey s = get(r.surveyId());
        if (r.channel() == null) {
            throw new UserException("survey.error.channel");
        }
        if (r.answeredOn() == null) {
            throw new UserException("survey.error.date");
        }
        Map<Long, Answer> byQuestion = new HashMap<>();
        Set<Long> known = new HashSet<>();
        s.questions().forEach(q -> known.add(q.id()));
        for (Answer a : r.answers()) {
            if (!known.contains(a.questionId())) {
                throw new UserException("survey.error.staleQuestion");
            }
            byQuestion.put(a.questionId(), a);
        }
        for (Question q : s.questions()) {
            Answer a = byQuestion.get(q.id());
            if (a == null || a.isEmpty()) {
                if (q.required()) {
                    throw new UserException("survey.error.required", q.text(zh));
                }
                continue;
            }
            switch (q.kind()) {
                case SCORE -> {
                    if (a.score() == null || a.score() < q.scaleMin() || a.score() > q.scaleMax()) {
                        throw new UserException("survey.error.outOfScale", q.text(zh), q.scaleMin(), q.scaleMax());
                    }
                }
                case SINGLE, MULTI -> {
                    Set<Long> ids = new HashSet<>();
                    q.choices().forEach(c -> ids.add(c.id()));
                    if (!ids.containsAll(a.choiceIds()) || (q.kind() == QuestionKind.SINGLE && a.choiceIds().size() > 1)) {
                        throw new UserException("survey.error.choice", q.text(zh));
                    }
                }
                case TEXT -> {
                    if (a.text() != null && a.text().length() > MAX_TEXT) {
                        throw new UserException("survey.error.tooLong", MAX_TEXT);
                    }
                }
            }
        }
        if (r.walkInName() != null && r.walkInName().length() > 100) {
            throw new UserException("survey.error.tooLong", 100);
        }
        return s;
    }

    /** Saves a validated response (one transaction) and opens a complaint when its score is low. Returns its id. */
    public long saveResponse(NewResponse r) {
        return saveAll(List.of(r)).getFirst();
    }

    /** As {@link #saveResponse(NewResponse)}, with messages naming questions in the user's language. */
    public long saveResponse(NewResponse r, boolean chinese) {
        return saveAll(List.of(r), chinese).getFirst();
    }

    /** Saves several responses in one transaction (all or none), then opens the complaints low scores call for. */
    public List<Long> saveAll(List<NewResponse> responses) {
        return saveAll(responses, messages.isChinese());
    }

    public List<Long> saveAll(List<NewResponse> responses, boolean chinese) {
        List<Survey> surveys = new ArrayList<>();
        for (NewResponse r : responses) {
            surveys.add(validate(r, chinese));
        }
        LocalDateTime now = LocalDateTime.now(clock);
        List<Long> ids = db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < responses.size(); i++) {
                NewResponse r = responses.get(i);
                Survey s = surveys.get(i);
                if (r.customerId() != null && !repository.customerExists(dsl, r.customerId())) {
                    throw new UserException("survey.error.noCustomer", String.valueOf(r.customerId()));
                }
                out.add(repository.insertResponse(dsl, r, s.versionId(), headlineScore(s, r), comment(s, r), now));
            }
            return out;
        });
        for (Long id : ids) {
            openComplaintIfLow(id);
        }
        return ids;
    }

    private static Integer headlineScore(Survey s, NewResponse r) {
        Question h = s.headline();
        if (h == null) {
            return null;
        }
        return r.answers().stream().filter(a -> a.questionId() == h.id()).map(Answer::score).findFirst().orElse(null);
    }

    private static String comment(Survey s, NewResponse r) {
        List<String> texts = new ArrayList<>();
        for (Question q : s.questions()) {
            if (q.kind() == QuestionKind.TEXT) {
                r.answers().stream().filter(a -> a.questionId() == q.id() && a.text() != null).forEach(a -> texts.add(a.text()));
            }
        }
        if (texts.isEmpty()) {
            return null;
        }
        String all = String.join(" / ", texts);
        return all.length() > MAX_TEXT ? all.substring(0, MAX_TEXT) : all;
    }

    /**
     * Opens a complaint for a response of a known customer whose score is at or below the
     * threshold, unless one was opened already (the response records it: once).
     */
    public boolean openComplaintIfLow(long responseId) {
        ResponseRow row = repository.response(db.dsl(), responseId).orElse(null);
        if (row == null || row.customerId() == null || row.score() == null || row.complaintFollowUpId() != null) {
            return false;
        }
        Survey s = get(row.surveyId());
        if (s.kind() == SurveyKind.CUSTOM || row.score() > threshold(s.kind())) {
            return false;
        }
        String title = messages.get("survey.complaint.title", s.name(messages.isChinese()), row.score());
        String notes = row.comment() == null ? messages.get("survey.complaint.noComment") : row.comment();
        long followUp;
        try {
            followUp = complaints.openComplaint(row.customerId(), new ComplaintOpener.LowScore(s.kind(), row.score(), responseId, title),
                    notes, LocalDateTime.now(clock));
        } catch (RuntimeException e) {
            // The response is saved; the complaint is tried again when the response is linked or re-checked.
            LOG.warn("Could not open a complaint for survey response {}", responseId, e);
            return false;
        }
        if (followUp < 0) {
            return false;
        }
        db.write(cfg -> {
            repository.setComplaint(cfg.dsl(), responseId, followUp);
            return null;
        });
        return true;
    }

    /**
     * Deletes every response linked to a customer, for undoing a sample fill of an empty store
     * (all its customers' answers are the sample's); walk-ins' responses stay.
     */
    public int deleteCustomerResponses() {
        return db.write(cfg -> repository.deleteCustomerResponses(cfg.dsl()));
    }

    /** Links a walk-in's response to a customer (by code); a low score then opens its complaint. */
    public ResponseRow link(long responseId, String customerCode) {
        long customerId = repository.customerByCode(db.dsl(), customerCode == null ? "" : customerCode)
                .orElseThrow(() -> new UserException("survey.error.noCustomer", customerCode == null ? "" : customerCode.strip()));
        return link(responseId, customerId);
    }

    public ResponseRow link(long responseId, long customerId) {
        db.write(cfg -> {
            ResponseRow row = repository.response(cfg.dsl(), responseId)
                    .orElseThrow(() -> new UserException("survey.error.noResponse"));
            if (row.customerId() != null) {
                throw new UserException("survey.error.alreadyLinked", row.customerName());
            }
            if (!repository.customerExists(cfg.dsl(), customerId)) {
                throw new UserException("survey.error.noCustomer", String.valueOf(customerId));
            }
            repository.link(cfg.dsl(), responseId, customerId);
            return null;
        });
        openComplaintIfLow(responseId);
        return repository.response(db.dsl(), responseId).orElseThrow();
    }

    public SurveyResults results(long surveyId, ResultFilter filter, boolean byQuarter) {
        return repository.results(db.dsl(), surveyId, filter, byQuarter);
    }

    public List<ResponseRow> responses(long surveyId, ResultFilter filter, boolean commentsOnly, boolean walkInsOnly) {
        return repository.responses(db.dsl(), surveyId, filter, commentsOnly, walkInsOnly, LIST_LIMIT);
    }

    public List<ResponseRow> ofCustomer(long customerId) {
        return repository.ofCustomer(db.dsl(), customerId, LIST_LIMIT);
    }

    public void forEachResponse(long surveyId, ResultFilter filter, boolean chinese, Consumer<List<SurveyRepository.ExportRow>> page) {
        repository.forEachResponse(db.dsl(), surveyId, filter, chinese, page);
    }

    public List<TierChoice> tiers() {
        return repository.tiers(db.dsl());
    }

    /** A tier by id or name (as stored or as shown in the user's language); a message when there is none. */
    public TierChoice tier(String idOrName) {
        String s = idOrName == null ? "" : idOrName.strip();
        return tiers().stream().filter(t -> String.valueOf(t.id()).equals(s) || t.name().equalsIgnoreCase(s)
                        || (t.nameKey() != null && messages.has(t.nameKey()) && messages.get(t.nameKey()).equalsIgnoreCase(s)))
                .findFirst().orElseThrow(() -> new UserException("survey.error.noTier", s));
    }

    public java.util.Optional<Long> customerIdByCode(String code) {
        return repository.customerByCode(db.dsl(), code);
    }

}
