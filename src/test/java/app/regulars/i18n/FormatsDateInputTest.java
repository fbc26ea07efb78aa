package app.regulars.i18n;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Date fields read and write dates in the app's language, whatever the machine's locale is. */
class FormatsDateInputTest {
    private static final LocalDate NOV_23 = LocalDate.of(2026, 11, 23);
    private final Locale machine = Locale.getDefault(Locale.Category.FORMAT);
    private final Formats zh = new Formats(new Messages(Messages.CHINESE));
    private final Formats en = new Formats(new Messages(Messages.ENGLISH));

    @AfterEach
    void restore() {
        Locale.setDefault(Locale.Category.FORMAT, machine);
    }

    @Test
    void showsTheAppLanguagesNumericStyleWithTheFullYearOnAnyMachine() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        assertThat(new Formats(new Messages(Messages.CHINESE)).dateInput(NOV_23)).isEqualTo("2026/11/23");
        Locale.setDefault(Locale.Category.FORMAT, Locale.SIMPLIFIED_CHINESE);
        assertThat(new Formats(new Messages(Messages.ENGLISH)).dateInput(NOV_23)).isEqualTo("11/23/2026");
        assertThat(en.dateInput(LocalDate.of(2027, 1, 5))).isEqualTo("1/5/2027");
        assertThat(zh.dateInput(null)).isEmpty();
    }

    @Test
    void readsWhatAChineseUserTypes() {
        for (String typed : new String[]{"2026/11/23", "2026-11-23", "2026.11.23", "2026年11月23日", " 2026/11/23 ", "２０２６／１１／２３", zh.date(NOV_23)}) {
            assertThat(zh.parseDateInput(typed)).as(typed).isEqualTo(NOV_23);
        }
        assertThat(zh.parseDateInput("2027-1-5")).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void readsWhatAnEnglishUserTypes() {
        for (String typed : new String[]{"11/23/2026", "11/23/26", "2026-11-23", "2026/11/23", "Nov 23, 2026", "nov 23, 2026", "November 23, 2026", en.date(NOV_23)}) {
            assertThat(en.parseDateInput(typed)).as(typed).isEqualTo(NOV_23);
        }
        assertThat(en.parseDateInput("1/5/2027")).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void blankIsNoDate() {
        assertThat(en.parseDateInput("  ")).isNull();
        assertThat(zh.parseDateInput(null)).isNull();
    }

    @Test
    void anythingElseIsAMessageInTheUsersLanguageNamingTheText() {
        for (String typed : new String[]{"tomorrow", "2/30/2026", "2026-13-01", "23/11/2026", "1/2/26x"}) {
            assertThatThrownBy(() -> en.parseDateInput(typed)).as(typed).isInstanceOf(UserException.class)
                    .extracting(e -> ((UserException) e).localizedMessage(new Messages(Messages.ENGLISH)))
                    .asString().contains(typed).contains("11/23/2026");
        }
        assertThatThrownBy(() -> zh.parseDateInput("明天")).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).localizedMessage(new Messages(Messages.CHINESE)))
                .asString().isEqualTo("“明天”不是日期。请按 2026/11/23 或 2026-11-23 的格式输入；已保留原来的日期。");
    }
}
