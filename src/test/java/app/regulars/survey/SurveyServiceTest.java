package app.regulars.survey;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Survey rules and figures on a real store, checked against hand-computed examples. */
class SurveyServiceTest {
    @TempDir
    Path dir;
    AppContext ctx;
    SurveyService surveys;
    Survey nps;
    Survey csat;
    long xiaoming;
    final List<String> complaints = new ArrayList<>();

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        TestStores.addKnownCustomers(ctx.customers());
        surveys = ctx.surveys();
        surveys.setComplaintOpener((customerId, title, notes, at) -> {
            complaints.add(customerId + "|" + title + "|" + notes + "|" + at);
            return 100 + complaints.size();
        });
        nps = surveys.find("Net Promoter Score (NPS)");
        csat = surveys.find("顾客满意度 (CSAT)");
        xiaoming = ctx.customers().byCode("000001").orElseThrow().id();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private long answer(Survey s, Long customer, LocalDate date, Integer score, String comment) {
        List<Answer> answers = new ArrayList<>();
        if (score != null) {
            answers.add(Answer.score(s.questions().get(0).id(), score));
        }
        answers.add(Answer.text(s.questions().get(1).id(), comment));
        return surveys.saveResponse(new NewResponse(s.id(), customer, null, ResponseChannel.VISIT, date, answers));
    }

    @Test
    void templatesAreSeededOnceInBothLanguages() {
        assertThat(surveys.list()).extracting(SurveySummary::kind).containsExactly(SurveyKind.NPS, SurveyKind.CSAT);
        surveys.ensureTemplates();
        assertThat(surveys.list()).hasSize(2);
        Question q = nps.questions().getFirst();
        assertThat(q.text(false)).startsWith("How likely are you to recommend us");
        assertThat(q.text(true)).isEqualTo("您有多大可能向朋友或同事推荐我们？");
        assertThat(q.scaleMin()).isZero();
        assertThat(q.scaleMax()).isEqualTo(10);
        assertThat(csat.headline().scaleMin()).isEqualTo(1);
        assertThat(csat.headline().scaleMax()).isEqualTo(5);
        assertThat(surveys.find(String.valueOf(nps.id())).name()).isEqualTo("Net Promoter Score (NPS)");
        assertThatThrownBy(() -> surveys.find("nope")).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("survey.error.notFound");
    }

    @Test
    void npsIsPromotersMinusDetractorsByHand() {
        LocalDate d = LocalDate.of(2026, 11, 2);
        // 10 10 9 | 8 | 6: 3 promoters, 1 passive, 1 detractor of 5 -> 60% - 20% = 40
        for (int s : new int[]{10, 10, 9, 8, 6}) {
            answer(nps, null, d, s, null);
        }
        SurveyResults r = surveys.results(nps.id(), ResultFilter.all(), false);
        assertThat(r.responses()).isEqualTo(5);
        assertThat(r.promoters()).isEqualTo(3);
        assertThat(r.passives()).isEqualTo(1);
        assertThat(r.detractors()).isEqualTo(1);
        assertThat(r.nps()).isCloseTo(40.0, within(1e-9));
        assertThat(r.distribution()).containsEntry(10, 2L).containsEntry(9, 1L).containsEntry(8, 1L).containsEntry(6, 1L).hasSize(4);
        // 0 and 3 more detractors: 3 P, 1 passive, 3 D of 7 -> 0
        answer(nps, null, d, 0, "rude");
        answer(nps, null, d, 3, null);
        assertThat(surveys.results(nps.id(), ResultFilter.all(), false).nps()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void csatIsAverageAndShareOfFourAndFiveByHand() {
        LocalDate d = LocalDate.of(2026, 11, 2);
        // 5 4 3 2 5 1: sum 20 / 6 = 3.333..., 4-5: 3 of 6 = 50%
        for (int s : new int[]{5, 4, 3, 2, 5, 1}) {
            answer(csat, null, d, s, null);
        }
        SurveyResults r = surveys.results(csat.id(), ResultFilter.all(), false);
        assertThat(r.csatAverage()).isCloseTo(20.0 / 6, within(1e-9));
        assertThat(r.csatTopShare()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void emptyPeriodAndSingleResponse() {
        SurveyResults empty = surveys.results(nps.id(), new ResultFilter(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), null), false);
        assertThat(empty.responses()).isZero();
        assertThat(empty.nps()).isNull();
        assertThat(empty.csatAverage()).isNull();
        assertThat(empty.distribution()).isEmpty();
        assertThat(empty.trend()).isEmpty();

        answer(nps, null, LocalDate.of(2026, 11, 3), 7, null);
        SurveyResults one = surveys.results(nps.id(), ResultFilter.all(), false);
        assertThat(one.responses()).isEqualTo(1);
        assertThat(one.nps()).isCloseTo(0.0, within(1e-9));
        answer(csat, null, LocalDate.of(2026, 11, 3), 4, null);
        SurveyResults c = surveys.results(csat.id(), ResultFilter.all(), false);
        assertThat(c.csatAverage()).isEqualTo(4.0);
        assertThat(c.csatTopShare()).isEqualTo(100.0);
    }

    @Test
    void periodTagAndTrendFilterInSql() {
        long alice = ctx.customers().byCode("000003").orElseThrow().id();
        answer(nps, xiaoming, LocalDate.of(2026, 9, 30), 10, null);
        answer(nps, alice, LocalDate.of(2026, 10, 1), 9, null);
        answer(nps, alice, LocalDate.of(2026, 10, 31), 7, null);
        answer(nps, xiaoming, LocalDate.of(2026, 11, 1), 10, "great tea");
        SurveyResults oct = surveys.results(nps.id(), new ResultFilter(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), null), false);
        assertThat(oct.responses()).isEqualTo(2);
        assertThat(oct.nps()).isCloseTo(50.0, within(1e-9));
        SurveyResults vip = surveys.results(nps.id(), new ResultFilter(null, null, "VIP"), false);
        assertThat(vip.responses()).isEqualTo(2);
        assertThat(vip.nps()).isEqualTo(100.0);
        TierChoice gold = surveys.tier("Gold");
        ctx.database().dsl().insertInto(app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP)
                .set(app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP.CUSTOMER_ID, alice)
                .set(app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP.TIER_ID, gold.id())
                .set(app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP.TIER_SINCE, LocalDateTime.of(2026, 1, 1, 0, 0)).execute();
        // Alice: 9 and 7 -> 1 promoter, 1 passive of 2 -> 50
        SurveyResults goldOnly = surveys.results(nps.id(), new ResultFilter(null, null, null, gold.id()), false);
        assertThat(goldOnly.responses()).isEqualTo(2);
        assertThat(goldOnly.nps()).isCloseTo(50.0, within(1e-9));
        assertThat(surveys.results(nps.id(), new ResultFilter(null, null, "VIP", gold.id()), false).responses()).isZero();
        SurveyResults all = surveys.results(nps.id(), ResultFilter.all(), false);
        assertThat(all.trend()).extracting(SurveyResults.TrendPoint::period).containsExactly("2026-09", "2026-10", "2026-11");
        assertThat(all.trend().get(1).nps()).isCloseTo(50.0, within(1e-9));
        SurveyResults quarters = surveys.results(nps.id(), ResultFilter.all(), true);
        assertThat(quarters.trend()).extracting(SurveyResults.TrendPoint::period).containsExactly("2026-Q3", "2026-Q4");
        assertThat(quarters.trend().get(1).responses()).isEqualTo(3);
        assertThat(surveys.responses(nps.id(), ResultFilter.all(), true, false))
                .singleElement().satisfies(r -> {
                    assertThat(r.comment()).isEqualTo("great tea");
                    assertThat(r.customerName()).isEqualTo("王小明");
                });
    }

    @Test
    void badAnswersAreRefusedAndNothingIsSaved() {
        long qid = nps.questions().get(0).id();
        assertThatThrownBy(() -> surveys.saveResponse(new NewResponse(nps.id(), null, null, ResponseChannel.PHONE, surveys.today(),
                List.of(Answer.score(qid, 11))))).extracting(e -> ((UserException) e).key()).isEqualTo("survey.error.outOfScale");
        assertThatThrownBy(() -> surveys.saveResponse(new NewResponse(nps.id(), null, null, ResponseChannel.PHONE, surveys.today(),
                List.of()))).extracting(e -> ((UserException) e).key()).isEqualTo("survey.error.required");
        // the second of two fails: neither is saved
        assertThatThrownBy(() -> surveys.saveAll(List.of(
                new NewResponse(nps.id(), null, null, ResponseChannel.PHONE, surveys.today(), List.of(Answer.score(qid, 5))),
                new NewResponse(nps.id(), 999_999L, null, ResponseChannel.PHONE, surveys.today(), List.of(Answer.score(qid, 5))))))
                .extracting(e -> ((UserException) e).key()).isEqualTo("survey.error.noCustomer");
        assertThat(surveys.results(nps.id(), ResultFilter.all(), false).responses()).isZero();
    }

    @Test
    void lowScoreOpensOneComplaintAndWalkInsOpenItWhenLinked() {
        long low = answer(nps, xiaoming, surveys.today(), 6, "waited too long");
        assertThat(complaints).singleElement().asString()
                .startsWith(xiaoming + "|“净推荐值 (NPS)”低分：6|waited too long|2026-11-23T10:00");
        assertThat(surveys.openComplaintIfLow(low)).isFalse();
        answer(nps, xiaoming, surveys.today(), 7, null);
        assertThat(complaints).hasSize(1);
        // CSAT default threshold 2; a settable one
        answer(csat, xiaoming, surveys.today(), 3, null);
        assertThat(complaints).hasSize(1);
        surveys.setThreshold(SurveyKind.CSAT, 3);
        answer(csat, xiaoming, surveys.today(), 3, null);
        assertThat(complaints).hasSize(2);
        assertThatThrownBy(() -> surveys.setThreshold(SurveyKind.CSAT, 6)).isInstanceOf(UserException.class);

        long walkIn = answer(nps, null, surveys.today(), 2, null);
        assertThat(complaints).hasSize(2);
        ResponseRow linked = surveys.link(walkIn, "000002");
        assertThat(linked.customerName()).isEqualTo("曾晓燕");
        assertThat(linked.complaintFollowUpId()).isEqualTo(103L);
        assertThat(complaints).hasSize(3);
        assertThatThrownBy(() -> surveys.link(walkIn, "000001")).extracting(e -> ((UserException) e).key())
                .isEqualTo("survey.error.alreadyLinked");
        assertThat(surveys.ofCustomer(xiaoming)).hasSize(4);
    }

    @Test
    void editingASurveyWithAnswersMakesANewVersionAndOldAnswersKeepTheirs() {
        Survey first = surveys.save(null, "After repair", List.of(
                Question.score("Rate the repair", null, true, 1, 5, "Bad", null, "Great", null),
                Question.choice(QuestionKind.SINGLE, "Was it on time?", true, List.of("Yes", "No"))));
        assertThat(first.kind()).isEqualTo(SurveyKind.CSAT);
        // no answers yet: the edit replaces version 1
        Survey custom = surveys.save(first.id(), "After repair", List.of(
                Question.score("Rate the repair", null, true, 1, 5, "Bad", null, "Great", null),
                Question.choice(QuestionKind.SINGLE, "Was it on time?", true, List.of("Yes", "No", "Don't know"))));
        assertThat(custom.version()).isEqualTo(1);
        Question onTime = custom.questions().get(1);
        surveys.saveResponse(new NewResponse(custom.id(), xiaoming, null, ResponseChannel.PHONE, surveys.today(), List.of(
                Answer.score(custom.questions().get(0).id(), 4), Answer.choices(onTime.id(), List.of(onTime.choices().get(2).id())))));

        Survey v2 = surveys.save(custom.id(), "After repair", List.of(
                Question.score("Rate the repair", null, true, 1, 5, "Bad", null, "Great", null),
                Question.text("Anything else?", null, false)));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.questions()).extracting(q -> q.text(false)).containsExactly("Rate the repair", "Anything else?");
        Survey v1 = surveys.version(custom.id(), 1);
        assertThat(v1.questions()).extracting(q -> q.text(false)).containsExactly("Rate the repair", "Was it on time?");
        List<SurveyRepository.ExportRow> rows = new ArrayList<>();
        surveys.forEachResponse(custom.id(), ResultFilter.all(), false, rows::addAll);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.answers()).containsEntry(2, List.of("Don't know")));
        // an old version's answers no longer fit the new one
        assertThatThrownBy(() -> surveys.saveResponse(new NewResponse(custom.id(), null, null, ResponseChannel.PHONE, surveys.today(),
                List.of(Answer.score(v1.questions().get(0).id(), 4)))))
                .extracting(e -> ((UserException) e).key()).isEqualTo("survey.error.staleQuestion");

        assertThatThrownBy(() -> surveys.delete(custom.id())).extracting(e -> ((UserException) e).key())
                .isEqualTo("survey.error.hasResponses");
        assertThat(surveys.results(custom.id(), ResultFilter.all(), false).responses()).isEqualTo(1);
        Survey empty = surveys.save(null, "Unused", List.of(Question.text("Hello?", null, true)));
        surveys.delete(empty.id());
        assertThat(surveys.list()).extracting(SurveySummary::name).doesNotContain("Unused");
        assertThatThrownBy(() -> surveys.save(null, "Bad", List.of(Question.score("x", null, true, 5, 3, null, null, null, null))))
                .isInstanceOf(UserException.class);
    }

    @Test
    void theWiredFollowUpFeatureGetsAComplaintWithItsTwentyFourHourClock() {
        surveys.setComplaintOpener(app.regulars.app.AppContext.complaintsAsFollowUps(ctx.followUps()));
        long id = answer(csat, xiaoming, surveys.today(), 1, "cold tea");
        var open = ctx.followUps().openFor(xiaoming);
        assertThat(open).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(app.regulars.followup.FollowUpKind.COMPLAINT);
            assertThat(f.notes()).isEqualTo("cold tea");
            assertThat(f.resolveBy()).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
            // opened with the English shell, its title is shown in the language of whoever looks
            assertThat(f.titleTyped()).isFalse();
            assertThat(app.regulars.followup.FollowUpTitles.of(f, new app.regulars.i18n.Messages(java.util.Locale.SIMPLIFIED_CHINESE)))
                    .isEqualTo("满意度 (CSAT) 低分：1");
            assertThat(app.regulars.followup.FollowUpTitles.of(f, new app.regulars.i18n.Messages(java.util.Locale.ENGLISH)))
                    .isEqualTo("Low CSAT score: 1");
        });
        assertThat(surveys.ofCustomer(xiaoming).getFirst().complaintFollowUpId()).isEqualTo(open.getFirst().id());
        assertThat(surveys.openComplaintIfLow(id)).isFalse();
        assertThat(ctx.followUps().openFor(xiaoming)).hasSize(1);
    }
}
