package app.regulars.customer;

import com.ibm.icu.text.Transliterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pinyin of names through ICU4J, computed once when a customer is saved. ICU reads every
 * character as an ordinary word, so the first character of a name goes through a table
 * of surnames read differently (曾 zeng, 单 shan, ...).
 */
public final class Pinyin {
    private static final Map<Integer, String> SURNAMES = Map.ofEntries(
            Map.entry((int) '曾', "zeng"), Map.entry((int) '单', "shan"), Map.entry((int) '解', "xie"),
            Map.entry((int) '仇', "qiu"), Map.entry((int) '朴', "piao"), Map.entry((int) '查', "zha"),
            Map.entry((int) '区', "ou"), Map.entry((int) '盖', "ge"), Map.entry((int) '乐', "yue"),
            Map.entry((int) '覃', "qin"), Map.entry((int) '翟', "zhai"), Map.entry((int) '缪', "miao"),
            Map.entry((int) '尉', "yu"), Map.entry((int) '长', "chang"), Map.entry((int) '沈', "shen"),
            Map.entry((int) '秘', "bi"), Map.entry((int) '繁', "po"), Map.entry((int) '种', "chong"),
            Map.entry((int) '员', "yun"), Map.entry((int) '黑', "he"), Map.entry((int) '重', "chong"),
            Map.entry((int) '柏', "bai"), Map.entry((int) '藏', "zang"), Map.entry((int) '华', "hua"),
            Map.entry((int) '任', "ren"), Map.entry((int) '朝', "chao"), Map.entry((int) '纪', "ji"),
            Map.entry((int) '眭', "sui"), Map.entry((int) '适', "kuo"), Map.entry((int) '万', "wan"));

    private static final Transliterator HAN_LATIN = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");
    private static final Map<Integer, String> CACHE = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");

    private Pinyin() {
    }

    /**
     * The words of a name in Latin letters: one syllable per Chinese character, other runs of
     * letters and digits as they are (lower case). {@code 王小明} → [wang, xiao, ming].
     */
    public static Syllables of(String text) {
        List<String> words = new ArrayList<>();
        List<Boolean> han = new ArrayList<>();
        StringBuilder latin = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flush(latin, words, han);
                String s = first && SURNAMES.containsKey(cp) ? SURNAMES.get(cp) : syllable(cp);
                words.add(s);
                han.add(Boolean.TRUE);
                first = false;
            } else if (Character.isLetterOrDigit(cp)) {
                latin.appendCodePoint(Character.toLowerCase(cp));
                first = false;
            } else {
                flush(latin, words, han);
            }
        }
        flush(latin, words, han);
        return new Syllables(List.copyOf(words), List.copyOf(han));
    }

    private static void flush(StringBuilder latin, List<String> words, List<Boolean> han) {
        if (!latin.isEmpty()) {
            words.add(asciiFold(latin.toString()));
            han.add(Boolean.FALSE);
            latin.setLength(0);
        }
    }

    private static String syllable(int cp) {
        return CACHE.computeIfAbsent(cp, c -> {
            String s;
            synchronized (HAN_LATIN) {
                s = HAN_LATIN.transliterate(new String(Character.toChars(c)));
            }
            return s.replaceAll("[^a-z0-9]", "");
        });
    }

    private static String asciiFold(String s) {
        if (SearchTokens.ascii(s)) {
            return s.toLowerCase(Locale.ROOT); // nothing to fold; no pattern per name (decision 0035)
        }
        String folded = MARKS.matcher(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKD)).replaceAll("");
        return folded.toLowerCase(Locale.ROOT);
    }

    /** The syllables of a text and which of them came from Chinese characters. */
    public record Syllables(List<String> words, List<Boolean> fromHan) {
        /** All syllables joined: {@code wangxiaoming}. */
        public String joined() {
            return String.join("", words);
        }

        /** Spaced, for sorting: {@code wang xiao ming}. */
        public String spaced() {
            return String.join(" ", words);
        }

        /** The first letter of each Chinese syllable: {@code wxm}; empty for a name without Chinese. */
        public String initials() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words.size(); i++) {
                if (fromHan.get(i) && !words.get(i).isEmpty()) {
                    sb.append(words.get(i).charAt(0));
                }
            }
            return sb.toString();
        }

        public boolean hasHan() {
            return fromHan.contains(Boolean.TRUE);
        }
    }
}
