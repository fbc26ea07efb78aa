package app.regulars.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Both bundles hold the same keys, and every key the code names is in them. */
class LocalizationConsistencyTest {
    private static final Pattern KEY_LITERAL = Pattern.compile("\"((?:app|common|store|customer|cli|exchange|demo|nav|onboarding|format|error|survey|insight)\\.[A-Za-z0-9.]*[A-Za-z0-9])\"");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LocalizationConsistencyTest.class.getResourceAsStream("/app/regulars/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndChineseBundlesHaveTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> zh = new TreeSet<>(load("messages_zh_CN.properties").stringPropertyNames());
        assertThat(zh).as("keys only in English must be translated").containsAll(en);
        assertThat(en).as("keys only in Chinese").containsAll(zh);
    }

    @Test
    void everyKeyNamedInTheCodeExists() throws IOException {
        Properties en = load("messages.properties");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    // Keys completed at run time ("customer.gender." + name) end with a dot and are not matched.
                    if (!en.containsKey(key) && !key.startsWith("app.regulars.")) {
                        missing.add(key + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void keysCompletedAtRunTimeExistForEveryValue() throws IOException {
        Properties zh = load("messages_zh_CN.properties");
        for (var g : app.regulars.customer.Gender.values()) {
            assertThat(zh).containsKey("customer.gender." + g.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (var c : app.regulars.customer.MarketingChannel.values()) {
            assertThat(zh).containsKey("customer.channel." + c.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (var k : app.regulars.insight.Kpi.values()) {
            assertThat(zh).containsKeys(k.key(), k.key() + ".formula");
        }
        for (var s : app.regulars.insight.Segment.values()) {
            assertThat(zh).containsKeys(s.key(), s.key() + ".action");
        }
        for (var l : app.regulars.insight.Lifecycle.values()) {
            assertThat(zh).containsKey(l.key());
        }
        for (var v : app.regulars.insight.ValueClass.values()) {
            assertThat(zh).containsKey(v.key());
        }
        for (var k : app.regulars.customer.CustomerEditorViewModel.BirthdayKind.values()) {
            assertThat(zh).containsKey("customer.birthday." + k.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void noKeyIsDefinedTwice() throws IOException {
        // Properties keep the last of two lines with one key: two features' texts for one key, one silently lost.
        for (String bundle : new String[]{"messages.properties", "messages_zh_CN.properties"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            try (InputStream in = LocalizationConsistencyTest.class.getResourceAsStream("/app/regulars/i18n/" + bundle)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int eq = line.indexOf('=');
                    if (!line.isBlank() && !line.startsWith("#") && eq > 0 && !seen.add(line.substring(0, eq).strip())) {
                        twice.add(line.substring(0, eq).strip());
                    }
                }
            }
            assertThat(twice).as(bundle).isEmpty();
        }
    }

    @Test
    void aMessageWithArgumentsQuotesItsApostrophes() throws IOException {
        // With arguments, MessageFormat drops a lone ' (and what follows up to the next one): "can't" shows as "cant".
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        for (String bundle : new String[]{"messages.properties", "messages_zh_CN.properties"}) {
            Properties p = load(bundle);
            Set<String> wrong = new TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                String pattern = p.getProperty(key);
                if (pattern.matches("(?s).*\\{\\d.*") && lone.matcher(pattern).find()) {
                    wrong.add(key);
                }
            }
            assertThat(wrong).as(bundle + ": write '' for an apostrophe in a message with {0}").isEmpty();
        }
    }

    @Test
    void everyMessagePatternFormatsInBothLanguages() throws IOException {
        for (String bundle : new String[]{"messages.properties", "messages_zh_CN.properties"}) {
            Properties p = load(bundle);
            for (String key : p.stringPropertyNames()) {
                Object[] args = {1, 2, 3, 4};
                new java.text.MessageFormat(p.getProperty(key)).format(args); // throws on a broken pattern
            }
        }
    }
}
