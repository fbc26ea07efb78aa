package app.regulars.customer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The phones an import's first pass found, given again to its second (decision 0035). */
class ImportPhonesTest {
    private final PhoneNumbers phones = new PhoneNumbers("CN");
    private final List<String> parsed = new ArrayList<>();
    private final ImportPhones memo = new ImportPhones(raw -> {
        parsed.add(raw);
        return phones.normalize(raw);
    });

    @Test
    void theSecondPassTakesTheFirstPassNumbersWithoutParsingAgain() {
        UnaryOperator<String> first = memo.recording();
        assertThat(first.apply("138 1234 5678")).isEqualTo("+8613812345678");
        assertThat(first.apply("+44 20 7946 0958")).isEqualTo("+442079460958");
        memo.endRow();
        memo.endRow(); // a row without phones
        assertThat(first.apply("13987654321")).isEqualTo("+8613987654321");
        memo.endRow();
        parsed.clear();

        UnaryOperator<String> row0 = memo.replay(0);
        assertThat(row0.apply("138 1234 5678")).isEqualTo("+8613812345678");
        assertThat(row0.apply("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(memo.replay(2).apply("13987654321")).isEqualTo("+8613987654321");
        assertThat(parsed).isEmpty();
    }

    @Test
    void aPhoneNotAsTheFirstPassReadItIsParsedAgain() {
        UnaryOperator<String> first = memo.recording();
        first.apply("13812345678");
        first.apply("13987654321");
        memo.endRow();
        parsed.clear();

        UnaryOperator<String> row0 = memo.replay(0);
        assertThat(row0.apply("13600001111")).isEqualTo("+8613600001111"); // the file changed between the passes
        assertThat(row0.apply("13987654321")).isEqualTo("+8613987654321");
        assertThat(row0.apply("13512345678")).isEqualTo("+8613512345678"); // one more than the first pass read
        assertThat(parsed).containsExactly("13600001111", "13987654321", "13512345678");
        assertThat(memo.replay(5).apply("13812345678")).isEqualTo("+8613812345678"); // a row the first pass never read
    }
}
