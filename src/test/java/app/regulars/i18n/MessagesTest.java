package app.regulars.i18n;

import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {
    @Test
    void aPatternParsedOnceStillFormatsEachCallsArguments() {
        Messages en = new Messages(Locale.ENGLISH);
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        assertThat(en.get("cli.demo.progress", 10_000, 100_000)).isEqualTo("Saved 10,000 of 100,000.");
        assertThat(en.get("cli.demo.progress", 20_000, 100_000)).isEqualTo("Saved 20,000 of 100,000.");
        assertThat(zh.get("cli.demo.progress", 20_000, 100_000)).isEqualTo(
                new MessageFormat(java.util.ResourceBundle.getBundle(Messages.BUNDLE, Locale.SIMPLIFIED_CHINESE)
                        .getString("cli.demo.progress"), Locale.SIMPLIFIED_CHINESE).format(new Object[] {20_000, 100_000}));
        assertThat(en.get("cli.demo.progress")).as("no arguments: the pattern as it is").contains("{0");
    }
}
