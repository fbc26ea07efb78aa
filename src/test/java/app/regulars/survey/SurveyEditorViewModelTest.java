package app.regulars.survey;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The survey editor's view model with a synchronous runner: what is saved, and what is refused. */
class SurveyEditorViewModelTest {
    @TempDir
    Path dir;
    AppContext ctx;
    final Messages english = new Messages(Locale.ENGLISH);
    final Messages chinese = new Messages(Locale.SIMPLIFIED_CHINESE);

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private SurveyEditorViewModel editor(Messages messages, Survey survey) {
        return new SurveyEditorViewModel(ctx.surveys(), new SyncTaskRunner(), messages, survey);
    }

    @Test
    void newSurveyIsRefusedWithAMessageUntilEveryQuestionHasText() {
        SurveyEditorViewModel vm = editor(english, null);
        assertThat(vm.title()).isEqualTo("New survey");
        assertThat(vm.questions()).singleElement().satisfies(q -> {
            assertThat(q.kindProperty().get()).isEqualTo(QuestionKind.SCORE);
            assertThat(q.requiredProperty().get()).isTrue();
            assertThat(q.scaleMinProperty().get()).isEqualTo(1);
            assertThat(q.scaleMaxProperty().get()).isEqualTo(5);
        });
        vm.nameProperty().set("After repair");
        vm.questions().getFirst().textProperty().set("Rate the repair");
        QuestionDraftViewModel second = vm.addQuestion();
        second.kindProperty().set(QuestionKind.TEXT);
        AtomicReference<Survey> saved = new AtomicReference<>();

        vm.save(saved::set);
        assertThat(vm.errorProperty().get()).isEqualTo("Question 2 has no text.");
        assertThat(saved.get()).isNull();
        assertThat(ctx.surveys().list()).hasSize(2);

        second.textProperty().set("  Anything else?  ");
        vm.save(saved::set);
        assertThat(saved.get().name()).isEqualTo("After repair");
        assertThat(saved.get().kind()).isEqualTo(SurveyKind.CSAT);
        assertThat(saved.get().questions()).extracting(Question::kind).containsExactly(QuestionKind.SCORE, QuestionKind.TEXT);
        assertThat(saved.get().questions()).extracting(q -> q.text(false)).containsExactly("Rate the repair", "Anything else?");
        assertThat(ctx.surveys().list()).hasSize(3);
    }

    @Test
    void questionsMoveWithinTheListAndAreRemoved() {
        SurveyEditorViewModel vm = editor(english, null);
        QuestionDraftViewModel a = vm.questions().getFirst();
        QuestionDraftViewModel b = vm.addQuestion();
        QuestionDraftViewModel c = vm.addQuestion();
        vm.move(a, -1);
        assertThat(vm.questions()).containsExactly(a, b, c);
        vm.move(a, 1);
        assertThat(vm.questions()).containsExactly(b, a, c);
        vm.move(c, 1);
        assertThat(vm.questions()).containsExactly(b, a, c);
        vm.move(c, -2);
        assertThat(vm.questions()).containsExactly(c, b, a);
        vm.remove(b);
        assertThat(vm.questions()).containsExactly(c, a);
    }

    @Test
    void templateKeepsBothLanguagesWhileTheShownTextsAreUnchanged() {
        Survey nps = ctx.surveys().get(1);
        SurveyEditorViewModel vm = editor(chinese, nps);
        assertThat(vm.title()).isEqualTo(chinese.get("survey.editor.title"));
        assertThat(vm.nameProperty().get()).isEqualTo(nps.name(true));
        assertThat(vm.questions()).hasSameSizeAs(nps.questions());
        assertThat(vm.questions().getFirst().textProperty().get()).isEqualTo("您有多大可能向朋友或同事推荐我们？");

        vm.nameProperty().set(" " + nps.name(true) + " ");
        assertThat(vm.nameToSave()).isEqualTo(nps.name());
        Question first = vm.questionsToSave().getFirst();
        Question original = nps.questions().getFirst();
        assertThat(first.text()).isEqualTo(original.text());
        assertThat(first.textZh()).isEqualTo(original.textZh());
        assertThat(first.lowLabelZh()).isEqualTo(original.lowLabelZh());
        assertThat(first.highLabelZh()).isEqualTo(original.highLabelZh());

        vm.nameProperty().set("我的推荐调查");
        vm.questions().getFirst().textProperty().set("您会推荐我们吗？");
        assertThat(vm.nameToSave()).isEqualTo("我的推荐调查");
        first = vm.questionsToSave().getFirst();
        assertThat(first.text()).isEqualTo("您会推荐我们吗？");
        assertThat(first.textZh()).isNull();
        assertThat(first.lowLabelZh()).isNull();
        assertThat(first.scaleMax()).isEqualTo(10);
    }

    @Test
    void choicesAreSplitAtSemicolonsAndScoreLabelsMayStayEmpty() {
        Survey s = ctx.surveys().save(null, "After a visit", List.of(
                Question.score("How was it?", null, true, 0, 10, null, null, null, null),
                Question.choice(QuestionKind.SINGLE, "Found it?", true, List.of("Yes", "No"))));
        SurveyEditorViewModel vm = editor(english, s);
        assertThat(vm.questions().get(1).choicesProperty().get()).isEqualTo("Yes; No");
        assertThat(vm.questions().getFirst().lowLabelProperty().get()).isEmpty();
        vm.questions().get(1).choicesProperty().set("Yes;；No ; \nPartly;");

        List<Question> qs = vm.questionsToSave();
        assertThat(qs.getFirst().lowLabel()).isNull();
        assertThat(qs.getFirst().highLabel()).isNull();
        assertThat(qs.get(1).choices()).extracting(c -> c.label(false)).containsExactly("Yes", "No", "Partly");
        AtomicReference<Survey> saved = new AtomicReference<>();
        vm.save(saved::set);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(saved.get().version()).isEqualTo(s.version());
        assertThat(saved.get().questions().get(1).choices()).hasSize(3);
    }
}
