package app.regulars.customer;

import app.regulars.i18n.UserException;
import app.regulars.tables.Progress;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static app.regulars.customer.DuplicateReason.BIRTHDAY;
import static app.regulars.customer.DuplicateReason.EMAIL;
import static app.regulars.customer.DuplicateReason.NAME;
import static app.regulars.customer.DuplicateReason.PHONE;
import static app.regulars.customer.DuplicateReason.PINYIN;
import static app.regulars.customer.DuplicateReason.SIMILAR_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The duplicate finder's reasons and scores, on customers as the store gives them (decision 0025). */
class DuplicateFinderTest {
    private long nextId = 1;

    private DuplicateFinder.Person person(String name, String email, Birthday birthday, String... phones) {
        long id = nextId++;
        return new DuplicateFinder.Person(id, "%06d".formatted(id), name, SearchTokens.sortKey(name), email, birthday, List.of(phones));
    }

    private static Birthday born(int year, int month, int day) {
        return Birthday.solar(LocalDate.of(year, month, day));
    }

    private static List<DuplicatePair> find(List<DuplicateFinder.Person> people) {
        return new DuplicateFinder(people, List.of()).find(Progress.NONE, () -> false).pairs();
    }

    private static DuplicatePair only(List<DuplicateFinder.Person> people) {
        List<DuplicatePair> pairs = find(people);
        assertThat(pairs).hasSize(1);
        return pairs.getFirst();
    }

    @Test
    void aSharedPhoneScores80AndNamesBothCustomersTheOlderFirst() {
        DuplicateFinder.Person a = person("王小明", null, null, "+8613812345678");
        DuplicateFinder.Person b = person("Wang Ming", null, null, "+8613900000000", "+8613812345678");
        DuplicatePair pair = only(List.of(b, a));
        assertThat(pair.reasons()).containsExactly(PHONE);
        assertThat(pair.score()).isEqualTo(80);
        assertThat(pair.a().code()).isEqualTo("000001");
        assertThat(pair.b().phones()).containsExactly("+8613900000000", "+8613812345678");
    }

    @Test
    void theSameEmailIgnoringCaseScores80() {
        DuplicatePair pair = only(List.of(person("Alice Smith", "Alice@Example.org", null), person("A. Smith", " alice@example.org", null)));
        assertThat(pair.reasons()).containsExactly(EMAIL);
        assertThat(pair.score()).isEqualTo(80);
    }

    @Test
    void theSameNameScores50AndWithTheSameBirthday75() {
        assertThat(only(List.of(person("王小明", null, null), person("王 小明", null, null))).score()).isEqualTo(50);
        DuplicatePair withBirthday = only(List.of(person("王小明", null, born(1988, 9, 26)), person("王小明", null, born(1988, 9, 26))));
        assertThat(withBirthday.reasons()).containsExactlyInAnyOrder(NAME, BIRTHDAY);
        assertThat(withBirthday.score()).isEqualTo(75);
        // A birthday without a year agrees with any year, and says less.
        DuplicatePair noYear = only(List.of(person("王小明", null, born(1988, 9, 26)),
                person("王小明", null, new Birthday(Birthday.Kind.SOLAR, null, 9, 26, false))));
        assertThat(noYear.reasons()).containsExactlyInAnyOrder(NAME, BIRTHDAY);
        assertThat(noYear.score()).isEqualTo(65);
        // Another year is another birthday.
        assertThat(only(List.of(person("王小明", null, born(1988, 9, 26)), person("王小明", null, born(1990, 9, 26)))).reasons())
                .containsExactly(NAME);
    }

    @Test
    void namesThatReadTheSameInPinyinScore35() {
        DuplicatePair chinese = only(List.of(person("王小明", null, null), person("汪小明", null, null)));
        assertThat(chinese.reasons()).containsExactly(PINYIN);
        assertThat(chinese.score()).isEqualTo(35);
        assertThat(only(List.of(person("王小明", null, null), person("Wang Xiaoming", null, null))).reasons()).containsExactly(PINYIN);
    }

    @Test
    void similarNamesCountOnlyWithTheSameBirthday() {
        DuplicatePair typo = only(List.of(person("王小明", null, born(1988, 9, 26)), person("黄小明", null, born(1988, 9, 26))));
        assertThat(typo.reasons()).containsExactlyInAnyOrder(SIMILAR_NAME, BIRTHDAY);
        assertThat(typo.score()).isEqualTo(65);
        assertThat(only(List.of(person("Jon Smith", null, born(1990, 1, 2)), person("John Smith", null, born(1990, 1, 2)))).reasons())
                .containsExactlyInAnyOrder(SIMILAR_NAME, BIRTHDAY);
        assertThat(only(List.of(person("Jonathan Smithers", null, born(1990, 1, 2)), person("Johnathan Smither", null, born(1990, 1, 2))))
                .reasons()).containsExactlyInAnyOrder(SIMILAR_NAME, BIRTHDAY);
        // Without the same birthday, a similar name is no reason to look.
        assertThat(find(List.of(person("王小明", null, born(1988, 9, 26)), person("黄小明", null, born(1988, 9, 27))))).isEmpty();
        assertThat(find(List.of(person("Jon Smith", null, null), person("John Smith", null, null)))).isEmpty();
        // Two-character names are the same or not: 王伟 and 王菲 are two people.
        assertThat(find(List.of(person("王伟", null, born(1988, 9, 26)), person("王菲", null, born(1988, 9, 26))))).isEmpty();
        // Names far apart, the same birthday: nothing.
        assertThat(find(List.of(person("王小明", null, born(1988, 9, 26)), person("Alice Smith", null, born(1988, 9, 26))))).isEmpty();
    }

    @Test
    void reasonsAddUpAsIndependentEvidence() {
        DuplicatePair pair = only(List.of(person("王小明", "xm@example.com", born(1988, 9, 26), "+8613812345678"),
                person("王小明", "XM@example.com", born(1988, 9, 26), "+8613812345678")));
        assertThat(pair.reasonsInOrder()).containsExactly(PHONE, EMAIL, NAME, BIRTHDAY);
        assertThat(pair.score()).isEqualTo(99); // 1 - 0.2 × 0.2 × 0.5 × 0.5
        assertThat(only(List.of(person("王小明", null, null, "+8613812345678"), person("王小明", null, null, "+8613812345678"))).score())
                .isEqualTo(90);
    }

    @Test
    void theLikeliestComeFirst() {
        List<DuplicatePair> pairs = find(List.of(
                person("汪小明", null, null), person("王小明", null, null),
                person("Alice", null, null, "+16502530000"), person("Alicia", null, null, "+16502530000"),
                person("曾晓燕", null, born(1992, 12, 1)), person("曾晓燕", null, born(1992, 12, 1))));
        assertThat(pairs).extracting(DuplicatePair::score).containsExactly(80, 75, 35);
    }

    @Test
    void aCommonNameOrASharedNumberIsNoReasonOnItsOwn() {
        List<DuplicateFinder.Person> people = new ArrayList<>();
        for (int i = 0; i < DuplicateFinder.COMMON + 1; i++) {
            people.add(person("王伟", null, born(1970 + i, 1, 1)));
        }
        DuplicateFinder.Result result = new DuplicateFinder(people, List.of()).find(Progress.NONE, () -> false);
        assertThat(result.pairs()).isEmpty();
        assertThat(result.leftOut()).isEqualTo(2); // the name and its pinyin
        assertThat(result.customers()).isEqualTo(DuplicateFinder.COMMON + 1);

        // ... but with a birthday in common, two of them are a pair, scored as sharing a common name.
        people.add(person("王伟", null, born(1970, 1, 1)));
        List<DuplicatePair> pairs = new DuplicateFinder(people, List.of()).find(Progress.NONE, () -> false).pairs();
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.reasons()).containsExactlyInAnyOrder(NAME, BIRTHDAY);
            assertThat(p.score()).isEqualTo(60); // 1 - 0.8 × 0.5
        });

        List<DuplicateFinder.Person> shop = new ArrayList<>();
        for (int i = 0; i < DuplicateFinder.SHARED + 1; i++) {
            shop.add(person("Customer " + (char) ('A' + i) + i * 7919, null, null, "+8657100000000"));
        }
        DuplicateFinder.Result shared = new DuplicateFinder(shop, List.of()).find(Progress.NONE, () -> false);
        assertThat(shared.pairs()).isEmpty();
        assertThat(shared.leftOut()).isEqualTo(1);
    }

    @Test
    void aDismissedPairIsLeftOut() {
        DuplicateFinder.Person a = person("王小明", null, null, "+8613812345678");
        DuplicateFinder.Person b = person("王小明", null, null, "+8613812345678");
        DuplicateFinder.Person c = person("王小明", null, null);
        List<DuplicatePair> pairs = new DuplicateFinder(List.of(a, b, c), Set.of(DuplicateFinder.Pair.of(b.id(), a.id())))
                .find(Progress.NONE, () -> false).pairs();
        assertThat(pairs).extracting(p -> p.a().id() + "-" + p.b().id()).containsExactlyInAnyOrder("1-3", "2-3");
    }

    @Test
    void aCancelStopsTheSearch() {
        List<DuplicateFinder.Person> people = List.of(person("王小明", null, null), person("王小明", null, null));
        assertThatThrownBy(() -> new DuplicateFinder(people, List.of()).find(Progress.NONE, () -> true))
                .isInstanceOf(UserException.class).extracting(e -> ((UserException) e).key()).isEqualTo("common.cancelled");
    }

    @Test
    void theDistanceCountsInsertionsDeletionsChangesAndSwaps() {
        assertThat(DuplicateFinder.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DuplicateFinder.distance("ca", "ac")).isEqualTo(1);
        assertThat(DuplicateFinder.distance("jonsmith", "johnsmith")).isEqualTo(1);
        assertThat(DuplicateFinder.distance("王小明", "王晓明")).isEqualTo(1);
        assertThat(DuplicateFinder.distance("王小明", "小明王")).isEqualTo(2);
        assertThat(DuplicateFinder.distance("", "abc")).isEqualTo(3);
        assertThat(DuplicateFinder.distance("same", "same")).isZero();
        // Bounded: as soon as it is known to be more than the bound, the bound + 1.
        DuplicateFinder f = new DuplicateFinder(List.of(), List.of());
        assertThat(f.distance("abcdef".chars().toArray(), "uvwxyz".chars().toArray(), 1)).isEqualTo(2);
        assertThat(f.distance("abc".chars().toArray(), "abcdefgh".chars().toArray(), 2)).isEqualTo(3);
    }
}
